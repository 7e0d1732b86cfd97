package dev.poolwise.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between the pool and a real database that can pass, delay, cut or black-hole the
 * traffic, so that the tests see what a network fault looks like to the driver.
 *
 * <p>It listens on {@code 127.0.0.1} on a free port ({@link #port()}) and forwards every accepted connection
 * to {@code 127.0.0.1:targetPort}, with two pump threads per connection (platform daemon threads named
 * {@code fault-proxy-*}). Faults:
 * <ul>
 *   <li>{@link #blackHole()}: new connections are accepted but never reach the database, and every byte in
 *       either direction on every connection, old or new, is read and dropped, as a network that silently
 *       loses packets. The client sees no error, only silence, until its own timeout. {@link #pass()} lets
 *       bytes through again (what was dropped stays lost, so a connection that sent during the outage is
 *       out of step with its server, as after a real outage).</li>
 *   <li>{@link #delay(Duration)}: each chunk is held this long before it is forwarded.</li>
 *   <li>{@link #cutAll()}: every open connection is reset (RST to the client, close to the server), as a
 *       firewall or load balancer dropping its connection table.</li>
 *   <li>{@link #holdNewConnectionsFor(Duration)}: a connection accepted in this window is forwarded only when
 *       the window ends (a database waking from scale-to-zero that accepts only after a while).</li>
 *   <li>{@link #refuseNewConnectionsFor(Duration)}: a connection accepted in this window is reset at once (a
 *       database that refuses while it starts).</li>
 * </ul>
 * The proxy is loopback only and bounded: it serves only connections the test's own pool opens.
 */
final class FaultProxy implements AutoCloseable {

    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final int targetPort;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final String name = "fault-proxy-" + NUMBER.incrementAndGet();

    private volatile boolean blackHoled;
    private volatile long delayMillis;
    private volatile long holdUntilNanos = System.nanoTime();
    private volatile long refuseUntilNanos = System.nanoTime();
    private volatile boolean closed;

    /** Starts a proxy on a free loopback port forwarding to {@code 127.0.0.1:targetPort}. */
    FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port to point the JDBC URL at */
    int port() {
        return server.getLocalPort();
    }

    /** @return connections accepted so far */
    int accepted() {
        return accepted.get();
    }

    /** Lets traffic through again, undelayed. */
    void pass() {
        delayMillis = 0;
        blackHoled = false;
    }

    /** Drops every byte on every connection and keeps new connections from reaching the database. */
    void blackHole() {
        blackHoled = true;
    }

    /** Holds each chunk this long before forwarding it. */
    void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Resets every open connection. */
    void cutAll() {
        for (Link link : links) {
            link.reset();
        }
    }

    /** Connections accepted during the next {@code hold} are forwarded only once it has passed. */
    void holdNewConnectionsFor(Duration hold) {
        holdUntilNanos = System.nanoTime() + hold.toNanos();
    }

    /** Connections accepted during the next {@code refuse} are reset at once. */
    void refuseNewConnectionsFor(Duration refuse) {
        refuseUntilNanos = System.nanoTime() + refuse.toNanos();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        cutAll();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (System.nanoTime() - refuseUntilNanos < 0) {
                resetQuietly(client);
                continue;
            }
            Link link = new Link(client);
            links.add(link);
            Thread starter = new Thread(link::start, name + "-link");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // closed already
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    /** One client connection and, once connected, its server connection. */
    private final class Link {
        private final Socket client;
        private volatile Socket upstream;
        private volatile boolean done;

        Link(Socket client) {
            this.client = client;
        }

        /** Runs on its own thread: waits out a hold, connects upstream (unless black-holed), starts the pumps. */
        void start() {
            try {
                client.setTcpNoDelay(true);
                long wait;
                while (!done && (wait = holdUntilNanos - System.nanoTime()) > 0) {
                    Thread.sleep(Math.max(1, wait / 1_000_000));
                }
                if (blackHoled) {
                    // Swallow whatever the client sends; never answer. Ends when the client gives up.
                    pump(client.getInputStream(), null);
                    return;
                }
                Socket server = new Socket();
                server.setTcpNoDelay(true);
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                upstream = server;
                if (done) {
                    reset();
                    return;
                }
                Thread back = new Thread(() -> pumpQuietly(server, client), name + "-s2c");
                back.setDaemon(true);
                back.start();
                pump(client.getInputStream(), server.getOutputStream());
            } catch (IOException | InterruptedException e) {
                // the connection ends
            } finally {
                reset();
            }
        }

        private void pumpQuietly(Socket from, Socket to) {
            try {
                pump(from.getInputStream(), to.getOutputStream());
            } catch (IOException e) {
                // the connection ends
            } finally {
                reset();
            }
        }

        /** Copies until end of stream, dropping bytes while black-holed and delaying while asked to. */
        private void pump(InputStream in, OutputStream out) throws IOException {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (blackHoled || out == null) {
                    continue;
                }
                long delay = delayMillis;
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        }

        /** Resets the client side and closes the server side; idempotent. */
        void reset() {
            done = true;
            resetQuietly(client);
            Socket server = upstream;
            if (server != null) {
                resetQuietly(server);
            }
            links.remove(this);
        }
    }
}
