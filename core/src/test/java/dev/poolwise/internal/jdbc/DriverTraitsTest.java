package dev.poolwise.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The pool skips JDBC 4.3's {@code beginRequest}/{@code endRequest} only where the driver's connection class
 * keeps {@code java.sql.Connection}'s no-op defaults; any override, of either, means both are called.
 */
class DriverTraitsTest {

    /** A driver connection that keeps both defaults. */
    abstract static class KeepsDefaults implements Connection {
    }

    /** Overrides only endRequest. */
    abstract static class OverridesEndRequest implements Connection {
        @Override
        public void endRequest() throws SQLException {
        }
    }

    /** Overrides only beginRequest, in a superclass. */
    abstract static class OverridesBeginRequest implements Connection {
        @Override
        public void beginRequest() throws SQLException {
        }
    }

    abstract static class InheritsOverride extends OverridesBeginRequest {
    }

    /** A driver interface that gives its own default. */
    interface DriverConnection extends Connection {
        @Override
        default void beginRequest() {
        }
    }

    abstract static class ThroughDriverInterface implements DriverConnection {
    }

    @Test
    void aClassThatKeepsTheNoOpDefaultsGetsNoRequestCalls() {
        assertThat(DriverTraits.overridesRequestHooks(KeepsDefaults.class)).isFalse();
    }

    @Test
    void anOverrideOfEitherHookMeansBothAreCalled() {
        assertThat(DriverTraits.overridesRequestHooks(OverridesEndRequest.class)).isTrue();
        assertThat(DriverTraits.overridesRequestHooks(OverridesBeginRequest.class)).isTrue();
        assertThat(DriverTraits.overridesRequestHooks(InheritsOverride.class)).isTrue();
        assertThat(DriverTraits.overridesRequestHooks(ThroughDriverInterface.class)).isTrue();
    }

    @Test
    void aProxiedConnectionAlwaysGetsThem() {
        Connection proxy = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (p, method, args) -> null);
        assertThat(DriverTraits.of(proxy).callsRequestHooks()).isTrue();
    }

    @Test
    void noConnectionMeansNothingToCall() {
        assertThat(DriverTraits.of(null).callsRequestHooks()).isFalse();
    }
}
