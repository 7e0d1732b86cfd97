package dev.poolwise.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class DatabaseMetaDataHandleTest {

    private final RecordingOwner owner = new RecordingOwner();
    private final FakeDriverObject.Fake<DatabaseMetaData> raw = FakeDriverObject.of(DatabaseMetaData.class);
    private final DatabaseMetaDataHandle metaData = new DatabaseMetaDataHandle(owner, raw.object());

    @Test
    void getConnectionReturnsTheOwnersHandle() throws SQLException {
        assertThat(metaData.getConnection()).isSameAs(owner.handle);
        assertThat(raw.recorder().calls).isEmpty();
    }

    @Test
    void metadataResultSetsAreWrappedWithoutAStatement() throws SQLException {
        ResultSet tables = metaData.getTables(null, "public", "%", new String[] {"TABLE"});

        assertThat(tables).isInstanceOf(ResultSetHandle.class);
        assertThat(((ResultSetHandle) tables).raw).isSameAs(raw.recorder().lastResultSet);
        assertThat(tables.getStatement()).isNull();
    }

    @Test
    void metadataIsDeadOnceTheConnectionHandleIsClosed() {
        SQLException closed = owner.close();

        assertThatThrownBy(metaData::getDatabaseProductName).isSameAs(closed);
        assertThatThrownBy(metaData::getConnection).isSameAs(closed);
        assertThat(raw.recorder().calls).isEmpty();
    }

    @Test
    void metadataResultSetIsDeadOnceTheConnectionHandleIsClosed() throws SQLException {
        ResultSet tables = metaData.getTables(null, null, "%", null);
        FakeDriverObject rawTables = raw.recorder().resultSets.get(0);
        SQLException closed = owner.close();

        assertThatThrownBy(tables::next).isSameAs(closed);
        assertThat(tables.isClosed()).isTrue();
        assertThatCode(tables::close).doesNotThrowAnyException();
        assertThat(rawTables.calls).as("the physical connection may belong to another borrower now").isEmpty();
    }

    @Test
    void driverVersionsAreAnsweredEvenOnceClosedSinceTheyCannotThrow() {
        owner.close();

        assertThat(metaData.getDriverMajorVersion()).isEqualTo(7);
        assertThat(metaData.getDriverMinorVersion()).isEqualTo(7);
    }

    @Test
    void unwrapReachesTheDriversMetadata() throws SQLException {
        assertThat(metaData.unwrap(DatabaseMetaData.class)).isSameAs(metaData);
        assertThat(metaData.unwrap(FakeDriverObject.DriverSpecific.class)).isSameAs(raw.object());
        assertThat(metaData.isWrapperFor(FakeDriverObject.DriverSpecific.class)).isTrue();
    }
}
