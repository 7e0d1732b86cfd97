package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The public masking entry point gives the pool's own masking to code outside the pool (the CLI, applications).
 */
class SecretMaskTest {

    @Test
    void masksADriverMessageThatRepeatsAUrlWithAPassword() {
        String message = "Could not connect to jdbc:mariadb://root:SECRET@db:3306/test: Connection refused";

        assertThat(SecretMask.mask(message))
                .isEqualTo("Could not connect to jdbc:mariadb://root:****@db:3306/test: Connection refused");
    }

    @Test
    void masksPasswordParametersAndOraclesForm() {
        assertThat(SecretMask.mask("jdbc:postgresql://db/app?password=SECRET and scott/SECRET@//db:1521/svc"))
                .isEqualTo("jdbc:postgresql://db/app?password=**** and scott/****@//db:1521/svc");
    }

    @Test
    void leavesTextWithoutSecretsAloneAndNullAsNull() {
        assertThat(SecretMask.mask("FATAL: password authentication failed for user \"app\""))
                .isEqualTo("FATAL: password authentication failed for user \"app\"");
        assertThat(SecretMask.mask(null)).isNull();
    }
}
