package dev.poolwise.hibernate.internal;

import dev.poolwise.hibernate.PoolwiseConnectionProvider;
import org.hibernate.boot.registry.selector.SimpleStrategyRegistrationImpl;
import org.hibernate.boot.registry.selector.StrategyRegistration;
import org.hibernate.boot.registry.selector.StrategyRegistrationProvider;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

import java.util.List;

/**
 * Lets {@code hibernate.connection.provider_class} name the provider by a short name, {@code poolwise}, as
 * {@code hikari} names HikariCP's. Found by Hibernate through {@code java.util.ServiceLoader}.
 */
public final class PoolwiseStrategyRegistration implements StrategyRegistrationProvider {

    /** Made by {@code ServiceLoader}. */
    public PoolwiseStrategyRegistration() {
    }

    // Hibernate 6.6 declares the raw Iterable<StrategyRegistration>, 7 the wildcard one; both erase alike, so
    // a class compiled against 6.6 serves 7 too.
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Iterable<StrategyRegistration> getStrategyRegistrations() {
        return List.of(new SimpleStrategyRegistrationImpl<>(ConnectionProvider.class,
                PoolwiseConnectionProvider.class, "poolwise", PoolwiseConnectionProvider.class.getSimpleName()));
    }
}
