package dev.poolwise.fake;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Map;

/**
 * A fake {@link PreparedStatement} created by {@link FakeConnection#prepareStatement(String)}. It executes its
 * SQL exactly like {@link FakeStatement} (same results, hangs and injected failures); parameters are only
 * remembered ({@link #parameter(int)}) so a test can check what the code under test bound. {@code execute()}
 * returns true when the prepared SQL starts with "select".
 */
public class FakePreparedStatement extends FakeStatement implements PreparedStatement {

    private final String sql;
    private final Map<Object, Object> parameters = new HashMap<>();
    private int batchedParameterSets;

    FakePreparedStatement(FakeConnection connection, String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) {
        super(connection, resultSetType, resultSetConcurrency, resultSetHoldability);
        this.sql = sql;
    }

    /** The SQL it was prepared with. */
    public String sql() {
        return sql;
    }

    /** The value last bound to a parameter index, or {@code null}. */
    public Object parameter(int parameterIndex) {
        return parameters.get(parameterIndex);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return executeQuery(sql);
    }

    @Override
    public boolean execute() throws SQLException {
        return execute(sql);
    }

    @Override
    public int executeUpdate() throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public void addBatch() throws SQLException {
        addBatch(sql);
        batchedParameterSets++;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        parameters.clear();
    }

    /** The metadata of the one-int-column result for a select, {@code null} otherwise (as JDBC allows). */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return isSelect(sql) ? FakeResultSet.singleInt(this, 1).getMetaData() : null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw new SQLFeatureNotSupportedException("FakePreparedStatement.getParameterMetaData");
    }

    @Override
    public String toString() {
        return super.toString() + " " + sql + (batchedParameterSets > 0 ? " (" + batchedParameterSets
                + " parameter sets batched)" : "");
    }

    /** Records a bound value after checking the statement is open; keys are indexes or (callable) names. */
    final void bind(Object key, Object value) throws SQLException {
        checkOpen();
        if (key instanceof Integer && (Integer) key < 1) {
            throw new SQLException("parameter index must be >= 1, was " + key, "07009");
        }
        parameters.put(key, value);
    }

    // ---------------------------------------------------------------- parameter setters: all just bind()

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setBlob(int parameterIndex, InputStream x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setBlob(int parameterIndex, InputStream x, long length) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setCharacterStream(int parameterIndex, Reader x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setCharacterStream(int parameterIndex, Reader x, int length) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setClob(int parameterIndex, Reader x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setClob(int parameterIndex, Reader x, long length) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setInt(int parameterIndex, int x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setLong(int parameterIndex, long x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setNCharacterStream(int parameterIndex, Reader x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setNCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setNClob(int parameterIndex, Reader x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setNClob(int parameterIndex, NClob x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setNClob(int parameterIndex, Reader x, long length) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setNString(int parameterIndex, String x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException { bind(parameterIndex, null); }
    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        bind(parameterIndex, null);
    }
    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setShort(int parameterIndex, short x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setString(int parameterIndex, String x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException { bind(parameterIndex, x); }
    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        bind(parameterIndex, x);
    }
    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException { bind(parameterIndex, x); }
    @Override
    @Deprecated
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bind(parameterIndex, x);
    }
}
