package dev.poolwise.internal;

import dev.poolwise.PoolConfig;
import dev.poolwise.SizingMode;

import java.util.Properties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a pool with a fleet budget names its fleet and tells each driver a connection's label, without a
 * database: the default name from the driver's properties or URL, the URL parameter taken out (it would win
 * over the property), MariaDB's other attributes kept, and a name that cannot be a label refused with the
 * setting named.
 */
class FleetConnectionLabelsTest {

    private static PoolConfig.Builder fleet(String url) {
        return PoolConfig.builder().jdbcUrl(url).driverClassName("org.postgresql.Driver")
                .sizing(SizingMode.ADAPTIVE).fleetBudget(10).poolName("orders-pool");
    }

    @Test
    void noLabelsWithoutABudget() {
        PoolConfig config = PoolConfig.builder().jdbcUrl("jdbc:postgresql://127.0.0.1/db").build();
        assertThat(FleetConnectionLabels.of(config)).isNull();
    }

    @Test
    void theFleetIsNamedByFleetNameElseTheDriversApplicationNameElseThePoolName() {
        assertThat(FleetConnectionLabels.of(fleet("jdbc:postgresql://127.0.0.1/db").fleetName("orders").build())
                .label().application()).isEqualTo("orders");
        assertThat(FleetConnectionLabels.of(fleet("jdbc:postgresql://127.0.0.1/db?ApplicationName=billing").build())
                .label().application()).isEqualTo("billing");
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "shipping");
        assertThat(FleetConnectionLabels.of(fleet("jdbc:postgresql://127.0.0.1/db").dataSourceProperties(properties)
                .build()).label().application()).isEqualTo("shipping");
        assertThat(FleetConnectionLabels.driverApplicationName(
                "jdbc:mariadb://127.0.0.1/db?connectionAttributes=team:a,program_name:stock", new Properties()))
                .isEqualTo("stock");
        assertThat(FleetConnectionLabels.of(fleet("jdbc:postgresql://127.0.0.1/db").build()).label().application())
                .isEqualTo("orders-pool");
    }

    @Test
    void eachPostgresConnectionGetsItsOwnLabelAndTheUrlsApplicationNameIsTakenOut() {
        FleetConnectionLabels labels = FleetConnectionLabels.of(
                fleet("jdbc:postgresql://127.0.0.1/db?ApplicationName=billing&sslmode=disable").build());
        assertThat(labels.connectUrl("jdbc:postgresql://127.0.0.1/db?ApplicationName=billing&sslmode=disable"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/db?sslmode=disable");
        Properties first = new Properties();
        Properties second = new Properties();
        labels.putInto(first);
        labels.putInto(second);
        assertThat(first.getProperty("ApplicationName")).isEqualTo(labels.label().label() + ".0");
        assertThat(second.getProperty("ApplicationName")).isEqualTo(labels.label().label() + ".1");
    }

    @Test
    void mariaDbConnectionsCarryProgramNameAndKeepTheUsersOtherAttributes() {
        String url = "jdbc:mariadb://127.0.0.1/db?connectionAttributes=team:a,program_name:stock";
        FleetConnectionLabels labels = FleetConnectionLabels.of(PoolConfig.builder().jdbcUrl(url)
                .driverClassName("org.mariadb.jdbc.Driver").sizing(SizingMode.ADAPTIVE).fleetBudget(10).build());
        assertThat(labels.connectUrl(url)).isEqualTo("jdbc:mariadb://127.0.0.1/db");
        Properties properties = new Properties();
        properties.setProperty("connectionAttributes", "region:eu");
        labels.putInto(properties);
        assertThat(properties.getProperty("connectionAttributes"))
                .isEqualTo("program_name:" + labels.label().label() + ".0,team:a,region:eu");
    }

    @Test
    void aDefaultNameThatCannotBeALabelIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> FleetConnectionLabels.of(fleet("jdbc:postgresql://127.0.0.1/db")
                .poolName("orders/eu").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleetName (defaulted from poolName) = 'orders/eu'")
                .hasMessageContaining("set fleetName");
    }
}
