package dev.poolwise.internal.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;

/**
 * What the reset on return needs to know about a driver's connection class, worked out once per class and
 * kept on each pooled connection, so that neither borrow nor return looks anything up.
 *
 * <ul>
 *   <li>{@link #transactionState}: how the driver reports an open transaction ({@link DriverTransactionState}).</li>
 *   <li>{@link #requestHooks}: whether the class overrides JDBC 4.3's {@code beginRequest} or {@code endRequest}.
 *       {@code java.sql.Connection}'s default methods do nothing, so calling them on a class that keeps them
 *       is a no-op by the specification; the pool then skips both calls (two interface calls per cycle on
 *       the hot path). A class that overrides either one (pgjdbc and MariaDB Connector/J keep the defaults
 *       today; Oracle's and SQL Server's drivers override them) gets both calls on every borrow and return,
 *       as JDBC 4.3 asks of a pool. A {@link java.lang.reflect.Proxy} overrides every interface method, so a
 *       proxied connection always gets them.</li>
 * </ul>
 */
public final class DriverTraits {

    /** For a pooled connection without a driver connection (the pool's internal markers): nothing to call. */
    static final DriverTraits NONE = new DriverTraits(DriverTransactionState.Probe.NONE, false);

    private static final ClassValue<DriverTraits> TRAITS = new ClassValue<>() {
        @Override
        protected DriverTraits computeValue(Class<?> type) {
            return new DriverTraits(DriverTransactionState.probeFor(type), overridesRequestHooks(type));
        }
    };

    final DriverTransactionState.Probe transactionState;
    final boolean requestHooks;

    private DriverTraits(DriverTransactionState.Probe transactionState, boolean requestHooks) {
        this.transactionState = transactionState;
        this.requestHooks = requestHooks;
    }

    /**
     * @param raw the driver's connection, or {@code null}
     * @return the traits of its class (cached per class)
     */
    public static DriverTraits of(Connection raw) {
        return raw == null ? NONE : TRAITS.get(raw.getClass());
    }

    /** @return whether the pool calls {@code beginRequest}/{@code endRequest} on this class's connections */
    public boolean callsRequestHooks() {
        return requestHooks;
    }

    /**
     * @return whether {@code type} has its own {@code beginRequest()} or {@code endRequest()}, instead of
     *         {@code java.sql.Connection}'s no-op defaults; {@code true} when that cannot be found out
     */
    static boolean overridesRequestHooks(Class<?> type) {
        try {
            return declaredOutsideConnection(type.getMethod("beginRequest"))
                    || declaredOutsideConnection(type.getMethod("endRequest"));
        } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
            return true; // cannot tell: call them, as JDBC 4.3 asks
        }
    }

    private static boolean declaredOutsideConnection(Method method) {
        return method.getDeclaringClass() != Connection.class;
    }
}
