package dev.poolwise.internal.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The {@link ResultSet} a pooled connection hands out, from a statement wrapper or from
 * {@link DatabaseMetaDataHandle}. Delegates every call to the driver's result set; driver exceptions go through
 * {@link StatementOwner#onSqlException}, and {@link #getStatement()} returns the statement wrapper, never the
 * driver's statement.
 *
 * <p>A result set is dead once it is closed, or once the statement wrapper that produced it is closed (closing
 * the driver's statement closed the driver's result set too, so the statement need not keep a list). A result
 * set from database metadata has no statement; it is dead once its connection handle is closed, so every call
 * on it first asks {@link StatementOwner#checkOpen()}. Values such as {@code Array}, {@code Blob} or
 * {@code getObject} results are returned as the driver made them.
 *
 * <p>Threading: used by one thread at a time (the borrower), so the state here is in plain fields.
 */
public class ResultSetHandle implements ResultSet {

    /** The statement wrapper that produced this result set; null for database metadata result sets. */
    private final StatementHandle statement;

    private final StatementOwner owner;

    /** The driver's result set; package-private so that {@link StatementHandle} can recognise it again. */
    final ResultSet raw;

    /** Set once by {@link #close()}; never cleared. */
    boolean closed;

    /**
     * @param statement the statement wrapper that produced this result set, or null for a metadata result set
     * @param owner     the connection handle of that statement (or of the metadata)
     * @param raw       the driver's result set
     */
    public ResultSetHandle(StatementHandle statement, StatementOwner owner, ResultSet raw) {
        this.statement = statement;
        this.owner = owner;
        this.raw = raw;
    }

    /**
     * Closes the driver's result set. Idempotent. When the statement or connection is already closed, the
     * driver's result set is left alone: it was closed with its statement, or its connection went back to the
     * pool and may now belong to another borrower.
     */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        if (parentClosed()) {
            return;
        }
        try {
            raw.close();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    /**
     * @return true once this result set, its statement or (for metadata) its connection handle is closed, or
     *         when the driver closed it (as when its statement was executed again)
     */
    @Override
    public boolean isClosed() throws SQLException {
        if (closed || parentClosed()) {
            return true;
        }
        try {
            return raw.isClosed();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    /**
     * The guard at the top of every method but {@code close()} and {@code isClosed()}.
     *
     * @throws SQLException with SQLState {@code 08003} if this result set or its statement is closed, or the
     *                      connection handle's error if a metadata result set outlived its connection
     */
    private void checkOpen() throws SQLException {
        // One test on the hot path; the cases are told apart only when something is wrong, or for metadata.
        if (closed || statement == null || statement.closed) {
            checkOpenSlowPath();
        }
    }

    private void checkOpenSlowPath() throws SQLException {
        if (closed) {
            throw new SQLException("ResultSet is closed; it cannot be used after close()",
                    StatementHandle.SQLSTATE_CLOSED);
        }
        if (statement == null) {
            owner.checkOpen();
            return;
        }
        throw new SQLException("ResultSet is closed because its Statement was closed (by close() or by closing"
                + " its connection)", StatementHandle.SQLSTATE_CLOSED);
    }

    /** For close() and isClosed(), which must not throw when the parent is gone. */
    private boolean parentClosed() {
        if (statement != null) {
            return statement.closed;
        }
        try {
            owner.checkOpen();
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * @return the statement wrapper that produced this result set, or null for a database metadata result set
     */
    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    /**
     * Returns this handle if it implements {@code iface}, else the driver's result set if it does, else whatever
     * the driver's {@code unwrap} returns.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(raw)) {
            return iface.cast(raw);
        }
        try {
            return raw.unwrap(iface);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this) || iface.isInstance(raw)) {
            return true;
        }
        try {
            return raw.isWrapperFor(iface);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String toString() {
        return "ResultSetHandle[" + raw + "]";
    }

    // Plain delegation from here on, in the order java.sql.ResultSet declares the methods.

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        try {
            return raw.next();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        try {
            return raw.wasNull();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getString(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getBoolean(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getByte(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getShort(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getInt(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getLong(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getFloat(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getDouble(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    @Deprecated(since = "1.2")
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        checkOpen();
        try {
            return raw.getBigDecimal(columnIndex, scale);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getBytes(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Date getDate(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getDate(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Time getTime(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getTime(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getTimestamp(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getAsciiStream(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    @Deprecated(since = "1.2")
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getUnicodeStream(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getBinaryStream(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getString(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getBoolean(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getByte(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getShort(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getInt(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getLong(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getFloat(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getDouble(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    @Deprecated(since = "1.2")
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        checkOpen();
        try {
            return raw.getBigDecimal(columnLabel, scale);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getBytes(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Date getDate(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getDate(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Time getTime(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getTime(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getTimestamp(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getAsciiStream(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    @Deprecated(since = "1.2")
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getUnicodeStream(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getBinaryStream(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        try {
            return raw.getWarnings();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        try {
            raw.clearWarnings();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getCursorName() throws SQLException {
        checkOpen();
        try {
            return raw.getCursorName();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        try {
            return raw.getMetaData();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getObject(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getObject(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.findColumn(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getCharacterStream(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getCharacterStream(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getBigDecimal(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getBigDecimal(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        try {
            return raw.isBeforeFirst();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        try {
            return raw.isAfterLast();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        try {
            return raw.isFirst();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        try {
            return raw.isLast();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkOpen();
        try {
            raw.beforeFirst();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void afterLast() throws SQLException {
        checkOpen();
        try {
            raw.afterLast();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean first() throws SQLException {
        checkOpen();
        try {
            return raw.first();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean last() throws SQLException {
        checkOpen();
        try {
            return raw.last();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        try {
            return raw.getRow();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        checkOpen();
        try {
            return raw.absolute(row);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        checkOpen();
        try {
            return raw.relative(rows);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean previous() throws SQLException {
        checkOpen();
        try {
            return raw.previous();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        try {
            raw.setFetchDirection(direction);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        try {
            return raw.getFetchDirection();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        try {
            raw.setFetchSize(rows);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        try {
            return raw.getFetchSize();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        try {
            return raw.getType();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        try {
            return raw.getConcurrency();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        checkOpen();
        try {
            return raw.rowUpdated();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean rowInserted() throws SQLException {
        checkOpen();
        try {
            return raw.rowInserted();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        checkOpen();
        try {
            return raw.rowDeleted();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        checkOpen();
        try {
            raw.updateNull(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        checkOpen();
        try {
            raw.updateBoolean(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        checkOpen();
        try {
            raw.updateByte(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        checkOpen();
        try {
            raw.updateShort(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        checkOpen();
        try {
            raw.updateInt(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        checkOpen();
        try {
            raw.updateLong(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        checkOpen();
        try {
            raw.updateFloat(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        checkOpen();
        try {
            raw.updateDouble(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        checkOpen();
        try {
            raw.updateBigDecimal(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        checkOpen();
        try {
            raw.updateString(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        checkOpen();
        try {
            raw.updateBytes(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateDate(int columnIndex, java.sql.Date x) throws SQLException {
        checkOpen();
        try {
            raw.updateDate(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateTime(int columnIndex, java.sql.Time x) throws SQLException {
        checkOpen();
        try {
            raw.updateTime(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateTimestamp(int columnIndex, java.sql.Timestamp x) throws SQLException {
        checkOpen();
        try {
            raw.updateTimestamp(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            raw.updateAsciiStream(columnIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            raw.updateBinaryStream(columnIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
        checkOpen();
        try {
            raw.updateCharacterStream(columnIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
        checkOpen();
        try {
            raw.updateObject(columnIndex, x, scaleOrLength);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        checkOpen();
        try {
            raw.updateObject(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        checkOpen();
        try {
            raw.updateNull(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        checkOpen();
        try {
            raw.updateBoolean(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        checkOpen();
        try {
            raw.updateByte(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        checkOpen();
        try {
            raw.updateShort(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        checkOpen();
        try {
            raw.updateInt(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        checkOpen();
        try {
            raw.updateLong(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        checkOpen();
        try {
            raw.updateFloat(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        checkOpen();
        try {
            raw.updateDouble(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        checkOpen();
        try {
            raw.updateBigDecimal(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        checkOpen();
        try {
            raw.updateString(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        checkOpen();
        try {
            raw.updateBytes(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateDate(String columnLabel, java.sql.Date x) throws SQLException {
        checkOpen();
        try {
            raw.updateDate(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateTime(String columnLabel, java.sql.Time x) throws SQLException {
        checkOpen();
        try {
            raw.updateTime(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateTimestamp(String columnLabel, java.sql.Timestamp x) throws SQLException {
        checkOpen();
        try {
            raw.updateTimestamp(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            raw.updateAsciiStream(columnLabel, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            raw.updateBinaryStream(columnLabel, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException {
        checkOpen();
        try {
            raw.updateCharacterStream(columnLabel, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
        checkOpen();
        try {
            raw.updateObject(columnLabel, x, scaleOrLength);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        checkOpen();
        try {
            raw.updateObject(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void insertRow() throws SQLException {
        checkOpen();
        owner.beforeExecute(); // a write: it may open (or join) a transaction the return must roll back
        try {
            raw.insertRow();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateRow() throws SQLException {
        checkOpen();
        owner.beforeExecute(); // a write: it may open (or join) a transaction the return must roll back
        try {
            raw.updateRow();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void deleteRow() throws SQLException {
        checkOpen();
        owner.beforeExecute(); // a write: it may open (or join) a transaction the return must roll back
        try {
            raw.deleteRow();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void refreshRow() throws SQLException {
        checkOpen();
        try {
            raw.refreshRow();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        checkOpen();
        try {
            raw.cancelRowUpdates();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        checkOpen();
        try {
            raw.moveToInsertRow();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        checkOpen();
        try {
            raw.moveToCurrentRow();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        try {
            return raw.getObject(columnIndex, map);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getRef(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getBlob(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getClob(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getArray(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        try {
            return raw.getObject(columnLabel, map);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getRef(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getBlob(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getClob(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getArray(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Date getDate(int columnIndex, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return raw.getDate(columnIndex, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Date getDate(String columnLabel, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return raw.getDate(columnLabel, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Time getTime(int columnIndex, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return raw.getTime(columnIndex, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Time getTime(String columnLabel, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return raw.getTime(columnLabel, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return raw.getTimestamp(columnIndex, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return raw.getTimestamp(columnLabel, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getURL(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getURL(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateRef(int columnIndex, java.sql.Ref x) throws SQLException {
        checkOpen();
        try {
            raw.updateRef(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateRef(String columnLabel, java.sql.Ref x) throws SQLException {
        checkOpen();
        try {
            raw.updateRef(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBlob(int columnIndex, java.sql.Blob x) throws SQLException {
        checkOpen();
        try {
            raw.updateBlob(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBlob(String columnLabel, java.sql.Blob x) throws SQLException {
        checkOpen();
        try {
            raw.updateBlob(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateClob(int columnIndex, java.sql.Clob x) throws SQLException {
        checkOpen();
        try {
            raw.updateClob(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateClob(String columnLabel, java.sql.Clob x) throws SQLException {
        checkOpen();
        try {
            raw.updateClob(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateArray(int columnIndex, java.sql.Array x) throws SQLException {
        checkOpen();
        try {
            raw.updateArray(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateArray(String columnLabel, java.sql.Array x) throws SQLException {
        checkOpen();
        try {
            raw.updateArray(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getRowId(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getRowId(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        checkOpen();
        try {
            raw.updateRowId(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        checkOpen();
        try {
            raw.updateRowId(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        try {
            return raw.getHoldability();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNString(int columnIndex, String nString) throws SQLException {
        checkOpen();
        try {
            raw.updateNString(columnIndex, nString);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNString(String columnLabel, String nString) throws SQLException {
        checkOpen();
        try {
            raw.updateNString(columnLabel, nString);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
        checkOpen();
        try {
            raw.updateNClob(columnIndex, nClob);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
        checkOpen();
        try {
            raw.updateNClob(columnLabel, nClob);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getNClob(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getNClob(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getSQLXML(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getSQLXML(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException {
        checkOpen();
        try {
            raw.updateSQLXML(columnIndex, xmlObject);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException {
        checkOpen();
        try {
            raw.updateSQLXML(columnLabel, xmlObject);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getNString(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getNString(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        checkOpen();
        try {
            return raw.getNCharacterStream(columnIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        checkOpen();
        try {
            return raw.getNCharacterStream(columnLabel);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateNCharacterStream(columnIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateNCharacterStream(columnLabel, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateAsciiStream(columnIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateBinaryStream(columnIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateCharacterStream(columnIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateAsciiStream(columnLabel, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateBinaryStream(columnLabel, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateCharacterStream(columnLabel, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBlob(int columnIndex, InputStream inputStream, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateBlob(columnIndex, inputStream, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBlob(String columnLabel, InputStream inputStream, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateBlob(columnLabel, inputStream, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateClob(columnIndex, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateClob(columnLabel, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateNClob(columnIndex, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            raw.updateNClob(columnLabel, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
        checkOpen();
        try {
            raw.updateNCharacterStream(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
        checkOpen();
        try {
            raw.updateNCharacterStream(columnLabel, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
        checkOpen();
        try {
            raw.updateAsciiStream(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
        checkOpen();
        try {
            raw.updateBinaryStream(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
        checkOpen();
        try {
            raw.updateCharacterStream(columnIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
        checkOpen();
        try {
            raw.updateAsciiStream(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
        checkOpen();
        try {
            raw.updateBinaryStream(columnLabel, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
        checkOpen();
        try {
            raw.updateCharacterStream(columnLabel, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
        checkOpen();
        try {
            raw.updateBlob(columnIndex, inputStream);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
        checkOpen();
        try {
            raw.updateBlob(columnLabel, inputStream);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateClob(int columnIndex, Reader reader) throws SQLException {
        checkOpen();
        try {
            raw.updateClob(columnIndex, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateClob(String columnLabel, Reader reader) throws SQLException {
        checkOpen();
        try {
            raw.updateClob(columnLabel, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader) throws SQLException {
        checkOpen();
        try {
            raw.updateNClob(columnIndex, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader) throws SQLException {
        checkOpen();
        try {
            raw.updateNClob(columnLabel, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        checkOpen();
        try {
            return raw.getObject(columnIndex, type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        checkOpen();
        try {
            return raw.getObject(columnLabel, type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        checkOpen();
        try {
            raw.updateObject(columnIndex, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength)
            throws SQLException {
        checkOpen();
        try {
            raw.updateObject(columnLabel, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
        checkOpen();
        try {
            raw.updateObject(columnIndex, x, targetSqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void updateObject(String columnLabel, Object x, SQLType targetSqlType) throws SQLException {
        checkOpen();
        try {
            raw.updateObject(columnLabel, x, targetSqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }
}
