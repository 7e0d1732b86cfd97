package dev.poolwise.fake;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

/**
 * A small read-only, forward-only {@link ResultSet} over fixed rows. Statements return
 * {@link #singleInt(FakeStatement, int) one row with one int column labelled "value"} (so {@code SELECT 1}
 * reads 1); metadata queries return an {@link #empty(FakeStatement) empty} one. Getters convert the stored value
 * the usual way (numbers to any numeric type, anything to String); an unconvertible value throws 22018.
 * Labels match case-insensitively, an unknown label throws 42703. Updates throw
 * {@link SQLFeatureNotSupportedException}. Used by one thread at a time.
 */
public final class FakeResultSet implements ResultSet {

    private final FakeStatement statement;
    private final List<String> labels;
    private final List<Object[]> rows;
    private volatile boolean closed;
    private int row;
    private boolean wasNull;
    private int fetchSize;

    private FakeResultSet(FakeStatement statement, List<String> labels, List<Object[]> rows) {
        this.statement = statement;
        this.labels = labels;
        this.rows = rows;
    }

    /** One row, one INTEGER column labelled "value". */
    static FakeResultSet singleInt(FakeStatement statement, int value) {
        return new FakeResultSet(statement, List.of("value"), List.<Object[]>of(new Object[] {value}));
    }

    /** No columns, no rows. */
    static FakeResultSet empty(FakeStatement statement) {
        return new FakeResultSet(statement, List.of(), List.of());
    }

