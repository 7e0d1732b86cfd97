package dev.poolwise.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads MBeans registered under Poolwise's and HikariCP's names in this JVM's platform MBean server, with
 * the attribute names the two libraries use. The real libraries over a real attach are in TopCommandTest.
 */
class PoolReaderTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    @AfterEach
    void unregister() throws JMException {
        for (ObjectName name : registered) {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        }
    }

    @Test
    void readsPoolwisePoolsWithEveryColumn() throws Exception {
        register(new FakePoolwise("reader-orders", 6, 3, 2, 1, 8, 4, 2, "UP", "adaptive", 6, 1),
                "dev.poolwise:type=Pool,name=reader-orders");
        register(new FakePoolwise("reader \"quoted\" pool", 1, 1, 0, 0, 1, 0, 0, "DOWN (refused)", "static", 1, 0),
                "dev.poolwise:type=Pool,name=" + ObjectName.quote("reader \"quoted\" pool"));

        List<PoolSnapshot> pools = mine(new PoolReader(server).read());

        assertThat(pools).containsExactly(
                new PoolSnapshot("reader \"quoted\" pool", PoolLibrary.POOLWISE, "static", 1, 1, 0, 0, 0, 1, 1, 0L,
                        0L,
                        "DOWN (refused)"),
                new PoolSnapshot("reader-orders", PoolLibrary.POOLWISE, "adaptive", 6, 3, 2, 1, 1, 6, 8, 4L, 2L, "UP"));
    }

    @Test
    void aPoolwisePoolFromBeforeAdaptiveSizingHasNoSizingOrTarget() throws Exception {
        register(new EarlierPoolwise("reader-earlier", 2, 1, 1, 0, 2, 0, 0, "UP"),
                "dev.poolwise:type=Pool,name=reader-earlier");

        assertThat(mine(new PoolReader(server).read())).containsExactly(
                new PoolSnapshot("reader-earlier", PoolLibrary.POOLWISE, null, 2, 1, 1, null, 0, null, 2, 0L, 0L,
                        "UP"));
    }

    @Test
    void readsHikariPoolsInBothNamingsWithTheMaximumFromPoolConfig() throws Exception {
        register(new FakeHikariPool(4, 2, 2, 0), "com.zaxxer.hikari:type=Pool (reader-legacy)");
        register(new FakeHikariConfig(4), "com.zaxxer.hikari:type=PoolConfig (reader-legacy)");
        register(new FakeHikariPool(10, 10, 0, 3), "com.zaxxer.hikari:type=Pool,name=reader-v2");
        register(new FakeHikariConfig(10), "com.zaxxer.hikari:type=PoolConfig,name=reader-v2");

        List<PoolSnapshot> pools = mine(new PoolReader(server).read());

        assertThat(pools).containsExactly(
                new PoolSnapshot("reader-legacy", PoolLibrary.HIKARI, null, 4, 2, 2, null, 0, null, 4, null, null,
                        null),
                new PoolSnapshot("reader-v2", PoolLibrary.HIKARI, null, 10, 10, 0, null, 3, null, 10, null, null,
                        null));
    }

    @Test
    void aHikariPoolWithoutItsConfigMBeanHasNoMaximum() throws Exception {
        register(new FakeHikariPool(3, 1, 2, 0), "com.zaxxer.hikari:type=Pool (reader-lonely)");

        assertThat(mine(new PoolReader(server).read())).containsExactly(
                new PoolSnapshot("reader-lonely", PoolLibrary.HIKARI, null, 3, 1, 2, null, 0, null, null, null, null,
                        null));
    }

    @Test
    void poolwisePoolsComeFirstThenHikariEachByName() throws Exception {
        register(new FakeHikariPool(1, 0, 1, 0), "com.zaxxer.hikari:type=Pool (reader-a)");
        register(new FakePoolwise("reader-z", 1, 0, 1, 0, 1, 0, 0, "UP", "static", 1, 0),
                "dev.poolwise:type=Pool,name=reader-z");
        register(new FakePoolwise("reader-b", 1, 0, 1, 0, 1, 0, 0, "UP", "static", 1, 0),
                "dev.poolwise:type=Pool,name=reader-b");

        assertThat(mine(new PoolReader(server).read())).extracting(PoolSnapshot::name)
                .containsExactly("reader-b", "reader-z", "reader-a");
    }

    @Test
    void otherMBeansInTheDomainsAreNotPools() {
        Set<ObjectName> names = Set.of(name("com.zaxxer.hikari:type=PoolConfig (x)"),
                name("com.zaxxer.hikari:type=PoolConfig,name=x"), name("com.zaxxer.hikari:name=x"),
                name("com.zaxxer.hikari:type=Pool"), name("com.zaxxer.hikari:type=Pool (x)"));

        assertThat(PoolReader.hikariPools(names)).containsExactly(name("com.zaxxer.hikari:type=Pool (x)"));
        assertThat(PoolReader.hikariConfigName(name("com.zaxxer.hikari:type=Pool (my pool)")))
                .isEqualTo(name("com.zaxxer.hikari:type=PoolConfig (my pool)"));
    }

    private void register(Object bean, String name) throws JMException {
        ObjectName objectName = new ObjectName(name);
        server.registerMBean(bean, objectName);
        registered.add(objectName);
    }

    /** Leaves out pools other tests in this JVM may have open. */
    private static List<PoolSnapshot> mine(List<PoolSnapshot> pools) {
        return pools.stream().filter(pool -> pool.name().startsWith("reader")).toList();
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The attributes of dev.poolwise.PoolwiseMXBean that top reads, under the same names. */
    public interface FakePoolwiseMXBean {
        String getPoolName();

        int getTotalConnections();

        int getActiveConnections();

        int getIdleConnections();

        int getThreadsAwaitingConnection();

        int getMaximumPoolSize();

        long getConnectionTimeouts();

        long getSuspectedLeaks();

        String getHealth();

        String getSizing();

        int getTargetSize();

        int getReservedConnections();
    }

    public record FakePoolwise(String getPoolName, int getTotalConnections, int getActiveConnections,
            int getIdleConnections, int getThreadsAwaitingConnection, int getMaximumPoolSize,
            long getConnectionTimeouts, long getSuspectedLeaks, String getHealth, String getSizing,
            int getTargetSize, int getReservedConnections) implements FakePoolwiseMXBean {
    }

    /** The MXBean of a Poolwise release from before adaptive sizing: no Sizing, TargetSize or ReservedConnections. */
    public interface EarlierPoolwiseMXBean {
        String getPoolName();

        int getTotalConnections();

        int getActiveConnections();

        int getIdleConnections();

        int getThreadsAwaitingConnection();

        int getMaximumPoolSize();

        long getConnectionTimeouts();

        long getSuspectedLeaks();

        String getHealth();
    }

    public record EarlierPoolwise(String getPoolName, int getTotalConnections, int getActiveConnections,
            int getIdleConnections, int getThreadsAwaitingConnection, int getMaximumPoolSize,
            long getConnectionTimeouts, long getSuspectedLeaks, String getHealth) implements EarlierPoolwiseMXBean {
    }

    /** HikariPoolMXBean's counts, under the same names. */
    public interface FakeHikariPoolMXBean {
        int getTotalConnections();

        int getActiveConnections();

        int getIdleConnections();

        int getThreadsAwaitingConnection();
    }

    public record FakeHikariPool(int getTotalConnections, int getActiveConnections, int getIdleConnections,
            int getThreadsAwaitingConnection) implements FakeHikariPoolMXBean {
    }

    /** HikariConfigMXBean's maximum, under the same name. */
    public interface FakeHikariConfigMXBean {
        int getMaximumPoolSize();
    }

    public record FakeHikariConfig(int getMaximumPoolSize) implements FakeHikariConfigMXBean {
    }
}
