package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TuneDatabaseTest {

    @Test
    void makesAFreshSchemaNameThatIsAPlainIdentifier() {
        TuneDatabase one = new TuneDatabase("jdbc:postgresql://localhost/app", "app", null, false);
        TuneDatabase two = new TuneDatabase("jdbc:postgresql://localhost/app", "app", null, false);

        assertThat(one.schema()).matches("poolwise_tune_[a-z]{8}").isNotEqualTo(two.schema());
        assertThat(one.dialect().dropSchemaSql(one.schema())).isEqualTo("DROP SCHEMA IF EXISTS " + one.schema()
                + " CASCADE");
        assertThat(new TuneDatabase("jdbc:mariadb://h/test", null, null, false).dialect().createSchemaSql("x"))
                .isEqualTo("CREATE DATABASE x");
    }

    @Test
    void tellsALocalDatabaseFromARemoteOne() {
        assertThat(local("jdbc:postgresql://localhost:5432/app")).isTrue();
        assertThat(local("jdbc:mariadb://127.0.0.1:3306/test")).isTrue();
        assertThat(local("jdbc:mysql://user:secret@[::1]:3306/x?permitMysqlScheme")).isTrue();
        assertThat(local("jdbc:postgresql:///app")).isTrue();
        assertThat(local("jdbc:postgresql://db.example.com:5432/app")).isFalse();
        assertThat(local("jdbc:mariadb://10.0.0.7/test?user=u")).isFalse();
    }

    @Test
    void neverShowsThePassword() {
        TuneDatabase db = new TuneDatabase("jdbc:postgresql://db:5432/app?password=hunter2", "app", "hunter2", false);

        assertThat(db.describe()).doesNotContain("hunter2").contains("db:5432/app");
        assertThat(db.toString()).doesNotContain("hunter2");
        assertThat(db.maskedUrl()).doesNotContain("hunter2");
    }

    @Test
    void refusesAnEngineItCannotTune() {
        assertThatThrownBy(() -> new TuneDatabase("jdbc:sqlserver://db;password=hunter2", null, null, false))
                .hasMessageContaining("--url").hasMessageContaining("PostgreSQL").hasMessageNotContaining("hunter2");
    }

    @Test
    void takesAMysqlUrlOnlyWhenTheShippedMariaDbDriverWillAcceptIt() {
        assertThatThrownBy(() -> new TuneDatabase("jdbc:mysql://db/app", null, null, false))
                .hasMessageContaining("jdbc:mariadb://").hasMessageContaining("permitMysqlScheme");
        assertThat(new TuneDatabase("jdbc:mysql://db/app?permitMysqlScheme", null, null, false).dialect())
                .isEqualTo(Dialect.MYSQL);
    }

    private static boolean local(String url) {
        return new TuneDatabase(url, null, null, false).isOnThisMachine();
    }
}
