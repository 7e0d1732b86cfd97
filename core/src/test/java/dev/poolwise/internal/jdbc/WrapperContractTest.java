package dev.poolwise.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules every wrapper follows, checked method by method over the whole JDBC interface it implements, since
 * the wrappers are several hundred near-identical delegations: each reaches the driver with the same arguments,
 * each driver {@link SQLException} goes through the owner, only executions call {@code beforeExecute}, and a
 * closed wrapper is dead.
 */
class WrapperContractTest {

    /** Methods a wrapper answers itself, without asking the driver. */
    private static final Set<String> ANSWERED_BY_WRAPPER = Set.of("getConnection", "getStatement");

    /** DatabaseMetaData methods declared without SQLException: they cannot fail, even on a closed connection. */
    private static final Set<String> CANNOT_THROW = Set.of("getDriverMajorVersion", "getDriverMinorVersion");

    /** One wrapper under test, made around a fake driver object. */
    record Subject(Object wrapper, FakeDriverObject raw, RecordingOwner owner, Killer killer) {

        /** Closes the wrapper the way this kind of wrapper dies. */
        void kill() throws SQLException {
            killer.kill(this);
        }
    }

    interface Killer {
        void kill(Subject subject) throws SQLException;
    }

    enum Kind {
        STATEMENT(Statement.class),
        PREPARED_STATEMENT(PreparedStatement.class),
        CALLABLE_STATEMENT(CallableStatement.class),
        RESULT_SET(ResultSet.class),
        METADATA_RESULT_SET(ResultSet.class),
        DATABASE_METADATA(DatabaseMetaData.class);

        final Class<?> api;

        Kind(Class<?> api) {
            this.api = api;
        }

        Subject create() {
            RecordingOwner owner = new RecordingOwner();
            switch (this) {
                case STATEMENT: {
                    FakeDriverObject.Fake<Statement> raw = FakeDriverObject.of(Statement.class);
                    return new Subject(new StatementHandle(owner, raw.object()), raw.recorder(), owner,
                            subject -> ((Statement) subject.wrapper()).close());
                }
                case PREPARED_STATEMENT: {
                    FakeDriverObject.Fake<PreparedStatement> raw = FakeDriverObject.of(PreparedStatement.class);
                    return new Subject(new PreparedStatementHandle(owner, raw.object()), raw.recorder(), owner,
                            subject -> ((Statement) subject.wrapper()).close());
                }
                case CALLABLE_STATEMENT: {
                    FakeDriverObject.Fake<CallableStatement> raw = FakeDriverObject.of(CallableStatement.class);
                    return new Subject(new CallableStatementHandle(owner, raw.object()), raw.recorder(), owner,
                            subject -> ((Statement) subject.wrapper()).close());
                }
                case RESULT_SET: {
                    StatementHandle statement = new StatementHandle(owner, FakeDriverObject.of(Statement.class)
                            .object());
                    FakeDriverObject.Fake<ResultSet> raw = FakeDriverObject.of(ResultSet.class);
                    return new Subject(new ResultSetHandle(statement, owner, raw.object()), raw.recorder(), owner,
                            subject -> ((ResultSet) subject.wrapper()).close());
                }
                case METADATA_RESULT_SET: {
                    FakeDriverObject.Fake<ResultSet> raw = FakeDriverObject.of(ResultSet.class);
                    return new Subject(new ResultSetHandle(null, owner, raw.object()), raw.recorder(), owner,
                            subject -> subject.owner().close());
                }
                case DATABASE_METADATA: {
                    FakeDriverObject.Fake<DatabaseMetaData> raw = FakeDriverObject.of(DatabaseMetaData.class);
                    return new Subject(new DatabaseMetaDataHandle(owner, raw.object()), raw.recorder(), owner,
                            subject -> subject.owner().close());
                }
                default:
                    throw new AssertionError(this);
            }
        }

