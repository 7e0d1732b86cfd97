package dev.poolwise.internal.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;

/**
 * Asks a driver whether its connection is inside a transaction, where the driver keeps that state on the
 * client side and says so: pgjdbc ({@code BaseConnection.getTransactionState()}: IDLE, OPEN, FAILED, from the
 * server's ReadyForQuery status) and MariaDB Connector/J 3 ({@code getContext().getServerStatus()}, bit
 * {@code IN_TRANSACTION}, from every OK packet). Neither costs a round trip.
 *
 * <p>With it, the reset on return rolls back exactly when a transaction is open, whatever opened it (an
 * explicit {@code BEGIN} under auto-commit, an updatable result set, metadata queries), and skips the rollback
 * when none is. For other drivers it answers {@link #UNKNOWN} and the reset falls back on what the handle saw.
 *
 * <p>Core may depend on nothing but slf4j-api, so the driver's methods are found by name, once per driver
 * connection class (a {@link ClassValue}), and called through method handles (no boxing, no varargs).
 */
final class DriverTransactionState {

    /** The driver does not say; rely on what the handle saw. */
    static final int UNKNOWN = 0;
    /** No transaction is open. */
    static final int IDLE = 1;
    /** A transaction is open (or failed and awaits its rollback). */
    static final int OPEN = 2;

    private static final ClassValue<Probe> PROBES = new ClassValue<>() {
        @Override
        protected Probe computeValue(Class<?> type) {
            return probeFor(type);
        }
    };

    private DriverTransactionState() {
    }

    /**
     * @param raw the driver's connection
     * @return {@link #IDLE}, {@link #OPEN} or {@link #UNKNOWN}
     */
    static int of(Connection raw) {
        return PROBES.get(raw.getClass()).state(raw);
    }

    /** Finds the probe for a driver's connection class (not cached; see {@link DriverTraits}). */
    static Probe probeFor(Class<?> type) {
        Probe probe = PostgresProbe.find(type);
        if (probe == null) {
            probe = MariaDbProbe.find(type);
        }
        return probe == null ? Probe.NONE : probe;
    }

    /**
     * @param raw the driver's connection
     * @return whether it is pgjdbc's (where {@code setSchema} replaces the whole {@code search_path})
     */
    static boolean isPostgres(Connection raw) {
        return PROBES.get(raw.getClass()) instanceof PostgresProbe;
    }

    /** How one driver's connection class reports its transaction state. */
    abstract static class Probe {
        static final Probe NONE = new Probe() {
            @Override
            int state(Connection raw) {
                return UNKNOWN;
            }
        };

        abstract int state(Connection raw);
    }

    /** pgjdbc: {@code org.postgresql.core.BaseConnection#getTransactionState()}, an enum IDLE/OPEN/FAILED. */
    static final class PostgresProbe extends Probe {
        private final MethodHandle getTransactionState;
        private final Object idle;

        private PostgresProbe(MethodHandle getTransactionState, Object idle) {
            this.getTransactionState = getTransactionState;
            this.idle = idle;
        }

        static Probe find(Class<?> type) {
            Class<?> base = assignableTo(type, "org.postgresql.core.BaseConnection");
            if (base == null) {
                return null;
            }
            try {
                Class<?> stateType = Class.forName("org.postgresql.core.TransactionState", false, base.getClassLoader());
                MethodHandle handle = MethodHandles.publicLookup()
                        .findVirtual(base, "getTransactionState", MethodType.methodType(stateType))
                        .asType(MethodType.methodType(Object.class, Connection.class));
                Object idle = null;
                for (Object constant : stateType.getEnumConstants()) {
                    if ("IDLE".equals(((Enum<?>) constant).name())) {
                        idle = constant;
                    }
                }
                return idle == null ? null : new PostgresProbe(handle, idle);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }

        @Override
        int state(Connection raw) {
            try {
                return (Object) getTransactionState.invokeExact(raw) == idle ? IDLE : OPEN;
            } catch (Throwable e) {
                return UNKNOWN;
            }
        }
    }

    /** MariaDB Connector/J 3: {@code org.mariadb.jdbc.Connection#getContext().getServerStatus() & 1}. */
    static final class MariaDbProbe extends Probe {
        private static final int IN_TRANSACTION = 1;
        private final MethodHandle serverStatus;

        private MariaDbProbe(MethodHandle serverStatus) {
            this.serverStatus = serverStatus;
        }

        static Probe find(Class<?> type) {
            Class<?> connection = assignableTo(type, "org.mariadb.jdbc.Connection");
            if (connection == null) {
                return null;
            }
            try {
                ClassLoader loader = connection.getClassLoader();
                Class<?> context = Class.forName("org.mariadb.jdbc.client.Context", false, loader);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle getContext = lookup.findVirtual(connection, "getContext", MethodType.methodType(context));
                MethodHandle getStatus = lookup.findVirtual(context, "getServerStatus", MethodType.methodType(int.class));
                MethodHandle combined = MethodHandles.filterReturnValue(getContext, getStatus)
                        .asType(MethodType.methodType(int.class, Connection.class));
                return new MariaDbProbe(combined);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }

        @Override
        int state(Connection raw) {
            try {
                return ((int) serverStatus.invokeExact(raw) & IN_TRANSACTION) != 0 ? OPEN : IDLE;
            } catch (Throwable e) {
                return UNKNOWN;
            }
        }
    }

    /** @return the class or interface named {@code name} if {@code type} is one, else {@code null} */
    private static Class<?> assignableTo(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
            Class<?> found = inInterfaces(c.getInterfaces(), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Class<?> inInterfaces(Class<?>[] interfaces, String name) {
        for (Class<?> i : interfaces) {
            if (i.getName().equals(name)) {
                return i;
            }
            Class<?> found = inInterfaces(i.getInterfaces(), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
