package dev.poolwise.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hint for a URL no driver accepts names the driver for that URL's database, not another's.
 */
class DriverHintTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/app | org.postgresql:postgresql",
        "jdbc:mysql://db:3306/shop | com.mysql:mysql-connector-j",
        "jdbc:mariadb://db:3306/shop | org.mariadb.jdbc:mariadb-java-client",
        "jdbc:oracle:thin:@//db:1521/svc | com.oracle.database.jdbc:ojdbc11",
        "jdbc:sqlserver://db:1433;databaseName=app | com.microsoft.sqlserver:mssql-jdbc",
        "jdbc:h2:mem:test | com.h2database:h2",
        "jdbc:hsqldb:mem:test | org.hsqldb:hsqldb",
        "jdbc:sqlite:/tmp/app.db | org.xerial:sqlite-jdbc",
        "JDBC:PostgreSQL://db/app | org.postgresql:postgresql",
    })
    void namesTheDriverForTheUrlsDatabase(String url, String coordinates) {
        assertThat(DriverHint.forUrl(url)).contains(coordinates);
    }

    @Test
    void aMysqlUrlIsNeverToldToAddThePostgresqlDriver() {
        String hint = DriverHint.forUrl("jdbc:mysql://db:3306/shop");

        assertThat(hint).doesNotContainIgnoringCase("postgresql")
                .contains("MySQL Connector/J")
                .as("MariaDB Connector/J takes jdbc:mysql: only with permitMysqlScheme").contains("permitMysqlScheme");
    }

    @Test
    void anUnknownSubprotocolIsNamedAndNoOtherDatabasesDriverSuggested() {
        assertThat(DriverHint.forUrl("jdbc:acme://db/app"))
                .isEqualTo("add the JDBC driver for jdbc:acme: to the classpath");
        assertThat(DriverHint.forUrl("postgres://db/app")).contains("starts with jdbc:<database>:");
        assertThat(DriverHint.forUrl(null)).contains("starts with jdbc:<database>:");
    }

    @Test
    void theWholeMessageNamesTheKeyMasksTheUrlAndSaysWhatToDo() {
        String message = DriverHint.noDriverFor("jdbc:mysql://root:SECRET@db:3306/shop");

        assertThat(message)
                .startsWith("jdbcUrl = jdbc:mysql://root:****@db:3306/shop: no JDBC driver on the classpath accepts it")
                .contains("com.mysql:mysql-connector-j")
                .contains("driverClassName")
                .doesNotContain("SECRET");
    }
}
