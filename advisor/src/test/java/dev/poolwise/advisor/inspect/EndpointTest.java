package dev.poolwise.advisor.inspect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db.example.com:6432/app?sslmode=require | postgresql | db.example.com | 6432 | app",
        "jdbc:postgresql://db.example.com/app                      | postgresql | db.example.com | 5432 | app",
        "jdbc:postgresql://h1.example.com:5433,h2.example.com/app  | postgresql | h1.example.com | 5433 | app",
        "jdbc:postgresql://[::1]:5433/app                          | postgresql | ::1            | 5433 | app",
        "jdbc:postgresql:app                                       | postgresql | localhost      | 5432 | app",
        "jdbc:mariadb://127.0.0.1/test                             | mariadb    | 127.0.0.1      | 3306 | test",
        "jdbc:mysql://app:s3cr/et@DB.Example.com:3307/shop?x=1      | mysql      | db.example.com | 3307 | shop",
        "jdbc:mysql:aws://orders.cluster-x.us-east-1.rds.amazonaws.com/o | mysql | orders.cluster-x.us-east-1.rds.amazonaws.com | 3306 | o",
    })
    void readsSchemeHostPortAndDatabase(String url, String scheme, String host, int port, String database) {
        Endpoint endpoint = Endpoint.parse(url);

        assertThat(endpoint).isEqualTo(new Endpoint(scheme, host, port, database));
    }

    @Test
    void dropsCredentialsSoThatNothingPrintedShowsThem() {
        Endpoint endpoint = Endpoint.parse("jdbc:postgresql://app:Tr0ub4dor@db.example.com:5432/app?password=Tr0ub4dor");

        assertThat(endpoint.toString()).doesNotContain("Tr0ub4dor");
        assertThat(endpoint.address()).isEqualTo("db.example.com:5432");
    }

    @Test
    void refusesWhatIsNotAJdbcUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> Endpoint.parse("postgres://u:Tr0ub4dor@db/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with jdbc:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Tr0ub4dor"));
        assertThatThrownBy(() -> Endpoint.parse("jdbc:postgresql://db.example.com:port/app"))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> Endpoint.parse("jdbc:postgresql://app:Tr0ub4dor/db"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Tr0ub4dor"));
    }
}