        /** Every instance method of the JDBC interface, inherited ones included. */
        Stream<Method> methods() {
            return Arrays.stream(api.getMethods()).filter(method -> !Modifier.isStatic(method.getModifiers()));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyMethodDelegatesToTheDriverWithTheSameArguments(Kind kind) throws Throwable {
        List<Method> methods = kind.methods().filter(method -> !ANSWERED_BY_WRAPPER.contains(method.getName()))
                .toList();
        assertThat(methods).hasSizeGreaterThan(40);
        for (Method method : methods) {
            Subject subject = kind.create();
            Object[] arguments = sampleArguments(method);

            Object returned = invoke(subject.wrapper(), method, arguments);

            assertThat(subject.raw().calls).as(method.toString())
                    .containsExactly(new FakeDriverObject.Call(method.getName(), Arrays.asList(arguments)));
            if (method.getReturnType() == ResultSet.class) {
                assertThat(returned).as(method.toString()).isInstanceOf(ResultSetHandle.class);
                assertThat(((ResultSetHandle) returned).raw).as(method.toString())
                        .isSameAs(subject.raw().lastResultSet);
            } else {
                assertThat(returned).as(method.toString()).isEqualTo(subject.raw().lastReturned);
            }
        }
    }

    /** Writes through an updatable result set: they may open a transaction, like an execute. */
    private static final Set<String> WRITES_THROUGH_RESULT_SET = Set.of("insertRow", "updateRow", "deleteRow");

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyExecuteMethodCallsBeforeExecute(Kind kind) throws Throwable {
        for (Method method : kind.methods().toList()) {
            Subject subject = kind.create();

            invoke(subject.wrapper(), method, sampleArguments(method));

            int expected = method.getName().startsWith("execute") || WRITES_THROUGH_RESULT_SET.contains(method.getName())
                    ? 1 : 0;
            assertThat(subject.owner().executions).as(method.toString()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyDriverSqlExceptionGoesThroughOnSqlException(Kind kind) {
        List<Method> methods = kind.methods()
                .filter(method -> !ANSWERED_BY_WRAPPER.contains(method.getName()))
                .filter(method -> !CANNOT_THROW.contains(method.getName()))
                .toList();
        for (Method method : methods) {
            Subject subject = kind.create();
            SQLException driverError = new SQLException("from the driver", "08S01");
            subject.raw().failWith = driverError;

            Throwable thrown = catchThrowable(() -> invoke(subject.wrapper(), method, sampleArguments(method)));

            assertThat(thrown).as(method.toString()).isSameAs(driverError);
            assertThat(subject.owner().sqlExceptions).as(method.toString()).containsExactly(driverError);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyMethodIsDeadOnceClosed(Kind kind) throws Throwable {
        Subject subject = kind.create();
        subject.kill();

        assertEveryMethodIsDead(kind, subject);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeAndIsClosedStillWorkOnceClosed(Kind kind) throws Throwable {
        if (!AutoCloseable.class.isAssignableFrom(kind.api)) {
            return; // DatabaseMetaData has neither
        }
        Subject subject = kind.create();
        subject.kill();
        AutoCloseable wrapper = (AutoCloseable) subject.wrapper();

        assertThatCode(wrapper::close).doesNotThrowAnyException();
        assertThat(invoke(wrapper, kind.api.getMethod("isClosed"), new Object[0])).isEqualTo(true);
    }

    /**
     * Asserts that every method but {@code close()} and {@code isClosed()} throws a "closed" SQLException
     * without reaching the driver.
     */
    static void assertEveryMethodIsDead(Kind kind, Subject subject) {
        subject.raw().calls.clear();
        List<Method> methods = kind.methods()
                .filter(method -> !method.getName().equals("close") && !method.getName().equals("isClosed"))
                .filter(method -> !CANNOT_THROW.contains(method.getName()))
                .toList();
        for (Method method : methods) {
            Throwable thrown = catchThrowable(() -> invoke(subject.wrapper(), method, sampleArguments(method)));

            assertThat(thrown).as(method.toString()).isInstanceOf(SQLException.class);
            assertThat(((SQLException) thrown).getSQLState()).as(method.toString()).isEqualTo("08003");
        }
        assertThat(subject.raw().calls).isEmpty();
        assertThat(subject.owner().sqlExceptions).as("closed errors are not the driver's").isEmpty();
    }

    static Object[] sampleArguments(Method method) {
        return Arrays.stream(method.getParameterTypes()).map(FakeDriverObject::sampleValue).toArray();
    }

    /** Calls {@code method} on {@code target}, rethrowing what the method itself threw. */
    static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
