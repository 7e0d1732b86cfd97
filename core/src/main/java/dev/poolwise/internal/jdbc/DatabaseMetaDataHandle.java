package dev.poolwise.internal.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} a pooled connection hands out. Delegates every call to the driver's metadata;
 * driver exceptions go through {@link StatementOwner#onSqlException}, {@link #getConnection()} returns the
 * connection handle, and every result set comes back as a {@link ResultSetHandle} with no statement.
 *
 * <p>It has no state of its own: it is dead once its connection handle is closed, so every method first asks
 * {@link StatementOwner#checkOpen()}, except {@link #getDriverMajorVersion()} and
 * {@link #getDriverMinorVersion()}, which are declared without {@code SQLException} and only report constants
 * of the driver.
 *
 * <p>Threading: used by one thread at a time (the borrower).
 */
public class DatabaseMetaDataHandle implements DatabaseMetaData {

    private final StatementOwner owner;

    private final DatabaseMetaData raw;

    /**
     * @param owner the connection handle whose metadata this is
     * @param raw   the driver's metadata
     */
    public DatabaseMetaDataHandle(StatementOwner owner, DatabaseMetaData raw) {
        this.owner = owner;
        this.raw = raw;
    }

    /**
     * @return the pooled connection handle, never the driver's connection
     */
    @Override
    public Connection getConnection() throws SQLException {
        owner.checkOpen();
        return owner.handle();
    }

    /** Metadata result sets have no statement; they are dead once the connection handle is closed. */
    private ResultSet wrap(ResultSet rawResultSet) {
        return rawResultSet == null ? null : new ResultSetHandle(null, owner, rawResultSet);
    }

    /**
     * Returns this handle if it implements {@code iface}, else the driver's metadata if it does, else whatever
     * the driver's {@code unwrap} returns.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        owner.checkOpen();
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
        owner.checkOpen();
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
        return "DatabaseMetaDataHandle[" + raw + "]";
    }

    // Plain delegation from here on, in the order java.sql.DatabaseMetaData declares the methods.

    @Override
    public boolean allProceduresAreCallable() throws SQLException {
        owner.checkOpen();
        try {
            return raw.allProceduresAreCallable();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean allTablesAreSelectable() throws SQLException {
        owner.checkOpen();
        try {
            return raw.allTablesAreSelectable();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getURL() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getURL();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getUserName() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getUserName();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        owner.checkOpen();
        try {
            return raw.isReadOnly();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        owner.checkOpen();
        try {
            return raw.nullsAreSortedHigh();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        owner.checkOpen();
        try {
            return raw.nullsAreSortedLow();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        owner.checkOpen();
        try {
            return raw.nullsAreSortedAtStart();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        owner.checkOpen();
        try {
            return raw.nullsAreSortedAtEnd();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getDatabaseProductName();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getDriverName() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getDriverName();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getDriverVersion() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getDriverVersion();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getDriverMajorVersion() {
        // Declared without SQLException, so it cannot report a closed connection; it is a driver constant.
        return raw.getDriverMajorVersion();
    }

    @Override
    public int getDriverMinorVersion() {
        // Declared without SQLException, so it cannot report a closed connection; it is a driver constant.
        return raw.getDriverMinorVersion();
    }

    @Override
    public boolean usesLocalFiles() throws SQLException {
        owner.checkOpen();
        try {
            return raw.usesLocalFiles();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean usesLocalFilePerTable() throws SQLException {
        owner.checkOpen();
        try {
            return raw.usesLocalFilePerTable();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsMixedCaseIdentifiers();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws SQLException {
        owner.checkOpen();
        try {
            return raw.storesUpperCaseIdentifiers();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws SQLException {
        owner.checkOpen();
        try {
            return raw.storesLowerCaseIdentifiers();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws SQLException {
        owner.checkOpen();
        try {
            return raw.storesMixedCaseIdentifiers();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsMixedCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        owner.checkOpen();
        try {
            return raw.storesUpperCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        owner.checkOpen();
        try {
            return raw.storesLowerCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        owner.checkOpen();
        try {
            return raw.storesMixedCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getIdentifierQuoteString() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getIdentifierQuoteString();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getSQLKeywords() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getSQLKeywords();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getNumericFunctions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getStringFunctions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getStringFunctions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getSystemFunctions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getTimeDateFunctions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getSearchStringEscape() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getSearchStringEscape();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getExtraNameCharacters() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getExtraNameCharacters();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsAlterTableWithAddColumn();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsAlterTableWithDropColumn();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsColumnAliasing() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsColumnAliasing();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        owner.checkOpen();
        try {
            return raw.nullPlusNonNullIsNull();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsConvert();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsConvert(fromType, toType);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsTableCorrelationNames() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsTableCorrelationNames();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsDifferentTableCorrelationNames();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsExpressionsInOrderBy();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsOrderByUnrelated() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsOrderByUnrelated();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsGroupBy() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsGroupBy();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsGroupByUnrelated() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsGroupByUnrelated();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsGroupByBeyondSelect();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsLikeEscapeClause();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsMultipleResultSets() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsMultipleResultSets();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsMultipleTransactions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsMultipleTransactions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsNonNullableColumns();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsMinimumSQLGrammar();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsCoreSQLGrammar();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsExtendedSQLGrammar();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsANSI92EntryLevelSQL();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsANSI92IntermediateSQL();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsANSI92FullSQL() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsANSI92FullSQL();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsIntegrityEnhancementFacility();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsOuterJoins() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsOuterJoins();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsFullOuterJoins();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsLimitedOuterJoins();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getSchemaTerm() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getSchemaTerm();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getProcedureTerm() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getProcedureTerm();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getCatalogTerm() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getCatalogTerm();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        owner.checkOpen();
        try {
            return raw.isCatalogAtStart();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String getCatalogSeparator() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getCatalogSeparator();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSchemasInDataManipulation() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSchemasInDataManipulation();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSchemasInProcedureCalls();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSchemasInTableDefinitions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSchemasInIndexDefinitions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSchemasInPrivilegeDefinitions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsCatalogsInDataManipulation();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsCatalogsInProcedureCalls();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsCatalogsInTableDefinitions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsCatalogsInIndexDefinitions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsCatalogsInPrivilegeDefinitions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsPositionedDelete() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsPositionedDelete();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsPositionedUpdate() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsPositionedUpdate();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSelectForUpdate() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSelectForUpdate();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsStoredProcedures() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsStoredProcedures();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSubqueriesInComparisons();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInExists() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSubqueriesInExists();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInIns() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSubqueriesInIns();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSubqueriesInQuantifieds();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsCorrelatedSubqueries();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsUnion() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsUnion();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsUnionAll() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsUnionAll();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsOpenCursorsAcrossCommit();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsOpenCursorsAcrossRollback();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsOpenStatementsAcrossCommit();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsOpenStatementsAcrossRollback();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxBinaryLiteralLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxCharLiteralLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxColumnNameLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxColumnsInGroupBy();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxColumnsInIndex();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxColumnsInOrderBy();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxColumnsInSelect();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxColumnsInTable();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxConnections() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxConnections();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxCursorNameLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxCursorNameLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxIndexLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxSchemaNameLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxProcedureNameLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxCatalogNameLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxRowSize();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        owner.checkOpen();
        try {
            return raw.doesMaxRowSizeIncludeBlobs();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxStatementLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxStatements() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxStatements();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxTableNameLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxTablesInSelect();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxUserNameLength();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getDefaultTransactionIsolation() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getDefaultTransactionIsolation();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsTransactions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsTransactions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsTransactionIsolationLevel(level);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsDataDefinitionAndDataManipulationTransactions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsDataManipulationTransactionsOnly();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        owner.checkOpen();
        try {
            return raw.dataDefinitionCausesTransactionCommit();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        owner.checkOpen();
        try {
            return raw.dataDefinitionIgnoredInTransactions();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getProcedures(catalog, schemaPattern, procedureNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
            String columnNamePattern) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getTables(catalog, schemaPattern, tableNamePattern, types));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getSchemas());
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getCatalogs());
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getTableTypes());
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getColumnPrivileges(catalog, schema, table, columnNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getTablePrivileges(catalog, schemaPattern, tableNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getBestRowIdentifier(catalog, schema, table, scope, nullable));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getVersionColumns(catalog, schema, table));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getPrimaryKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getImportedKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getExportedKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
            String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getCrossReference(parentCatalog, parentSchema, parentTable,
                    foreignCatalog, foreignSchema, foreignTable));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getTypeInfo());
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getIndexInfo(catalog, schema, table, unique, approximate));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsResultSetType(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsResultSetType(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsResultSetConcurrency(type, concurrency);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.ownUpdatesAreVisible(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean ownDeletesAreVisible(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.ownDeletesAreVisible(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean ownInsertsAreVisible(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.ownInsertsAreVisible(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.othersUpdatesAreVisible(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean othersDeletesAreVisible(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.othersDeletesAreVisible(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean othersInsertsAreVisible(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.othersInsertsAreVisible(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean updatesAreDetected(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.updatesAreDetected(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean deletesAreDetected(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.deletesAreDetected(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean insertsAreDetected(int type) throws SQLException {
        owner.checkOpen();
        try {
            return raw.insertsAreDetected(type);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsBatchUpdates() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsBatchUpdates();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getUDTs(catalog, schemaPattern, typeNamePattern, types));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSavepoints() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSavepoints();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsNamedParameters() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsNamedParameters();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsMultipleOpenResults() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsMultipleOpenResults();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsGetGeneratedKeys();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getSuperTypes(catalog, schemaPattern, typeNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getSuperTables(catalog, schemaPattern, tableNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
            String attributeNamePattern) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsResultSetHoldability(holdability);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getResultSetHoldability();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getDatabaseMinorVersion();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getJDBCMajorVersion() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getJDBCMajorVersion();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getJDBCMinorVersion() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getJDBCMinorVersion();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public int getSQLStateType() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getSQLStateType();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean locatorsUpdateCopy() throws SQLException {
        owner.checkOpen();
        try {
            return raw.locatorsUpdateCopy();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsStatementPooling() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsStatementPooling();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public RowIdLifetime getRowIdLifetime() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getRowIdLifetime();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getSchemas(catalog, schemaPattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsStoredFunctionsUsingCallSyntax();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
        owner.checkOpen();
        try {
            return raw.autoCommitFailureClosesAllResultSets();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getClientInfoProperties());
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getFunctions(catalog, schemaPattern, functionNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
            String columnNamePattern) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
            String columnNamePattern) throws SQLException {
        owner.checkOpen();
        try {
            return wrap(raw.getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws SQLException {
        owner.checkOpen();
        try {
            return raw.generatedKeyAlwaysReturned();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public long getMaxLogicalLobSize() throws SQLException {
        owner.checkOpen();
        try {
            return raw.getMaxLogicalLobSize();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsRefCursors() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsRefCursors();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean supportsSharding() throws SQLException {
        owner.checkOpen();
        try {
            return raw.supportsSharding();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }
}
