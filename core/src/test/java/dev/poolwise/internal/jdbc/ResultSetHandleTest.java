package dev.poolwise.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class ResultSetHandleTest {

    private final RecordingOwner owner = new RecordingOwner();
    private final FakeDriverObject.Fake<Statement> rawStatement = FakeDriverObject.of(Statement.class);
    private final StatementHandle statement = new StatementHandle(owner, rawStatement.object());

    @Test
    void resultSetIsDeadAfterClose() throws SQLException {
        ResultSetHandle resultSet = (ResultSetHandle) statement.executeQuery("select 1");
        FakeDriverObject rawResultSet = rawStatement.recorder().resultSets.get(0);

        resultSet.close();
        resultSet.close();

        assertThat(resultSet.isClosed()).isTrue();
        assertThat(rawResultSet.methodsCalled()).containsExactly("close");
        assertThatThrownBy(resultSet::next)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("ResultSet is closed");
    }

    @Test
    void resultSetIsDeadAfterItsStatementCloses() throws SQLException {
        ResultSet resultSet = statement.executeQuery("select 1");
        FakeDriverObject rawResultSet = rawStatement.recorder().resultSets.get(0);

        statement.close();

        assertThat(resultSet.isClosed()).isTrue();
        assertThatThrownBy(resultSet::next)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("its Statement was closed")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
        resultSet.close();
        assertThat(rawResultSet.calls).as("closing the driver's statement closed its result sets").isEmpty();
    }

    @Test
    void resultSetIsDeadAfterItsStatementIsClosedByTheConnection() throws SQLException {
        ResultSet resultSet = statement.executeQuery("select 1");

        statement.closeByOwner();

        assertThat(resultSet.isClosed()).isTrue();
        assertThatThrownBy(() -> resultSet.getString(1)).isInstanceOf(SQLException.class);
    }

    @Test
    void everyResultSetMethodIsDeadOnceItsStatementIsClosed() throws SQLException {
        WrapperContractTest.Subject subject = WrapperContractTest.Kind.RESULT_SET.create();
        ResultSetHandle resultSet = (ResultSetHandle) subject.wrapper();
        ((StatementHandle) resultSet.getStatement()).close();

        WrapperContractTest.assertEveryMethodIsDead(WrapperContractTest.Kind.RESULT_SET, subject);
    }

    @Test
    void getStatementReturnsTheStatementWrapper() throws SQLException {
        ResultSet resultSet = statement.executeQuery("select 1");

        assertThat(resultSet.getStatement()).isSameAs(statement);
        assertThat(rawStatement.recorder().resultSets.get(0).calls).isEmpty();
    }

    @Test
    void driverErrorsGoThroughTheOwner() throws SQLException {
        ResultSet resultSet = statement.executeQuery("select 1");
        SQLException driverError = new SQLException("connection reset", "08006");
        rawStatement.recorder().resultSets.get(0).failWith = driverError;

        assertThatThrownBy(resultSet::next).isSameAs(driverError);
        assertThat(owner.sqlExceptions).containsExactly(driverError);
    }

    @Test
    void valuesAreReturnedAsTheDriverMadeThem() throws SQLException {
        ResultSet resultSet = statement.executeQuery("select 1");
        Array driverArray = FakeDriverObject.of(Array.class).object();
        rawStatement.recorder().resultSets.get(0).answers.put("getArray", driverArray);

        assertThat(resultSet.getArray(1)).isSameAs(driverArray);
    }

    @Test
    void unwrapReachesTheDriversResultSet() throws SQLException {
        ResultSet resultSet = statement.executeQuery("select 1");

        assertThat(resultSet.unwrap(ResultSet.class)).isSameAs(resultSet);
        assertThat(resultSet.unwrap(FakeDriverObject.DriverSpecific.class))
                .isSameAs(rawStatement.recorder().lastResultSet);
        assertThat(resultSet.isWrapperFor(FakeDriverObject.DriverSpecific.class)).isTrue();
    }
}
