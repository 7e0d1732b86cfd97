package dev.poolwise.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class StatementHandleTest {

    private final RecordingOwner owner = new RecordingOwner();
    private final FakeDriverObject.Fake<Statement> raw = FakeDriverObject.of(Statement.class);
    private final StatementHandle statement = new StatementHandle(owner, raw.object());

    @Test
    void statementIsDeadAfterClose() throws SQLException {
        statement.close();

        assertThat(statement.isClosed()).isTrue();
        assertThatThrownBy(() -> statement.executeQuery("select 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Statement is closed")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
        assertThat(owner.executions).isZero();
        assertThat(raw.recorder().methodsCalled()).containsExactly("close");
    }

    @Test
    void closeIsIdempotentAndUntracksOnce() throws SQLException {
        statement.close();
        statement.close();

        assertThat(raw.recorder().methodsCalled()).containsExactly("close");
        assertThat(owner.untracked).containsExactly(statement);
    }

    @Test
    void statementIsDeadAndUntrackedEvenWhenTheDriversCloseFails() {
        SQLException driverError = new SQLException("socket closed", "08006");
        raw.recorder().failWith = driverError;

        assertThatThrownBy(statement::close).isSameAs(driverError);

        assertThat(statement.closed).isTrue();
        assertThat(owner.untracked).containsExactly(statement);
        assertThat(owner.sqlExceptions).containsExactly(driverError);
    }

    @Test
    void closeByOwnerClosesTheDriversStatementWithoutUntracking() throws SQLException {
        Throwable closeError = statement.closeByOwner(); // SQLException is also Iterable: pick the assertion

        assertThat(closeError).isNull();
        assertThat(raw.recorder().closed).isTrue();
        assertThat(statement.isClosed()).isTrue();
        assertThat(owner.untracked).isEmpty();
        assertThatThrownBy(statement::getFetchSize).isInstanceOf(SQLException.class);
        assertThatCode(statement::close).doesNotThrowAnyException();
        assertThat(owner.untracked).as("a later close() by the application").isEmpty();
    }

    @Test
    void closeByOwnerReturnsTheDriversCloseErrorInsteadOfThrowing() {
        SQLException driverError = new SQLException("socket closed", "08006");
        raw.recorder().failWith = driverError;

        Throwable first = statement.closeByOwner(); // SQLException is also Iterable: pick the assertion
        Throwable second = statement.closeByOwner();

        assertThat(first).isSameAs(driverError);
        assertThat(second).isNull();
        assertThat(statement.closed).isTrue();
    }

    @Test
    void isClosedReportsAStatementTheDriverClosedOnItsOwn() throws SQLException {
        raw.recorder().closed = true; // as after closeOnCompletion()

        assertThat(statement.isClosed()).isTrue();
    }

    @Test
    void getConnectionReturnsTheOwnersHandle() throws SQLException {
        assertThat(statement.getConnection()).isSameAs(owner.handle);
        assertThat(raw.recorder().calls).isEmpty();
    }

    @Test
    void executeQueryReturnsAResultSetHandleWhoseStatementIsTheWrapper() throws SQLException {
        ResultSet resultSet = statement.executeQuery("select 1");

        assertThat(resultSet).isInstanceOf(ResultSetHandle.class);
        assertThat(resultSet.getStatement()).isSameAs(statement);
        assertThat(owner.executions).isEqualTo(1);
    }

    @Test
    void preparedAndCallableStatementsWrapTheirResultSetsToo() throws SQLException {
        PreparedStatement prepared = new PreparedStatementHandle(owner,
                FakeDriverObject.of(PreparedStatement.class).object());
        CallableStatement callable = new CallableStatementHandle(owner,
                FakeDriverObject.of(CallableStatement.class).object());

        assertThat(prepared.executeQuery().getStatement()).isSameAs(prepared);
        assertThat(callable.executeQuery().getStatement()).isSameAs(callable);
        assertThat(prepared.getConnection()).isSameAs(owner.handle);
        assertThat(callable.getConnection()).isSameAs(owner.handle);
        assertThat(owner.executions).isEqualTo(2);
    }

    @Test
    void getResultSetReturnsTheSameWrapperForTheSameDriverResultSet() throws SQLException {
        statement.execute("select 1");
        ResultSet first = statement.getResultSet();
        raw.recorder().answers.put("getResultSet", raw.recorder().lastResultSet);

        assertThat(statement.getResultSet()).isSameAs(first);
    }

    @Test
    void aResultSetWrapperClosedByTheApplicationIsNotHandedOutAgain() throws SQLException {
        ResultSet first = statement.executeQuery("select 1");
        first.close();
        raw.recorder().answers.put("getResultSet", ((ResultSetHandle) first).raw);

        ResultSet again = statement.getResultSet();

        assertThat(again).isNotSameAs(first);
        assertThat(((ResultSetHandle) again).raw).isSameAs(((ResultSetHandle) first).raw);
    }

    @Test
    void getResultSetReturnsNullWhenTheDriverHasNone() throws SQLException {
        raw.recorder().answers.put("getResultSet", null);

        assertThat(statement.getResultSet()).isNull();
    }

    @Test
    void generatedKeysAreWrapped() throws SQLException {
        ResultSet keys = statement.getGeneratedKeys();

        assertThat(keys).isInstanceOf(ResultSetHandle.class);
        assertThat(keys.getStatement()).isSameAs(statement);
    }

    @Test
    void unwrapReachesTheDriversObject() throws SQLException {
        assertThat(statement.unwrap(Statement.class)).isSameAs(statement);
        assertThat(statement.unwrap(StatementHandle.class)).isSameAs(statement);
        assertThat(statement.unwrap(FakeDriverObject.DriverSpecific.class)).isSameAs(raw.object());
        assertThat(statement.isWrapperFor(FakeDriverObject.DriverSpecific.class)).isTrue();
        assertThat(raw.recorder().calls).as("answered without asking the driver").isEmpty();
    }

    @Test
    void unwrapAsksTheDriverForInterfacesNeitherObjectImplements() throws SQLException {
        raw.recorder().answers.put("isWrapperFor", false);

        assertThat(statement.isWrapperFor(Runnable.class)).isFalse();
        assertThat(raw.recorder().methodsCalled()).containsExactly("isWrapperFor");
    }

    @Test
    void toStringNamesTheWrapperAndTheDriversObject() {
        assertThat(statement).hasToString("StatementHandle[FakeStatement]");
        assertThat(new PreparedStatementHandle(owner, FakeDriverObject.of(PreparedStatement.class).object()))
                .hasToString("PreparedStatementHandle[FakePreparedStatement]");
    }
}
