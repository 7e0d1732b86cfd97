package dev.poolwise.fake;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake physical {@link Connection} of a {@link FakeDatabase}. It keeps the real session state (auto-commit,
 * isolation, read-only, catalog, schema, network timeout, holdability, warnings, open transaction) and counts
 * every setter call, so a test can check that the pool's reset-on-return restored what the borrower changed and
 * touched nothing else:
 *
 * <pre>{@code
 * FakeConnection physical = db.connections().get(0);
 * assertThat(physical.getAutoCommit()).isTrue();
 * assertThat(physical.rollbacks()).isEqualTo(1);
 * assertThat(physical.setIsolationCalls()).isZero();
 * }</pre>
 *
 * <p>Defaults: auto-commit on, {@code TRANSACTION_READ_COMMITTED}, read-write, catalog {@code "fake"}, schema
 * {@code "public"}, network timeout 0, {@code CLOSE_CURSORS_AT_COMMIT}. Calls other than close, abort, isClosed
 * and isValid throw 08003 once the connection is closed; commit, rollback, savepoints and the session setters
 * throw 08006 once it is {@linkplain #breakIt() broken}. Transaction rules follow pgjdbc unless
 * {@link FakeDatabase#strictTransactions(boolean)} is off.
 *
 * <p>Thread-safety: the state fields are volatile and the counters atomic, so a test thread may read them while
 * pool threads use the connection. Executes, commit, rollback and isValid pass through {@link #enter}; a second
 * thread entering while another is inside counts as a concurrent-use violation on this connection and on the
 * database (the pool must hand a connection to one thread at a time). Close and abort are not counted: a pool
 * may legitimately close a connection another thread is stuck in.
 */
public final class FakeConnection implements Connection {

    private final FakeDatabase db;
    private final long id;
    private final String user;

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean aborted;
    private volatile boolean broken;
    private volatile boolean autoCommit = true;
    private volatile boolean inTransaction;
    private volatile int isolation = TRANSACTION_READ_COMMITTED;
    private volatile boolean readOnly;
    private volatile String catalog = "fake";
    private volatile String schema = "public";
    private volatile int networkTimeout;
    private volatile int holdability = ResultSet.CLOSE_CURSORS_AT_COMMIT;
    private volatile Map<String, Class<?>> typeMap = new HashMap<>();
    private final Properties clientInfo = new Properties();
    private final AtomicReference<SQLWarning> warnings = new AtomicReference<>();
    private final Set<FakeStatement> openStatements = ConcurrentHashMap.newKeySet();

    private final AtomicInteger inUse = new AtomicInteger();
    private volatile Thread occupant;
    private final Object hangMonitor = new Object();

    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    private final AtomicInteger savepointRollbacks = new AtomicInteger();
    private final AtomicInteger implicitCommits = new AtomicInteger();
    private final AtomicInteger setAutoCommitCalls = new AtomicInteger();
    private final AtomicInteger setIsolationCalls = new AtomicInteger();
    private final AtomicInteger setReadOnlyCalls = new AtomicInteger();
    private final AtomicInteger setCatalogCalls = new AtomicInteger();
    private final AtomicInteger setSchemaCalls = new AtomicInteger();
    private final AtomicInteger setNetworkTimeoutCalls = new AtomicInteger();
    private final AtomicInteger setHoldabilityCalls = new AtomicInteger();
    private final AtomicInteger beginRequestCalls = new AtomicInteger();
    private final AtomicInteger endRequestCalls = new AtomicInteger();
    private final AtomicInteger clearWarningsCalls = new AtomicInteger();
    private final AtomicInteger isValidCalls = new AtomicInteger();
    private final AtomicInteger executes = new AtomicInteger();
    private final AtomicInteger statementsCreated = new AtomicInteger();
    private final AtomicInteger closeCount = new AtomicInteger();
    private final AtomicInteger concurrentUseViolations = new AtomicInteger();

    FakeConnection(FakeDatabase db, long id, String user) {
        this.db = db;
        this.id = id;
        this.user = user;
    }

    // ---------------------------------------------------------------- test controls and observations

    /** Sequence number within its database, starting at 1. */
    public long id() {
        return id;
    }

    /** The database this connection belongs to. */
    public FakeDatabase database() {
        return db;
    }

    /** The {@code user} property it connected with, or {@code null}. */
    public String user() {
        return user;
    }

    /** Simulates a dead socket: isValid returns false, executes and session calls throw 08006. */
    public void breakIt() {
        broken = true;
        wakeHungCalls();
    }

    /** Whether {@link #breakIt()} or {@link FakeDatabase#invalidateAll()} broke it. */
    public boolean isBroken() {
        return broken;
    }

    /** Appends a warning to the chain returned by {@link #getWarnings()}. */
    public void addWarning(SQLWarning warning) {
        warnings.accumulateAndGet(warning, (head, added) -> {
            if (head == null) {
                return added;
            }
            head.setNextWarning(added);
            return head;
        });
    }

    /** True after an execute (or savepoint) with auto-commit off, until commit, rollback or auto-commit on. */
    public boolean inTransaction() {
        return inTransaction;
    }

    /** Whether {@link #abort} closed it. */
    public boolean aborted() {
        return aborted;
    }

    /** Calls to close() and abort(), including repeated ones. */
    public int closeCount() {
        return closeCount.get();
    }

    /** Statements created and not yet closed. */
    public int openStatements() {
        return openStatements.size();
    }

    public int statementsCreated() {
        return statementsCreated.get();
    }

    public int commits() {
        return commits.get();
    }

    /** Successful {@code rollback()} calls (savepoint rollbacks are counted in {@link #savepointRollbacks()}). */
    public int rollbacks() {
        return rollbacks.get();
    }

    public int savepointRollbacks() {
        return savepointRollbacks.get();
    }

    /** Transactions committed by {@code setAutoCommit(true)} while one was open (JDBC's implicit commit). */
    public int implicitCommits() {
        return implicitCommits.get();
    }

    public int setAutoCommitCalls() {
        return setAutoCommitCalls.get();
    }

    public int setIsolationCalls() {
        return setIsolationCalls.get();
    }

    public int setReadOnlyCalls() {
        return setReadOnlyCalls.get();
    }

    public int setCatalogCalls() {
        return setCatalogCalls.get();
    }

    public int setSchemaCalls() {
        return setSchemaCalls.get();
    }

    public int setNetworkTimeoutCalls() {
        return setNetworkTimeoutCalls.get();
    }

    public int setHoldabilityCalls() {
        return setHoldabilityCalls.get();
    }

    public int clearWarningsCalls() {
        return clearWarningsCalls.get();
    }

    public int isValidCalls() {
        return isValidCalls.get();
    }

    /** JDBC 4.3 {@code beginRequest()} calls. */
    public int beginRequestCalls() {
        return beginRequestCalls.get();
    }

    /** JDBC 4.3 {@code endRequest()} calls. */
    public int endRequestCalls() {
        return endRequestCalls.get();
    }

    @Override
    public void beginRequest() throws SQLException {
        checkOpen();
        beginRequestCalls.incrementAndGet();
    }

    @Override
    public void endRequest() throws SQLException {
        checkOpen();
        endRequestCalls.incrementAndGet();
    }

    /** Execute calls that got past the closed check (including failed ones). */
    public int executes() {
        return executes.get();
    }

    /** Times a second thread entered this connection while another was inside it. */
    public int concurrentUseViolations() {
        return concurrentUseViolations.get();
    }

    @Override
    public String toString() {
        return "FakeConnection[" + db.name() + "#" + id + (closed.get() ? ", closed" : "")
                + (broken ? ", broken" : "") + "]";
    }

    // ---------------------------------------------------------------- statements

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return createStatement(resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkOpen();
        return opened(new FakeStatement(this, resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareStatement(sql, resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        checkOpen();
        return opened(new FakePreparedStatement(this, sql, resultSetType, resultSetConcurrency,
                resultSetHoldability));
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return prepareCall(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareCall(sql, resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        checkOpen();
        return opened(new FakeCallableStatement(this, sql, resultSetType, resultSetConcurrency,
                resultSetHoldability));
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        setAutoCommitCalls.incrementAndGet();
        checkUsable();
        if (autoCommit && !this.autoCommit && inTransaction) {
            implicitCommits.incrementAndGet();
            inTransaction = false;
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        enter("commit");
        try {
            checkUsable();
            checkNotAutoCommit("commit");
            inTransaction = false;
            commits.incrementAndGet();
        } finally {
            exit();
        }
    }

    @Override
    public void rollback() throws SQLException {
        enter("rollback");
        try {
            checkUsable();
            checkNotAutoCommit("rollback");
            inTransaction = false;
            rollbacks.incrementAndGet();
        } finally {
            exit();
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return setSavepoint(null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        checkUsable();
        if (autoCommit) {
            throw new SQLException("cannot set a savepoint in auto-commit mode", "25P01");
        }
        inTransaction = true;
        return new FakeSavepoint(this, name);
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkUsable();
        checkOwnSavepoint(savepoint);
        savepointRollbacks.incrementAndGet();
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkUsable();
        checkOwnSavepoint(savepoint);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        setIsolationCalls.incrementAndGet();
        checkUsable();
        if (level != TRANSACTION_READ_UNCOMMITTED && level != TRANSACTION_READ_COMMITTED
                && level != TRANSACTION_REPEATABLE_READ && level != TRANSACTION_SERIALIZABLE) {
            throw new SQLException("unsupported transaction isolation level " + level, "HY024");
        }
        checkNoTransaction("transaction isolation");
        isolation = level;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return isolation;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        setReadOnlyCalls.incrementAndGet();
        checkUsable();
        checkNoTransaction("read-only");
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    // ---------------------------------------------------------------- other session state

    @Override
    public void setCatalog(String catalog) throws SQLException {
        setCatalogCalls.incrementAndGet();
        checkUsable();
        this.catalog = catalog;
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return catalog;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        setSchemaCalls.incrementAndGet();
        checkUsable();
        this.schema = schema;
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return schema;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        setNetworkTimeoutCalls.incrementAndGet();
        checkOpen();
        if (executor == null || milliseconds < 0) {
            throw new SQLException("setNetworkTimeout needs an executor and milliseconds >= 0, got executor="
                    + executor + ", milliseconds=" + milliseconds, "HY009");
        }
        networkTimeout = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeout;
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        setHoldabilityCalls.incrementAndGet();
        checkOpen();
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT && holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw new SQLException("unknown holdability " + holdability, "HY092");
        }
        this.holdability = holdability;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return holdability;
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return typeMap;
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        typeMap = map == null ? new HashMap<>() : map;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings.get();
    }

    @Override
    public void clearWarnings() throws SQLException {
        clearWarningsCalls.incrementAndGet();
        checkOpen();
        warnings.set(null);
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed.get()) {
            throw new SQLClientInfoException("connection is closed", "08003", 0, Map.of());
        }
        synchronized (clientInfo) {
            if (value == null) {
                clientInfo.remove(name);
            } else {
                clientInfo.setProperty(name, value);
            }
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (closed.get()) {
            throw new SQLClientInfoException("connection is closed", "08003", 0, Map.of());
        }
        synchronized (clientInfo) {
            clientInfo.clear();
            if (properties != null) {
                clientInfo.putAll(properties);
            }
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        synchronized (clientInfo) {
            return clientInfo.getProperty(name);
        }
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        synchronized (clientInfo) {
            Properties copy = new Properties();
            copy.putAll(clientInfo);
            return copy;
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return FakeMetaData.forConnection(this);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) {
            throw new SQLException("isValid timeout must be >= 0, was " + timeoutSeconds, "HY024");
        }
        isValidCalls.incrementAndGet();
        if (closed.get() || broken) {
            return false;
        }
        enter("isValid");
        try {
            long hang = db.validationHangNanos();
            if (hang > 0 && awaitHang(hang, TimeUnit.SECONDS.toNanos(timeoutSeconds), true)) {
                return false;
            }
            return !closed.get() && !broken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            exit();
        }
    }

    @Override
    public void close() {
        closeCount.incrementAndGet();
        if (!closed.compareAndSet(false, true)) {
            db.recordDoubleClose();
            return;
        }
        db.recordClosed();
        releaseResources();
    }

    /** Marks the connection closed at once and releases its statements on {@code executor}; counts as a close. */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "HY009");
        }
        closeCount.incrementAndGet();
        if (!closed.compareAndSet(false, true)) {
            db.recordDoubleClose();
            return;
        }
        aborted = true;
        db.recordClosed();
        executor.execute(this::releaseResources);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    // ---------------------------------------------------------------- unsupported factories

    @Override
    public Clob createClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("FakeConnection.createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw new SQLFeatureNotSupportedException("FakeConnection.createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("FakeConnection.createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw new SQLFeatureNotSupportedException("FakeConnection.createSQLXML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw new SQLFeatureNotSupportedException("FakeConnection.createArrayOf");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw new SQLFeatureNotSupportedException("FakeConnection.createStruct");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("FakeConnection does not wrap " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ---------------------------------------------------------------- called by statements and the database

    /** The execute protocol shared by all statements: closed check, hang, broken check, injected faults. */
    void execute(String sql, int queryTimeoutSeconds) throws SQLException {
        checkOpen();
        enter("execute");
        try {
            executes.incrementAndGet();
            long hang = db.executeHangNanos();
            if (hang > 0 && awaitHang(hang, TimeUnit.SECONDS.toNanos(queryTimeoutSeconds), false)) {
                throw new SQLTimeoutException("canceling statement due to statement timeout of "
                        + queryTimeoutSeconds + "s", "57014");
            }
            checkOpen();
            if (broken) {
                throw brokenException();
            }
            if (!autoCommit) {
                inTransaction = true;
            }
            db.beforeExecute(sql);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("execute interrupted while the fake database hung", "57014", e);
        } finally {
            exit();
        }
    }

    void statementClosed(FakeStatement statement) {
        openStatements.remove(statement);
    }

    void checkOpen() throws SQLException {
        if (closed.get()) {
            throw new SQLException("connection " + this + " is closed", "08003");
        }
    }

    /** Wakes executes and validations waiting in {@link #awaitHang} so they re-read their exit conditions. */
    void wakeHungCalls() {
        synchronized (hangMonitor) {
            hangMonitor.notifyAll();
        }
    }

    // ---------------------------------------------------------------- internals

    private <S extends FakeStatement> S opened(S statement) {
        openStatements.add(statement);
        statementsCreated.incrementAndGet();
        return statement;
    }

    private void releaseResources() {
        for (FakeStatement statement : openStatements) {
            statement.close();
        }
        wakeHungCalls();
    }

    /**
     * Waits until {@code hangNanos} pass, the hang is turned off, or the connection is closed or broken.
     * Returns true only if {@code limitNanos} (0 = none) ran out before the hang did.
     */
    private boolean awaitHang(long hangNanos, long limitNanos, boolean validation) throws InterruptedException {
        boolean limited = limitNanos > 0 && limitNanos < hangNanos;
        long deadline = System.nanoTime() + (limited ? limitNanos : hangNanos);
        synchronized (hangMonitor) {
            while (true) {
                long current = validation ? db.validationHangNanos() : db.executeHangNanos();
                if (current == 0 || closed.get() || broken) {
                    return false;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return limited;
                }
                TimeUnit.NANOSECONDS.timedWait(hangMonitor, remaining);
            }
        }
    }

    /** Marks entry into a call that must be single-threaded; the count is the concurrency check itself. */
    private void enter(String call) {
        Thread me = Thread.currentThread();
        if (inUse.getAndIncrement() > 0) {
            concurrentUseViolations.incrementAndGet();
            Thread other = occupant;
            db.recordConcurrentUse(this + ": thread '" + me.getName() + "' entered " + call + " while thread '"
                    + (other == null ? "?" : other.getName()) + "' was inside");
        } else {
            occupant = me;
        }
    }

    private void exit() {
        inUse.decrementAndGet();
    }

    private void checkUsable() throws SQLException {
        checkOpen();
        if (broken) {
            throw brokenException();
        }
    }

    private SQLException brokenException() {
        return new SQLException("connection " + this + " is broken (I/O error on the fake socket)", "08006");
    }

    private void checkNotAutoCommit(String call) throws SQLException {
        if (autoCommit && db.strictTransactions()) {
            throw new SQLException("cannot " + call + " when autoCommit is enabled", "25P01");
        }
    }

    private void checkNoTransaction(String property) throws SQLException {
        if (inTransaction && db.strictTransactions()) {
            throw new SQLException("cannot change " + property + " in the middle of a transaction", "25001");
        }
    }

    private void checkOwnSavepoint(Savepoint savepoint) throws SQLException {
        if (!(savepoint instanceof FakeSavepoint) || ((FakeSavepoint) savepoint).owner != this) {
            throw new SQLException("savepoint " + savepoint + " does not belong to " + this, "3B001");
        }
    }

    /** A savepoint of one connection; numbered ids for unnamed ones, as JDBC requires. */
    private static final class FakeSavepoint implements Savepoint {
        private static final AtomicInteger NEXT_ID = new AtomicInteger();

        private final FakeConnection owner;
        private final int id = NEXT_ID.incrementAndGet();
        private final String name;

        FakeSavepoint(FakeConnection owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        @Override
        public int getSavepointId() throws SQLException {
            if (name != null) {
                throw new SQLException("named savepoint has no id");
            }
            return id;
        }

        @Override
        public String getSavepointName() throws SQLException {
            if (name == null) {
                throw new SQLException("unnamed savepoint has no name");
            }
            return name;
        }

        @Override
        public String toString() {
            return name == null ? "savepoint#" + id : "savepoint '" + name + "'";
        }
    }
}
