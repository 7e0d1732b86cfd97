package dev.poolwise.fake;

import static dev.poolwise.fake.FakeResultSet.as;
import static dev.poolwise.fake.FakeResultSet.bool;
import static dev.poolwise.fake.FakeResultSet.bytes;
import static dev.poolwise.fake.FakeResultSet.decimal;
import static dev.poolwise.fake.FakeResultSet.number;
import static dev.poolwise.fake.FakeResultSet.string;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A fake {@link CallableStatement} created by {@link FakeConnection#prepareCall(String)}. It executes like
 * {@link FakePreparedStatement}; named parameters are remembered like indexed ones, and every OUT parameter
 * reads as SQL NULL (getters return null, 0 or false and {@link #wasNull()} turns true). Reading a parameter
 * that was never registered with {@code registerOutParameter} throws 07009, as real drivers do.
 */
public class FakeCallableStatement extends FakePreparedStatement implements CallableStatement {

    private final Set<Object> outParameters = new HashSet<>();
    private boolean wasNull;

    FakeCallableStatement(FakeConnection connection, String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) {
        super(connection, sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    private void registerOut(Object key) throws SQLException {
        checkOpen();
        outParameters.add(key);
    }

    /** Every registered OUT parameter is SQL NULL. */
    private Object outValue(Object key) throws SQLException {
        checkOpen();
        if (!outParameters.contains(key)) {
            throw new SQLException("parameter " + key + " was not registered as an OUT parameter", "07009");
        }
        wasNull = true;
        return null;
    }

    // ---------------------------------------------------------------- OUT parameters

    @Override
    public Array getArray(String parameterName) throws SQLException { return as(outValue(parameterName), Array.class); }
    @Override
    public Array getArray(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), Array.class); }
    @Override
    public BigDecimal getBigDecimal(String parameterName) throws SQLException {
        return decimal(outValue(parameterName));
    }
    @Override
    public BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
        return decimal(outValue(parameterIndex));
    }
    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int parameterIndex, int scale) throws SQLException {
        return decimal(outValue(parameterIndex));
    }
    @Override
    public Blob getBlob(String parameterName) throws SQLException { return as(outValue(parameterName), Blob.class); }
    @Override
    public Blob getBlob(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), Blob.class); }
    @Override
    public boolean getBoolean(String parameterName) throws SQLException { return bool(outValue(parameterName)); }
    @Override
    public boolean getBoolean(int parameterIndex) throws SQLException { return bool(outValue(parameterIndex)); }
    @Override
    public byte getByte(String parameterName) throws SQLException {
        return number(outValue(parameterName)).byteValue();
    }
    @Override
    public byte getByte(int parameterIndex) throws SQLException { return number(outValue(parameterIndex)).byteValue(); }
    @Override
    public byte[] getBytes(String parameterName) throws SQLException { return bytes(outValue(parameterName)); }
    @Override
    public byte[] getBytes(int parameterIndex) throws SQLException { return bytes(outValue(parameterIndex)); }
    @Override
    public Reader getCharacterStream(String parameterName) throws SQLException {
        return as(outValue(parameterName), Reader.class);
    }
    @Override
    public Reader getCharacterStream(int parameterIndex) throws SQLException {
        return as(outValue(parameterIndex), Reader.class);
    }
    @Override
    public Clob getClob(String parameterName) throws SQLException { return as(outValue(parameterName), Clob.class); }
    @Override
    public Clob getClob(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), Clob.class); }
    @Override
    public Date getDate(String parameterName) throws SQLException { return as(outValue(parameterName), Date.class); }
    @Override
    public Date getDate(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), Date.class); }
    @Override
    public Date getDate(String parameterName, Calendar cal) throws SQLException {
        return as(outValue(parameterName), Date.class);
    }
    @Override
    public Date getDate(int parameterIndex, Calendar cal) throws SQLException {
        return as(outValue(parameterIndex), Date.class);
    }
    @Override
    public double getDouble(String parameterName) throws SQLException {
        return number(outValue(parameterName)).doubleValue();
    }
    @Override
    public double getDouble(int parameterIndex) throws SQLException {
        return number(outValue(parameterIndex)).doubleValue();
    }
    @Override
    public float getFloat(String parameterName) throws SQLException {
        return number(outValue(parameterName)).floatValue();
    }
    @Override
    public float getFloat(int parameterIndex) throws SQLException {
        return number(outValue(parameterIndex)).floatValue();
    }
    @Override
    public int getInt(String parameterName) throws SQLException { return number(outValue(parameterName)).intValue(); }
    @Override
    public int getInt(int parameterIndex) throws SQLException { return number(outValue(parameterIndex)).intValue(); }
    @Override
    public long getLong(String parameterName) throws SQLException {
        return number(outValue(parameterName)).longValue();
    }
    @Override
    public long getLong(int parameterIndex) throws SQLException { return number(outValue(parameterIndex)).longValue(); }
    @Override
    public Reader getNCharacterStream(String parameterName) throws SQLException {
        return as(outValue(parameterName), Reader.class);
    }
    @Override
    public Reader getNCharacterStream(int parameterIndex) throws SQLException {
        return as(outValue(parameterIndex), Reader.class);
    }
    @Override
    public NClob getNClob(String parameterName) throws SQLException { return as(outValue(parameterName), NClob.class); }
    @Override
    public NClob getNClob(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), NClob.class); }
    @Override
    public String getNString(String parameterName) throws SQLException { return string(outValue(parameterName)); }
    @Override
    public String getNString(int parameterIndex) throws SQLException { return string(outValue(parameterIndex)); }
    @Override
    public Object getObject(String parameterName) throws SQLException { return outValue(parameterName); }
    @Override
    public Object getObject(int parameterIndex) throws SQLException { return outValue(parameterIndex); }
    @Override
    public <T> T getObject(String parameterName, Class<T> type) throws SQLException {
        return as(outValue(parameterName), type);
    }
    @Override
    public Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
        return outValue(parameterName);
    }
    @Override
    public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
        return as(outValue(parameterIndex), type);
    }
    @Override
    public Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
        return outValue(parameterIndex);
    }
    @Override
    public Ref getRef(String parameterName) throws SQLException { return as(outValue(parameterName), Ref.class); }
    @Override
    public Ref getRef(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), Ref.class); }
    @Override
    public RowId getRowId(String parameterName) throws SQLException { return as(outValue(parameterName), RowId.class); }
    @Override
    public RowId getRowId(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), RowId.class); }
    @Override
    public SQLXML getSQLXML(String parameterName) throws SQLException {
        return as(outValue(parameterName), SQLXML.class);
    }
    @Override
    public SQLXML getSQLXML(int parameterIndex) throws SQLException {
        return as(outValue(parameterIndex), SQLXML.class);
    }
    @Override
    public short getShort(String parameterName) throws SQLException {
        return number(outValue(parameterName)).shortValue();
    }
    @Override
    public short getShort(int parameterIndex) throws SQLException {
        return number(outValue(parameterIndex)).shortValue();
    }
    @Override
    public String getString(String parameterName) throws SQLException { return string(outValue(parameterName)); }
    @Override
    public String getString(int parameterIndex) throws SQLException { return string(outValue(parameterIndex)); }
    @Override
    public Time getTime(String parameterName) throws SQLException { return as(outValue(parameterName), Time.class); }
    @Override
    public Time getTime(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), Time.class); }
    @Override
    public Time getTime(String parameterName, Calendar cal) throws SQLException {
        return as(outValue(parameterName), Time.class);
    }
    @Override
    public Time getTime(int parameterIndex, Calendar cal) throws SQLException {
        return as(outValue(parameterIndex), Time.class);
    }
    @Override
    public Timestamp getTimestamp(String parameterName) throws SQLException {
        return as(outValue(parameterName), Timestamp.class);
    }
    @Override
    public Timestamp getTimestamp(int parameterIndex) throws SQLException {
        return as(outValue(parameterIndex), Timestamp.class);
    }
    @Override
    public Timestamp getTimestamp(String parameterName, Calendar cal) throws SQLException {
        return as(outValue(parameterName), Timestamp.class);
    }
    @Override
    public Timestamp getTimestamp(int parameterIndex, Calendar cal) throws SQLException {
        return as(outValue(parameterIndex), Timestamp.class);
    }
    @Override
    public URL getURL(String parameterName) throws SQLException { return as(outValue(parameterName), URL.class); }
    @Override
    public URL getURL(int parameterIndex) throws SQLException { return as(outValue(parameterIndex), URL.class); }
    @Override
    public void registerOutParameter(String parameterName, int sqlType) throws SQLException {
        registerOut(parameterName);
    }
    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType) throws SQLException {
        registerOut(parameterName);
    }
    @Override
    public void registerOutParameter(int parameterIndex, int sqlType) throws SQLException {
        registerOut(parameterIndex);
    }
    @Override
    public void registerOutParameter(int parameterIndex, SQLType sqlType) throws SQLException {
        registerOut(parameterIndex);
    }
    @Override
    public void registerOutParameter(String parameterName, int sqlType, String typeName) throws SQLException {
        registerOut(parameterName);
    }
    @Override
    public void registerOutParameter(String parameterName, int sqlType, int scale) throws SQLException {
        registerOut(parameterName);
    }
    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType, String typeName) throws SQLException {
        registerOut(parameterName);
    }
    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType, int scale) throws SQLException {
        registerOut(parameterName);
    }
    @Override
    public void registerOutParameter(int parameterIndex, int sqlType, String typeName) throws SQLException {
        registerOut(parameterIndex);
    }
    @Override
    public void registerOutParameter(int parameterIndex, int sqlType, int scale) throws SQLException {
        registerOut(parameterIndex);
    }
    @Override
    public void registerOutParameter(int parameterIndex, SQLType sqlType, String typeName) throws SQLException {
        registerOut(parameterIndex);
    }
    @Override
    public void registerOutParameter(int parameterIndex, SQLType sqlType, int scale) throws SQLException {
        registerOut(parameterIndex);
    }

    // ---------------------------------------------------------------- named IN parameters: all just bind()

    @Override
    public void setAsciiStream(String parameterName, InputStream x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setBigDecimal(String parameterName, BigDecimal x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setBinaryStream(String parameterName, InputStream x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setBinaryStream(String parameterName, InputStream x, long length) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setBlob(String parameterName, InputStream x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setBlob(String parameterName, Blob x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setBlob(String parameterName, InputStream x, long length) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setBoolean(String parameterName, boolean x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setByte(String parameterName, byte x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setBytes(String parameterName, byte[] x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setCharacterStream(String parameterName, Reader x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setCharacterStream(String parameterName, Reader x, int length) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setCharacterStream(String parameterName, Reader x, long length) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setClob(String parameterName, Reader x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setClob(String parameterName, Clob x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setClob(String parameterName, Reader x, long length) throws SQLException { bind(parameterName, x); }
    @Override
    public void setDate(String parameterName, Date x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setDate(String parameterName, Date x, Calendar cal) throws SQLException { bind(parameterName, x); }
    @Override
    public void setDouble(String parameterName, double x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setFloat(String parameterName, float x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setInt(String parameterName, int x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setLong(String parameterName, long x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setNCharacterStream(String parameterName, Reader x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setNCharacterStream(String parameterName, Reader x, long length) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setNClob(String parameterName, Reader x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setNClob(String parameterName, NClob x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setNClob(String parameterName, Reader x, long length) throws SQLException { bind(parameterName, x); }
    @Override
    public void setNString(String parameterName, String x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setNull(String parameterName, int sqlType) throws SQLException { bind(parameterName, null); }
    @Override
    public void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
        bind(parameterName, null);
    }
    @Override
    public void setObject(String parameterName, Object x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setObject(String parameterName, Object x, SQLType targetSqlType) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setObject(String parameterName, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setObject(String parameterName, Object x, SQLType targetSqlType, int scaleOrLength)
            throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setRowId(String parameterName, RowId x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setSQLXML(String parameterName, SQLXML x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setShort(String parameterName, short x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setString(String parameterName, String x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setTime(String parameterName, Time x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setTime(String parameterName, Time x, Calendar cal) throws SQLException { bind(parameterName, x); }
    @Override
    public void setTimestamp(String parameterName, Timestamp x) throws SQLException { bind(parameterName, x); }
    @Override
    public void setTimestamp(String parameterName, Timestamp x, Calendar cal) throws SQLException {
        bind(parameterName, x);
    }
    @Override
    public void setURL(String parameterName, URL x) throws SQLException { bind(parameterName, x); }
}
