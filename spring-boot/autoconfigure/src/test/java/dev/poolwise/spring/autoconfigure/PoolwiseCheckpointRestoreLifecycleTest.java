package dev.poolwise.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.spring.PoolwiseCheckpointRestoreLifecycle;

import java.sql.Connection;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a CRaC checkpoint and restore do to the pool, driven through the lifecycle calls Spring makes (there is
 * no CRaC JDK here): stop suspends the pool and closes every connection; start resumes it, and the borrows held
 * meanwhile are served.
 */
class PoolwiseCheckpointRestoreLifecycleTest {

    private static ApplicationContextRunner suspendable(String database) {
        return AutoConfigurationRunners.poolwise(database)
                .withPropertyValues("spring.datasource.poolwise.allow-pool-suspension=true",
                        "spring.datasource.poolwise.minimum-idle=2",
                        "spring.datasource.poolwise.connection-timeout=5s");
    }

    private static PoolwiseCheckpointRestoreLifecycle lifecycle(PoolwiseDataSource pool,
            org.springframework.context.ApplicationContext context) {
        return new PoolwiseCheckpointRestoreLifecycle(pool,
                (ConfigurableApplicationContext) ((org.springframework.boot.test.context.assertj.AssertableApplicationContext) context)
                        .getSourceApplicationContext());
    }

    @Test
    void checkpointClosesEveryConnection() {
        suspendable("checkpoint").run(context -> {
            PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
            pool.getConnection().close();
            PoolwiseCheckpointRestoreLifecycle lifecycle = lifecycle(pool, context);
            assertThat(lifecycle.isRunning()).isTrue();

            lifecycle.stop();

            assertThat(lifecycle.isRunning()).isFalse();
            assertThat(pool.stats().total()).as("open connections at the checkpoint").isZero();
        });
    }

    @Test
    void restoreServesTheBorrowsHeldDuringTheCheckpoint() {
        suspendable("restore").run(context -> {
            PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
            pool.getConnection().close();
            PoolwiseCheckpointRestoreLifecycle lifecycle = lifecycle(pool, context);
            lifecycle.stop();
            ExecutorService borrower = Executors.newSingleThreadExecutor();
            try {
                Future<Connection> heldBack = borrower.submit((Callable<Connection>) pool::getConnection);

                lifecycle.start();

                assertThat(lifecycle.isRunning()).isTrue();
                try (Connection connection = heldBack.get(30, TimeUnit.SECONDS)) {
                    assertThat(connection.isValid(1)).isTrue();
                }
            } finally {
                borrower.shutdownNow();
            }
        });
    }

    @Test
    void aPoolThatHasNotStartedIsLeftUnstarted() {
        AutoConfigurationRunners.poolwise("checkpoint_unstarted").run(context -> {
            PoolwiseDataSource pool = context.getBean(PoolwiseDataSource.class);
            PoolwiseCheckpointRestoreLifecycle lifecycle = lifecycle(pool, context);

            lifecycle.stop();
            lifecycle.start();

            assertThat(pool.isStarted()).isFalse();
        });
    }
}
