package dev.poolwise.internal.jdbc;

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
import java.util.Map;

/**
 * The {@link CallableStatement} a pooled connection hands out. Adds the {@code CallableStatement} methods to
 * {@link PreparedStatementHandle}, with the same rules: driver exceptions go through
 * {@link StatementOwner#onSqlException}, and a closed handle is dead. OUT parameter values (including
 * {@code Array}, {@code Blob}, {@code Ref} and the like) are returned as the driver made them.
 *
 * <p>Threading: used by one thread at a time (the borrower), like the statement it wraps.
 */
public class CallableStatementHandle extends PreparedStatementHandle implements CallableStatement {

    /** The same driver object as the superclasses hold, typed so that calls need no cast. */
    private final CallableStatement rawCallable;

    /**
     * @param owner the connection handle creating this statement
     * @param raw   the driver's callable statement
     */
    public CallableStatementHandle(StatementOwner owner, CallableStatement raw) {
        super(owner, raw);
        this.rawCallable = raw;
    }

    // Plain delegation from here on, in the order java.sql.CallableStatement declares the methods.

    @Override
    public void registerOutParameter(int parameterIndex, int sqlType) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterIndex, sqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(int parameterIndex, int sqlType, int scale) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterIndex, sqlType, scale);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        try {
            return rawCallable.wasNull();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getString(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getString(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean getBoolean(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBoolean(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public byte getByte(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getByte(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public short getShort(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getShort(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getInt(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getInt(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public long getLong(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getLong(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public float getFloat(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getFloat(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public double getDouble(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getDouble(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    @Deprecated(since = "1.2")
    public BigDecimal getBigDecimal(int parameterIndex, int scale) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBigDecimal(parameterIndex, scale);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public byte[] getBytes(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBytes(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Date getDate(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getDate(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Time getTime(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getTime(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getTimestamp(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Object getObject(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getObject(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBigDecimal(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getObject(parameterIndex, map);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Ref getRef(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getRef(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Blob getBlob(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBlob(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Clob getClob(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getClob(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Array getArray(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getArray(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Date getDate(int parameterIndex, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getDate(parameterIndex, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Time getTime(int parameterIndex, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getTime(parameterIndex, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(int parameterIndex, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getTimestamp(parameterIndex, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(int parameterIndex, int sqlType, String typeName) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterIndex, sqlType, typeName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(String parameterName, int sqlType) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterName, sqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(String parameterName, int sqlType, int scale) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterName, sqlType, scale);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(String parameterName, int sqlType, String typeName) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterName, sqlType, typeName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public URL getURL(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getURL(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setURL(String parameterName, URL val) throws SQLException {
        checkOpen();
        try {
            rawCallable.setURL(parameterName, val);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNull(String parameterName, int sqlType) throws SQLException {
        checkOpen();
        try {
            rawCallable.setNull(parameterName, sqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBoolean(String parameterName, boolean x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBoolean(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setByte(String parameterName, byte x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setByte(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setShort(String parameterName, short x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setShort(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setInt(String parameterName, int x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setInt(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setLong(String parameterName, long x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setLong(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setFloat(String parameterName, float x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setFloat(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setDouble(String parameterName, double x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setDouble(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBigDecimal(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setString(String parameterName, String x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setString(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBytes(String parameterName, byte[] x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBytes(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setDate(String parameterName, java.sql.Date x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setDate(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setTime(String parameterName, java.sql.Time x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setTime(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setTimestamp(String parameterName, java.sql.Timestamp x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setTimestamp(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setAsciiStream(parameterName, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBinaryStream(parameterName, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(String parameterName, Object x, int targetSqlType, int scale) throws SQLException {
        checkOpen();
        try {
            rawCallable.setObject(parameterName, x, targetSqlType, scale);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
        checkOpen();
        try {
            rawCallable.setObject(parameterName, x, targetSqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(String parameterName, Object x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setObject(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader, int length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setCharacterStream(parameterName, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setDate(String parameterName, java.sql.Date x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            rawCallable.setDate(parameterName, x, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setTime(String parameterName, java.sql.Time x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            rawCallable.setTime(parameterName, x, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setTimestamp(String parameterName, java.sql.Timestamp x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            rawCallable.setTimestamp(parameterName, x, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
        checkOpen();
        try {
            rawCallable.setNull(parameterName, sqlType, typeName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getString(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getString(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean getBoolean(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBoolean(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public byte getByte(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getByte(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public short getShort(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getShort(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getInt(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getInt(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public long getLong(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getLong(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public float getFloat(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getFloat(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public double getDouble(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getDouble(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public byte[] getBytes(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBytes(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Date getDate(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getDate(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Time getTime(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getTime(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getTimestamp(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Object getObject(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getObject(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public BigDecimal getBigDecimal(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBigDecimal(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getObject(parameterName, map);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Ref getRef(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getRef(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Blob getBlob(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getBlob(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Clob getClob(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getClob(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Array getArray(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getArray(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Date getDate(String parameterName, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getDate(parameterName, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Time getTime(String parameterName, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getTime(parameterName, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(String parameterName, Calendar cal) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getTimestamp(parameterName, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public URL getURL(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getURL(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public RowId getRowId(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getRowId(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public RowId getRowId(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getRowId(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setRowId(String parameterName, RowId x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setRowId(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNString(String parameterName, String value) throws SQLException {
        checkOpen();
        try {
            rawCallable.setNString(parameterName, value);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNCharacterStream(String parameterName, Reader value, long length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setNCharacterStream(parameterName, value, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNClob(String parameterName, NClob value) throws SQLException {
        checkOpen();
        try {
            rawCallable.setNClob(parameterName, value);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setClob(String parameterName, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setClob(parameterName, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBlob(String parameterName, InputStream inputStream, long length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBlob(parameterName, inputStream, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNClob(String parameterName, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setNClob(parameterName, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public NClob getNClob(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getNClob(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public NClob getNClob(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getNClob(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setSQLXML(String parameterName, SQLXML xmlObject) throws SQLException {
        checkOpen();
        try {
            rawCallable.setSQLXML(parameterName, xmlObject);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public SQLXML getSQLXML(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getSQLXML(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public SQLXML getSQLXML(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getSQLXML(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getNString(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getNString(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getNString(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getNString(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Reader getNCharacterStream(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getNCharacterStream(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Reader getNCharacterStream(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getNCharacterStream(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Reader getCharacterStream(int parameterIndex) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getCharacterStream(parameterIndex);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public Reader getCharacterStream(String parameterName) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getCharacterStream(parameterName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBlob(String parameterName, Blob x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBlob(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setClob(String parameterName, Clob x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setClob(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setAsciiStream(parameterName, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBinaryStream(parameterName, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            rawCallable.setCharacterStream(parameterName, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setAsciiStream(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream x) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBinaryStream(parameterName, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader) throws SQLException {
        checkOpen();
        try {
            rawCallable.setCharacterStream(parameterName, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNCharacterStream(String parameterName, Reader value) throws SQLException {
        checkOpen();
        try {
            rawCallable.setNCharacterStream(parameterName, value);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setClob(String parameterName, Reader reader) throws SQLException {
        checkOpen();
        try {
            rawCallable.setClob(parameterName, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBlob(String parameterName, InputStream inputStream) throws SQLException {
        checkOpen();
        try {
            rawCallable.setBlob(parameterName, inputStream);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNClob(String parameterName, Reader reader) throws SQLException {
        checkOpen();
        try {
            rawCallable.setNClob(parameterName, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getObject(parameterIndex, type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public <T> T getObject(String parameterName, Class<T> type) throws SQLException {
        checkOpen();
        try {
            return rawCallable.getObject(parameterName, type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(String parameterName, Object x, SQLType targetSqlType, int scaleOrLength)
            throws SQLException {
        checkOpen();
        try {
            rawCallable.setObject(parameterName, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(String parameterName, Object x, SQLType targetSqlType) throws SQLException {
        checkOpen();
        try {
            rawCallable.setObject(parameterName, x, targetSqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType sqlType) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterIndex, sqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType sqlType, int scale) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterIndex, sqlType, scale);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType sqlType, String typeName) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterIndex, sqlType, typeName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterName, sqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType, int scale) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterName, sqlType, scale);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType, String typeName) throws SQLException {
        checkOpen();
        try {
            rawCallable.registerOutParameter(parameterName, sqlType, typeName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }
}
