package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The standard rule that tells a broken connection from an ordinary SQL error (invariant 7).
 */
class ConnectionErrorClassifierTest {

    private final ConnectionErrorClassifier standard = ConnectionErrorClassifier.standard();

    private static SQLException state(String sqlState) {
        return new SQLException("error with state " + sqlState, sqlState);
    }

    private static SQLException vendorCode(int code) {
        return new SQLException("error " + code, "HY000", code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08004", "08006", "08S01", "08P01",
        "57P01", "57P02", "57P03", "01002", "JZ0C0", "JZ0C1"})
    void connectionStatesAreFatal(String sqlState) {
        assertThat(standard.isFatal(state(sqlState))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1927, 2006, 2013, 4031})
    void mysqlConnectionLossCodesAreFatal(int code) {
        assertThat(standard.isFatal(vendorCode(code))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "42601", "40001", "40P01", "22012", "42P01", "57014", "25P02", "HY000"})
    void ordinaryErrorsAreNotFatal(String sqlState) {
        assertThat(standard.isFatal(state(sqlState))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1062, 1064, 1213, 1205, 1146})
    void ordinaryMysqlErrorsAreNotFatal(int code) {
        assertThat(standard.isFatal(new SQLException("error " + code, "23000", code))).isFalse();
    }

    @Test
    void anExceptionWithNoStateIsNotFatal() {
        assertThat(standard.isFatal(new SQLException("no state"))).isFalse();
    }

    @Test
    void findsAFatalStateInTheCauseChain() {
        SQLException root = state("08006");
        SQLException wrapped = new SQLException("statement failed", "XX000",
                new RuntimeException("driver internal", root));

        assertThat(standard.isFatal(wrapped)).isTrue();
    }

    @Test
    void findsAFatalStateInTheNextExceptionChain() {
        SQLException batch = new SQLException("batch entry 3 failed", "23505");
        batch.setNextException(state("57P01"));

        assertThat(standard.isFatal(batch)).isTrue();
    }

    @Test
    void aChainOfOrdinaryErrorsIsNotFatal() {
        SQLException batch = new SQLException("batch failed", "23505", new SQLException("inner", "42601"));
        batch.setNextException(state("22001"));

        assertThat(standard.isFatal(batch)).isFalse();
    }

    @Test
    void aCyclicCauseChainEnds() {
        SQLException first = new SQLException("first", "42000");
        SQLException second = new SQLException("second", "42000", first);
        first.initCause(second);

        assertThat(standard.isFatal(first)).isFalse();
    }

    @Test
    void connectionExceptionTypesAreFatalWhateverTheirState() {
        assertThat(standard.isFatal(new SQLNonTransientConnectionException("gone", "HY000"))).isTrue();
        assertThat(standard.isFatal(new SQLNonTransientConnectionException("gone"))).isTrue();
        assertThat(standard.isFatal(new SQLRecoverableException("reconnect"))).isTrue();
    }

    @Test
    void aTransientConnectionExceptionIsJudgedByItsState() {
        assertThat(standard.isFatal(new SQLTransientConnectionException("busy", "40001"))).isFalse();
        assertThat(standard.isFatal(new SQLTransientConnectionException("lost", "08006"))).isTrue();
    }

    @Test
    void aCustomClassifierComposesWithTheStandardOne() {
        // Oracle's "IO Error" (ORA-17002) comes with a state the standard rule does not know.
        ConnectionErrorClassifier withOracle = e -> e.getErrorCode() == 17002 || standard.isFatal(e);

        assertThat(withOracle.isFatal(new SQLException("IO Error", "99999", 17002))).isTrue();
        assertThat(withOracle.isFatal(state("57P01"))).isTrue();
        assertThat(withOracle.isFatal(state("23505"))).isFalse();
    }

    @Test
    void aCustomClassifierCanOverrideTheStandardOne() {
        // Treat the "cannot connect now" of a starting replica as worth retrying on the same connection.
        ConnectionErrorClassifier lenient = e -> !"57P03".equals(e.getSQLState()) && standard.isFatal(e);

        assertThat(lenient.isFatal(state("57P03"))).isFalse();
        assertThat(lenient.isFatal(state("08006"))).isTrue();
    }

    @Test
    void theStandardClassifierIsOneSharedInstanceWithAReadableName() {
        assertThat(ConnectionErrorClassifier.standard()).isSameAs(standard);
        assertThat(standard).hasToString("ConnectionErrorClassifier.standard()");
    }
}
