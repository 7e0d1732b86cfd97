package dev.poolwise.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import org.hibernate.HibernateException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.Version;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.jdbc.connections.spi.DatabaseConnectionInfo;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The provider through a real {@code SessionFactory} on embedded PostgreSQL. The same tests run on Hibernate 6.6
 * (this module) and 7.x ({@code hibernate7-tests}).
 */
class PoolwiseConnectionProviderTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    /** Set by pgjdbc on each connection the pool opens, so the server can count them. */
    private static final String APPLICATION_NAME = "poolwise-hibernate-test";

    private final List<SessionFactory> factories = new ArrayList<>();

    @AfterEach
    void closeFactories() {
        factories.forEach(SessionFactory::close);
    }

    private SessionFactory sessionFactory(Map<String, String> extra) {
        Configuration configuration = new Configuration().addAnnotatedClass(Note.class);
        configuration.setProperty("hibernate.connection.provider_class", "poolwise");
        configuration.setProperty("hibernate.connection.url", PG.jdbcUrl());
        configuration.setProperty("hibernate.connection.username", EmbeddedPostgresExtension.USER);
        configuration.setProperty("hibernate.connection.password", "");
        configuration.setProperty("hibernate.hbm2ddl.auto", "create-drop");
        configuration.setProperty("hibernate.poolwise.poolName", "hibernate-test");
        configuration.setProperty("hibernate.poolwise.maximumPoolSize", "3");
        configuration.setProperty("hibernate.poolwise.dataSource.ApplicationName", APPLICATION_NAME);
        extra.forEach(configuration::setProperty);
        SessionFactory factory = configuration.buildSessionFactory();
        factories.add(factory);
        return factory;
    }

    private static PoolwiseDataSource poolOf(SessionFactory factory) {
        ConnectionProvider provider = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .getService(ConnectionProvider.class);
        assertThat(provider).isInstanceOf(PoolwiseConnectionProvider.class);
        return provider.unwrap(PoolwiseDataSource.class);
    }

    private static long poolConnectionsOnTheServer() throws Exception {
        return PG.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                + APPLICATION_NAME + "'");
    }

    @Test
    void runsOnTheHibernateVersionThisBuildTests() {
        String expected = System.getProperty("poolwise.expectedHibernateMajor");
        assertThat(expected).as("the build sets poolwise.expectedHibernateMajor").isNotNull();
        assertThat(Version.getVersionString()).startsWith(expected + ".");
    }

    @Test
    void persistsAndFindsAnEntityThroughThePool() {
        SessionFactory factory = sessionFactory(Map.of());

        Long id;
        try (Session session = factory.openSession()) {
            Transaction transaction = session.beginTransaction();
            Note note = new Note("borrowed from Poolwise");
            session.persist(note);
            transaction.commit();
            id = note.id();
        }
        try (Session session = factory.openSession()) {
            Note found = session.find(Note.class, id);
            assertThat(found).isNotNull();
            assertThat(found.text()).isEqualTo("borrowed from Poolwise");
        }

        PoolwiseDataSource pool = poolOf(factory);
        assertThat(pool.getPoolName()).isEqualTo("hibernate-test");
        assertThat(pool.stats().total()).isPositive();
        assertThat(pool.stats().active()).as("every connection is back in the pool").isZero();
    }

    @Test
    void aRolledBackTransactionLeavesNothing() throws Exception {
        SessionFactory factory = sessionFactory(Map.of());

        try (Session session = factory.openSession()) {
            Transaction transaction = session.beginTransaction();
            session.persist(new Note("never committed"));
            session.flush();
            assertThat(session.createQuery("select count(n) from Note n", Long.class).getSingleResult())
                    .as("the row is visible inside its transaction").isEqualTo(1L);
            transaction.rollback();
        }

        assertThat(PG.queryLong("SELECT count(*) FROM poolwise_hibernate_note")).isZero();
        try (Session session = factory.openSession()) {
            assertThat(session.createQuery("select count(n) from Note n", Long.class).getSingleResult()).isZero();
        }
    }

    @Test
    void closingTheSessionFactoryClosesThePool() throws Exception {
        SessionFactory factory = sessionFactory(Map.of());
        PoolwiseDataSource pool = poolOf(factory);
        try (Session session = factory.openSession()) {
            session.find(Note.class, 1L);
        }
        assertThat(poolConnectionsOnTheServer()).isPositive();

        factory.close();

        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(pool::getConnection).isInstanceOf(java.sql.SQLException.class);
        // The server sees a backend leave once the client's close reaches it.
        await("the pool's connections to leave pg_stat_activity").atMost(Duration.ofSeconds(30))
                .until(() -> poolConnectionsOnTheServer() == 0);
    }

    @Test
    void poolSettingsAndHibernatesStandardSettingsReachThePool() throws Exception {
        SessionFactory factory = sessionFactory(Map.of(
                "hibernate.connection.pool_size", "7",                 // hibernate.poolwise.maximumPoolSize wins
                "hibernate.connection.isolation", "SERIALIZABLE",
                "hibernate.connection.autocommit", "false",
                "hibernate.poolwise.connectionTimeout", "5s",
                "hibernate.poolwise.minimumIdle", "1",
                "hibernate.poolwise.validationBypassWindow", "250ms"));

        PoolwiseDataSource pool = poolOf(factory);
        PoolConfig config = pool.getConfig();
        assertThat(config.getMaximumPoolSize()).isEqualTo(3);
        assertThat(config.getMinimumIdle()).isEqualTo(1);
        assertThat(config.getConnectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.getValidationBypassWindow()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(config.isAutoCommit()).isFalse();
        try (Connection connection = pool.getConnection()) {
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(connection.getAutoCommit()).isFalse();
        }
    }

    @Test
    void aMisspeltPoolKeyFailsTheStartWithDidYouMean() {
        assertThatThrownBy(() -> sessionFactory(Map.of("hibernate.poolwise.maximumPoolSiz", "5")))
                .hasStackTraceContaining("hibernate.poolwise.maximumPoolSiz: unknown setting")
                .hasStackTraceContaining("did you mean hibernate.poolwise.maximumPoolSize");
    }

    @Test
    void aBadValueIsReportedUnderTheKeyTheUserWrote() {
        assertThatThrownBy(() -> sessionFactory(Map.of("hibernate.connection.pool_size", "many",
                "hibernate.poolwise.maximumPoolSize", "many")))
                .hasStackTraceContaining("hibernate.poolwise.maximumPoolSize = many")
                .satisfies(e -> assertThat(rootOrHibernate(e)).isInstanceOf(HibernateException.class));
    }

    @Test
    void thePasswordNeverAppearsInTheStartError() {
        assertThatThrownBy(() -> sessionFactory(Map.of("hibernate.connection.password", "s3cret-Pa55",
                "hibernate.poolwise.passwrod", "s3cret-Pa55")))
                .hasStackTraceContaining("hibernate.poolwise.passwrod")
                .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain("s3cret-Pa55"));
    }

    @Test
    void tellsHibernateWhatToLogAboutTheDatabaseWithThePasswordMasked() throws Exception {
        SessionFactory factory = sessionFactory(Map.of(
                "hibernate.connection.url", PG.jdbcUrl() + "?password=hunter2-in-url"));
        SessionFactoryImplementor implementor = factory.unwrap(SessionFactoryImplementor.class);
        ConnectionProvider provider = implementor.getServiceRegistry().getService(ConnectionProvider.class);

        DatabaseConnectionInfo info = provider.getDatabaseConnectionInfo(implementor.getJdbcServices().getDialect());

        assertThat(info.getJdbcUrl()).startsWith(PG.jdbcUrl()).doesNotContain("hunter2-in-url");
        assertThat(info.getJdbcDriver()).isEqualTo("PostgreSQL JDBC Driver");
        assertThat(info.getPoolMaxSize()).isEqualTo(3);
        assertThat(info.getAutoCommitMode()).isEqualTo("true");
        assertThat(info.getIsolationLevel()).isEqualTo("READ_COMMITTED");
        assertThat(info.toInfoString()).contains("Pool: Poolwise hibernate-test", "Maximum pool size: 3")
                .doesNotContain("hunter2-in-url");
        // Every method the interface has on this Hibernate answers, 7's additions (getSchema, hasCatalog, ...)
        // included, though the class was compiled against 6.6.
        for (Method method : DatabaseConnectionInfo.class.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && method.getParameterCount() == 0) {
                method.invoke(info);
            }
        }
    }

    @Test
    void theFullClassNameSelectsItToo() {
        SessionFactory factory = sessionFactory(Map.of(
                "hibernate.connection.provider_class", PoolwiseConnectionProvider.class.getName()));

        assertThat(poolOf(factory).getPoolName()).isEqualTo("hibernate-test");
    }

    private static Throwable rootOrHibernate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HibernateException) {
                return t;
            }
        }
        return e;
    }

    private static String stackTraceOf(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
