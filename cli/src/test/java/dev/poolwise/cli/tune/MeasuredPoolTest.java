package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A step's pool holds the size it is measured at before its clients start
 * ({@link MeasuredPool.OpenPool#awaitFilled}), on embedded PostgreSQL, for both pools tune measures.
 */
class MeasuredPoolTest {

    private static final int SIZE = 12;

    private static EmbeddedPostgres postgres;
    private static TuneDatabase database;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = new TuneDatabase("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres",
                null, false);
        database.createSchema();
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.dropSchema();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest
    @EnumSource(MeasuredPool.class)
    void aStepsPoolHasAllItsConnectionsOpenOnTheServerBeforeTheClientsStart(MeasuredPool kind) throws Exception {
        try (MeasuredPool.OpenPool pool = kind.open(database, SIZE)) {
            int idle = pool.awaitFilled(SIZE, Duration.ofSeconds(30));

            assertThat(idle).as("the pool's own count when the wait ended").isEqualTo(SIZE);
            assertThat(serverConnections()).as("the server's count of tune's connections").isEqualTo(SIZE);
        }
    }

    /** Connections the server holds for tune's application name, seen from a connection outside the pool. */
    private static int serverConnections() throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE application_name = '" + TuneDatabase.APPLICATION_NAME + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