    // ---------------------------------------------------------------- cursor

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (row <= rows.size()) {
            row++;
        }
        return row <= rows.size();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (statement != null) {
                statement.resultSetClosed(this);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(columnLabel)) {
                return i + 1;
            }
        }
        throw new SQLException("no column labelled '" + columnLabel + "' among " + labels, "42703");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        int[] types = new int[labels.size()];
        for (int i = 0; i < types.length; i++) {
            Object sample = rows.isEmpty() ? null : rows.get(0)[i];
            types[i] = sample instanceof Integer ? Types.INTEGER : Types.VARCHAR;
        }
        return FakeMetaData.forColumns(labels, types);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && !rows.isEmpty();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return row > rows.size() && !rows.isEmpty();
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && !rows.isEmpty();
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return row == rows.size() && !rows.isEmpty();
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row <= rows.size() ? row : 0;
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public void afterLast() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean first() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean last() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean previous() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw forwardOnly();
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw new SQLFeatureNotSupportedException("FakeResultSet.getCursorName");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("FakeResultSet does not wrap " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ---------------------------------------------------------------- value access and conversion

    private Object value(int columnIndex) throws SQLException {
        checkOpen();
        if (row < 1 || row > rows.size()) {
            throw new SQLException("no current row (call next() first, and only while it returns true)", "24000");
        }
        if (columnIndex < 1 || columnIndex > labels.size()) {
            throw new SQLException("column index " + columnIndex + " out of range 1.." + labels.size(), "07009");
        }
        Object value = rows.get(row - 1)[columnIndex - 1];
        wasNull = value == null;
        return value;
    }

    static String string(Object value) {
        return value == null ? null : value.toString();
    }

    static boolean bool(Object value) throws SQLException {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        return number(value).intValue() != 0;
    }

    static Number number(Object value) throws SQLException {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number) {
            return (Number) value;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new SQLException("cannot convert '" + value + "' to a number", "22018", e);
        }
    }

    static BigDecimal decimal(Object value) throws SQLException {
        return value == null ? null : value instanceof BigDecimal ? (BigDecimal) value
                : new BigDecimal(number(value).toString());
    }

    static byte[] bytes(Object value) {
        return value == null ? null : value instanceof byte[] ? (byte[]) value
                : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    static <T> T as(Object value, Class<T> type) throws SQLException {
        if (value == null) {
            return null;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (type == String.class) {
            return type.cast(value.toString());
        }
        throw new SQLException("cannot convert " + value.getClass().getSimpleName() + " '" + value + "' to "
                + type.getSimpleName(), "22018");
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("result set is closed", "08003");
        }
        if (statement != null) {
            statement.checkOpen();
        }
    }

    private SQLException forwardOnly() {
        return new SQLException("FakeResultSet is TYPE_FORWARD_ONLY", "24000");
    }

    private SQLException readOnly() {
        return new SQLFeatureNotSupportedException("FakeResultSet is CONCUR_READ_ONLY");
    }

    // ---------------------------------------------------------------- column getters

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), Array.class);
    }
    @Override
    public Array getArray(int columnIndex) throws SQLException { return as(value(columnIndex), Array.class); }
    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), InputStream.class);
    }
    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        return as(value(columnIndex), InputStream.class);
    }
    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return decimal(value(findColumn(columnLabel)));
    }
    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException { return decimal(value(columnIndex)); }
    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return decimal(value(findColumn(columnLabel)));
    }
    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        return decimal(value(columnIndex));
    }
    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), InputStream.class);
    }
    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        return as(value(columnIndex), InputStream.class);
    }
    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), Blob.class);
    }
    @Override
    public Blob getBlob(int columnIndex) throws SQLException { return as(value(columnIndex), Blob.class); }
    @Override
    public boolean getBoolean(String columnLabel) throws SQLException { return bool(value(findColumn(columnLabel))); }
    @Override
    public boolean getBoolean(int columnIndex) throws SQLException { return bool(value(columnIndex)); }
    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return number(value(findColumn(columnLabel))).byteValue();
    }
    @Override
    public byte getByte(int columnIndex) throws SQLException { return number(value(columnIndex)).byteValue(); }
    @Override
    public byte[] getBytes(String columnLabel) throws SQLException { return bytes(value(findColumn(columnLabel))); }
    @Override
    public byte[] getBytes(int columnIndex) throws SQLException { return bytes(value(columnIndex)); }
    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), Reader.class);
    }
    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        return as(value(columnIndex), Reader.class);
    }
    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), Clob.class);
    }
    @Override
    public Clob getClob(int columnIndex) throws SQLException { return as(value(columnIndex), Clob.class); }
    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), Date.class);
    }
    @Override
    public Date getDate(int columnIndex) throws SQLException { return as(value(columnIndex), Date.class); }
    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return as(value(findColumn(columnLabel)), Date.class);
    }
    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        return as(value(columnIndex), Date.class);
    }
    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return number(value(findColumn(columnLabel))).doubleValue();
    }
    @Override
    public double getDouble(int columnIndex) throws SQLException { return number(value(columnIndex)).doubleValue(); }
    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return number(value(findColumn(columnLabel))).floatValue();
    }
    @Override
    public float getFloat(int columnIndex) throws SQLException { return number(value(columnIndex)).floatValue(); }
    @Override
    public int getInt(String columnLabel) throws SQLException {
        return number(value(findColumn(columnLabel))).intValue();
    }
    @Override
    public int getInt(int columnIndex) throws SQLException { return number(value(columnIndex)).intValue(); }
    @Override
    public long getLong(String columnLabel) throws SQLException {
        return number(value(findColumn(columnLabel))).longValue();
    }
    @Override
    public long getLong(int columnIndex) throws SQLException { return number(value(columnIndex)).longValue(); }
    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), Reader.class);
    }
    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return as(value(columnIndex), Reader.class);
    }
    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), NClob.class);
    }
    @Override
    public NClob getNClob(int columnIndex) throws SQLException { return as(value(columnIndex), NClob.class); }
    @Override
    public String getNString(String columnLabel) throws SQLException { return string(value(findColumn(columnLabel))); }
    @Override
    public String getNString(int columnIndex) throws SQLException { return string(value(columnIndex)); }
    @Override
    public Object getObject(String columnLabel) throws SQLException { return value(findColumn(columnLabel)); }
    @Override
    public Object getObject(int columnIndex) throws SQLException { return value(columnIndex); }
    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return as(value(findColumn(columnLabel)), type);
    }
    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return value(findColumn(columnLabel));
    }
    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException { return as(value(columnIndex), type); }
    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        return value(columnIndex);
    }
    @Override
    public Ref getRef(String columnLabel) throws SQLException { return as(value(findColumn(columnLabel)), Ref.class); }
    @Override
    public Ref getRef(int columnIndex) throws SQLException { return as(value(columnIndex), Ref.class); }
    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), RowId.class);
    }
    @Override
    public RowId getRowId(int columnIndex) throws SQLException { return as(value(columnIndex), RowId.class); }
    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), SQLXML.class);
    }
    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException { return as(value(columnIndex), SQLXML.class); }
    @Override
    public short getShort(String columnLabel) throws SQLException {
        return number(value(findColumn(columnLabel))).shortValue();
    }
    @Override
    public short getShort(int columnIndex) throws SQLException { return number(value(columnIndex)).shortValue(); }
    @Override
    public String getString(String columnLabel) throws SQLException { return string(value(findColumn(columnLabel))); }
    @Override
    public String getString(int columnIndex) throws SQLException { return string(value(columnIndex)); }
    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), Time.class);
    }
    @Override
    public Time getTime(int columnIndex) throws SQLException { return as(value(columnIndex), Time.class); }
    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return as(value(findColumn(columnLabel)), Time.class);
    }
    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        return as(value(columnIndex), Time.class);
    }
    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), Timestamp.class);
    }
    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return as(value(columnIndex), Timestamp.class);
    }
    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return as(value(findColumn(columnLabel)), Timestamp.class);
    }
    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        return as(value(columnIndex), Timestamp.class);
    }
    @Override
    public URL getURL(String columnLabel) throws SQLException { return as(value(findColumn(columnLabel)), URL.class); }
    @Override
    public URL getURL(int columnIndex) throws SQLException { return as(value(columnIndex), URL.class); }
    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return as(value(findColumn(columnLabel)), InputStream.class);
    }
    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        return as(value(columnIndex), InputStream.class);
    }

    // ---------------------------------------------------------------- updates: read-only

    @Override
    public boolean rowUpdated() throws SQLException {
        return false;
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return false;
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return false;
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateArray(String columnLabel, Array x) throws SQLException { throw readOnly(); }
    @Override
    public void updateArray(int columnIndex, Array x) throws SQLException { throw readOnly(); }
    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException { throw readOnly(); }
    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException { throw readOnly(); }
    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw readOnly();
    }
    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw readOnly();
    }
    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException { throw readOnly(); }
    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw readOnly();
    }
    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw readOnly();
    }
    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException { throw readOnly(); }
    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw readOnly();
    }
    @Override
    public void updateBlob(String columnLabel, InputStream x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBlob(String columnLabel, Blob x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBlob(int columnIndex, InputStream x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBlob(int columnIndex, Blob x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBlob(String columnLabel, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateBlob(int columnIndex, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException { throw readOnly(); }
    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException { throw readOnly(); }
    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException { throw readOnly(); }
    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException { throw readOnly(); }
    @Override
    public void updateCharacterStream(String columnLabel, Reader x) throws SQLException { throw readOnly(); }
    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException { throw readOnly(); }
    @Override
    public void updateCharacterStream(String columnLabel, Reader x, int length) throws SQLException {
        throw readOnly();
    }
    @Override
    public void updateCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw readOnly();
    }
    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException { throw readOnly(); }
    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateClob(String columnLabel, Reader x) throws SQLException { throw readOnly(); }
    @Override
    public void updateClob(String columnLabel, Clob x) throws SQLException { throw readOnly(); }
    @Override
    public void updateClob(int columnIndex, Reader x) throws SQLException { throw readOnly(); }
    @Override
    public void updateClob(int columnIndex, Clob x) throws SQLException { throw readOnly(); }
    @Override
    public void updateClob(String columnLabel, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateClob(int columnIndex, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateDate(String columnLabel, Date x) throws SQLException { throw readOnly(); }
    @Override
    public void updateDate(int columnIndex, Date x) throws SQLException { throw readOnly(); }
    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException { throw readOnly(); }
    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException { throw readOnly(); }
    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException { throw readOnly(); }
    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException { throw readOnly(); }
    @Override
    public void updateInt(String columnLabel, int x) throws SQLException { throw readOnly(); }
    @Override
    public void updateInt(int columnIndex, int x) throws SQLException { throw readOnly(); }
    @Override
    public void updateLong(String columnLabel, long x) throws SQLException { throw readOnly(); }
    @Override
    public void updateLong(int columnIndex, long x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNCharacterStream(String columnLabel, Reader x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw readOnly();
    }
    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateNClob(String columnLabel, Reader x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNClob(String columnLabel, NClob x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNClob(int columnIndex, Reader x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNClob(int columnIndex, NClob x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNClob(String columnLabel, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateNClob(int columnIndex, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override
    public void updateNString(String columnLabel, String x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNString(int columnIndex, String x) throws SQLException { throw readOnly(); }
    @Override
    public void updateNull(String columnLabel) throws SQLException { throw readOnly(); }
    @Override
    public void updateNull(int columnIndex) throws SQLException { throw readOnly(); }
    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException { throw readOnly(); }
    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException { throw readOnly(); }
    @Override
    public void updateObject(String columnLabel, Object x, int targetSqlType) throws SQLException { throw readOnly(); }
    @Override
    public void updateObject(int columnIndex, Object x, int targetSqlType) throws SQLException { throw readOnly(); }
    @Override
    public void updateRef(String columnLabel, Ref x) throws SQLException { throw readOnly(); }
    @Override
    public void updateRef(int columnIndex, Ref x) throws SQLException { throw readOnly(); }
    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException { throw readOnly(); }
    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException { throw readOnly(); }
    @Override
    public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException { throw readOnly(); }
    @Override
    public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException { throw readOnly(); }
    @Override
    public void updateShort(String columnLabel, short x) throws SQLException { throw readOnly(); }
    @Override
    public void updateShort(int columnIndex, short x) throws SQLException { throw readOnly(); }
    @Override
    public void updateString(String columnLabel, String x) throws SQLException { throw readOnly(); }
    @Override
    public void updateString(int columnIndex, String x) throws SQLException { throw readOnly(); }
    @Override
    public void updateTime(String columnLabel, Time x) throws SQLException { throw readOnly(); }
    @Override
    public void updateTime(int columnIndex, Time x) throws SQLException { throw readOnly(); }
    @Override
    public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException { throw readOnly(); }
    @Override
    public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException { throw readOnly(); }
}
