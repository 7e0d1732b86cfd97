package dev.poolwise.internal.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetLabelTest {

    private final FleetLabel orders = new FleetLabel("orders", "3f9a2c01");

    @Test
    void labelsAConnectionWithApplicationInstanceAndConnectionNumber() {
        assertThat(orders.label()).isEqualTo("orders/3f9a2c01");
        assertThat(orders.connectionLabel(71)).isEqualTo("orders/3f9a2c01.1z");
    }

    @Test
    void readsTheInstanceBackFromAnyOfItsLabels() {
        assertThat(orders.instanceOf(orders.connectionLabel(Integer.MAX_VALUE))).isEqualTo("3f9a2c01");
        assertThat(orders.instanceOf(orders.label())).isEqualTo("3f9a2c01");
        assertThat(orders.instanceOf("orders")).isEmpty();
    }

    @Test
    void tellsTheFleetsLabelsFromOthersThatShareAPrefix() {
        assertThat(orders.isFleet("orders")).isTrue();
        assertThat(orders.isFleet("orders/b2.0")).isTrue();
        assertThat(orders.isFleet("orders-report/b2")).isFalse();
        assertThat(orders.isFleet("orders/")).isFalse();
        assertThat(orders.isFleet("billing/3f9a2c01")).isFalse();
        assertThat(orders.isFleet(null)).isFalse();
    }

    @Test
    void everyLabelFitsWhatPostgresKeepsOfAnApplicationName() {
        FleetLabel longest = new FleetLabel("a".repeat(47), "3f9a2c01");

        assertThat(longest.connectionLabel(Integer.MAX_VALUE)).hasSize(FleetLabel.MAX_LENGTH);
        assertThatThrownBy(() -> new FleetLabel("a".repeat(48), "3f9a2c01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long").hasMessageContaining("use at most 47 characters");
    }

    @Test
    void rejectsNamesTheServerWouldRewriteOrThatCouldNotBeReadBack() {
        assertThatThrownBy(() -> new FleetLabel("bestellungen-ü", "a1")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> new FleetLabel("orders/eu", "a1")).hasMessageContaining("without '/'");
        assertThatThrownBy(() -> new FleetLabel("orders", "A.1")).hasMessageContaining("[0-9a-z]");
    }

    @Test
    void aRandomInstanceIdIsEightHexDigits() {
        assertThat(FleetLabel.random("orders").instance()).matches("[0-9a-f]{8}");
    }
}
