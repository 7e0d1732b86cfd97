package dev.poolwise.cli.top;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Reads every Poolwise and HikariCP pool an MBean server knows into {@link PoolSnapshot}s, one
 * {@code getAttributes} round trip per MBean.
 *
 * <ul>
 *   <li>Poolwise: {@code dev.poolwise:type=Pool,name=<poolName>} ({@code dev.poolwise.PoolwiseMXBean}); a release
 *       from before adaptive sizing has no {@code Sizing} or {@code TargetSize}, one from before the reserve's
 *       reporting no {@code ReservedConnections}, which then stay {@code null}.</li>
 *   <li>HikariCP: {@code com.zaxxer.hikari:type=Pool (<poolName>)} for the counts and
 *       {@code com.zaxxer.hikari:type=PoolConfig (<poolName>)} for {@code MaximumPoolSize}; or, when the
 *       application runs with {@code -Dhikaricp.jmx.register2.0=true}, {@code type=Pool,name=<poolName>} and
 *       {@code type=PoolConfig,name=<poolName>}. HikariCP publishes no sizing mode, target size, reserve,
 *       timeout, leak or health figures over JMX, so those stay {@code null}.</li>
 * </ul>
 *
 * A pool closed between the query and the read is left out; an attribute that cannot be read is
 * {@code null}.
 */
public final class PoolReader {

    private static final ObjectName POOLWISE_PATTERN = pattern("dev.poolwise:type=Pool,*");
    private static final ObjectName HIKARI_PATTERN = pattern("com.zaxxer.hikari:*");

    private static final String[] POOLWISE_ATTRIBUTES = {
        "PoolName", "TotalConnections", "ActiveConnections", "IdleConnections", "ThreadsAwaitingConnection",
        "MaximumPoolSize", "ConnectionTimeouts", "SuspectedLeaks", "Health", "Sizing", "TargetSize",
        "ReservedConnections"
    };
    private static final String[] HIKARI_POOL_ATTRIBUTES = {
        "TotalConnections", "ActiveConnections", "IdleConnections", "ThreadsAwaitingConnection"
    };
    private static final String[] HIKARI_CONFIG_ATTRIBUTES = {"MaximumPoolSize"};

    private final MBeanServerConnection server;

    /** @param server where to read, a remote JVM's connection or the platform MBean server */
    public PoolReader(MBeanServerConnection server) {
        this.server = server;
    }

    /**
     * @return every pool's snapshot: Poolwise's first, then HikariCP's, each sorted by name
     * @throws IOException when the connection to the MBean server fails (the JVM exited, say)
     */
    public List<PoolSnapshot> read() throws IOException {
        List<PoolSnapshot> pools = new ArrayList<>();
        for (ObjectName name : server.queryNames(POOLWISE_PATTERN, null)) {
            Map<String, Object> values = attributes(name, POOLWISE_ATTRIBUTES);
            if (values != null) {
                Object poolName = values.get("PoolName");
                pools.add(new PoolSnapshot(poolName instanceof String text ? text : keyValue(name, "name"),
                        PoolLibrary.POOLWISE, text(values, "Sizing"), integer(values, "TotalConnections"),
                        integer(values, "ActiveConnections"), integer(values, "IdleConnections"),
                        integer(values, "ReservedConnections"), integer(values, "ThreadsAwaitingConnection"),
                        integer(values, "TargetSize"), integer(values, "MaximumPoolSize"),
                        count(values, "ConnectionTimeouts"), count(values, "SuspectedLeaks"), text(values, "Health")));
            }
        }
        for (ObjectName name : hikariPools(server.queryNames(HIKARI_PATTERN, null))) {
            Map<String, Object> values = attributes(name, HIKARI_POOL_ATTRIBUTES);
            if (values != null) {
                Map<String, Object> config = attributes(hikariConfigName(name), HIKARI_CONFIG_ATTRIBUTES);
                pools.add(new PoolSnapshot(hikariPoolName(name), PoolLibrary.HIKARI, null,
                        integer(values, "TotalConnections"), integer(values, "ActiveConnections"),
                        integer(values, "IdleConnections"), null, integer(values, "ThreadsAwaitingConnection"), null,
                        config == null ? null : integer(config, "MaximumPoolSize"), null, null, null));
            }
        }
        pools.sort(Comparator.comparing(PoolSnapshot::kind).thenComparing(PoolSnapshot::name));
        return pools;
    }

    /**
     * @param names every name in HikariCP's domain
     * @return the names of its pool MBeans (not of their {@code PoolConfig} twins)
     */
    static List<ObjectName> hikariPools(Set<ObjectName> names) {
        List<ObjectName> pools = new ArrayList<>();
        for (ObjectName name : names) {
            String type = name.getKeyProperty("type");
            if (type == null) {
                continue;
            }
            boolean classic = type.startsWith("Pool (") && type.endsWith(")");
            boolean register2 = type.equals("Pool") && name.getKeyProperty("name") != null;
            if (classic || register2) {
                pools.add(name);
            }
        }
        return pools;
    }

    /** @return the pool's name from a HikariCP pool MBean's name, in either naming */
    static String hikariPoolName(ObjectName poolMBean) {
        String type = poolMBean.getKeyProperty("type");
        if (type.equals("Pool")) {
            return keyValue(poolMBean, "name");
        }
        return type.substring("Pool (".length(), type.length() - 1);
    }

    /** @return the name of the {@code PoolConfig} MBean HikariCP registers beside a pool MBean */
    static ObjectName hikariConfigName(ObjectName poolMBean) {
        try {
            String type = poolMBean.getKeyProperty("type");
            if (type.equals("Pool")) {
                return new ObjectName(poolMBean.getDomain() + ":type=PoolConfig,name="
                        + poolMBean.getKeyProperty("name"));
            }
            return new ObjectName(poolMBean.getDomain() + ":type=PoolConfig" + type.substring("Pool".length()));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("No PoolConfig name for " + poolMBean + ": " + e.getMessage(), e);
        }
    }

    /** @return the attributes that could be read, by name; {@code null} when the MBean has gone */
    private Map<String, Object> attributes(ObjectName name, String[] attributes) throws IOException {
        AttributeList list;
        try {
            list = server.getAttributes(name, attributes);
        } catch (InstanceNotFoundException e) {
            return null;
        } catch (JMException | RuntimeException e) {
            // An MBean that refuses to be read at all still shows, with every value missing.
            return Map.of();
        }
        Map<String, Object> values = new HashMap<>();
        for (Attribute attribute : list.asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        return values;
    }

    private static String keyValue(ObjectName name, String key) {
        String value = name.getKeyProperty(key);
        if (value == null) {
            return name.getCanonicalName();
        }
        // Poolwise quotes names with characters an unquoted value may not hold.
        return value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }

    private static Integer integer(Map<String, Object> values, String attribute) {
        return values.get(attribute) instanceof Number number ? number.intValue() : null;
    }

    private static String text(Map<String, Object> values, String attribute) {
        return values.get(attribute) instanceof String text ? text : null;
    }

    private static Long count(Map<String, Object> values, String attribute) {
        return values.get(attribute) instanceof Number number ? number.longValue() : null;
    }

    private static ObjectName pattern(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
