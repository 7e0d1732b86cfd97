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
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The {@link PreparedStatement} a pooled connection hands out. Adds the {@code PreparedStatement} methods to
 * {@link StatementHandle}, with the same rules: driver exceptions go through
 * {@link StatementOwner#onSqlException}, executions call {@link StatementOwner#beforeExecute} first, result
 * sets come back wrapped, and a closed handle is dead.
 *
 * <p>Threading: used by one thread at a time (the borrower), like the statement it wraps.
 */
public class PreparedStatementHandle extends StatementHandle implements PreparedStatement {

    /** The same driver object as the superclass holds, typed so that calls need no cast. */
    private final PreparedStatement rawPrepared;

    /**
     * @param owner the connection handle creating this statement
     * @param raw   the driver's prepared statement
     */
    public PreparedStatementHandle(StatementOwner owner, PreparedStatement raw) {
        super(owner, raw);
        this.rawPrepared = raw;
    }

    // Plain delegation from here on, in the order java.sql.PreparedStatement declares the methods.

    @Override
    public ResultSet executeQuery() throws SQLException {
        checkOpen();
        owner.beforeExecute();
        try {
            return wrap(rawPrepared.executeQuery());
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        checkOpen();
        owner.beforeExecute();
        try {
            return rawPrepared.executeUpdate();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setNull(parameterIndex, sqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBoolean(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setByte(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setShort(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setInt(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setLong(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setFloat(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setDouble(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBigDecimal(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setString(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBytes(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setDate(int parameterIndex, java.sql.Date x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setDate(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setTime(int parameterIndex, java.sql.Time x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setTime(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setTimestamp(int parameterIndex, java.sql.Timestamp x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setTimestamp(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setAsciiStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    @Deprecated(since = "1.2")
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setUnicodeStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBinaryStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        try {
            rawPrepared.clearParameters();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setObject(parameterIndex, x, targetSqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setObject(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        owner.beforeExecute();
        try {
            return rawPrepared.execute();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        try {
            rawPrepared.addBatch();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setCharacterStream(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setRef(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBlob(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setClob(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setArray(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        try {
            return rawPrepared.getMetaData();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setDate(int parameterIndex, java.sql.Date x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setDate(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setTime(int parameterIndex, java.sql.Time x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setTime(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setTimestamp(int parameterIndex, java.sql.Timestamp x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setTimestamp(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setNull(parameterIndex, sqlType, typeName);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setURL(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        try {
            return rawPrepared.getParameterMetaData();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setRowId(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setNString(parameterIndex, value);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setNCharacterStream(parameterIndex, value, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setNClob(parameterIndex, value);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setClob(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBlob(parameterIndex, inputStream, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setNClob(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setSQLXML(parameterIndex, xmlObject);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setAsciiStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBinaryStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setCharacterStream(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setAsciiStream(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBinaryStream(parameterIndex, x);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setCharacterStream(parameterIndex, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setNCharacterStream(parameterIndex, value);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setClob(parameterIndex, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setBlob(parameterIndex, inputStream);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setNClob(parameterIndex, reader);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        checkOpen();
        try {
            rawPrepared.setObject(parameterIndex, x, targetSqlType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        owner.beforeExecute();
        try {
            return rawPrepared.executeLargeUpdate();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }
}
