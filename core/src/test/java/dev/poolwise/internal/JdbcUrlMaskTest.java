package dev.poolwise.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passwords in JDBC URLs and driver properties never reach a log.
 */
class JdbcUrlMaskTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // PostgreSQL: query parameters
        "jdbc:postgresql://db:5432/app?user=app&password=secret&ssl=true"
                + " | jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true",
        "jdbc:postgresql://db:5432/app?password=secret | jdbc:postgresql://db:5432/app?password=****",
        "jdbc:postgresql://db/app?sslmode=verify-full&sslpassword=keypass&user=app"
                + " | jdbc:postgresql://db/app?sslmode=verify-full&sslpassword=****&user=app",
        "jdbc:postgresql://db/app?PASSWORD=secret | jdbc:postgresql://db/app?PASSWORD=****",
        // MySQL / MariaDB: user info and parameters
        "jdbc:mysql://user:secret@host/db | jdbc:mysql://user:****@host/db",
        "jdbc:mysql://user:secret@host:3306/db?useSSL=true | jdbc:mysql://user:****@host:3306/db?useSSL=true",
        "jdbc:mariadb://host:3306/db?user=app&password=secret | jdbc:mariadb://host:3306/db?user=app&password=****",
        "jdbc:mysql://host/db?trustCertificateKeyStorePassword=tspass&useSSL=true"
                + " | jdbc:mysql://host/db?trustCertificateKeyStorePassword=****&useSSL=true",
        "jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=secret)/shop"
                + " | jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=****)/shop",
        // SQL Server: semicolon properties
        "jdbc:sqlserver://host:1433;databaseName=db;user=sa;password=secret;encrypt=true"
                + " | jdbc:sqlserver://host:1433;databaseName=db;user=sa;password=****;encrypt=true",
        "jdbc:sqlserver://host;password=secret | jdbc:sqlserver://host;password=****",
        "jdbc:sqlserver://host;user=sa;password = secret ;encrypt=true"
                + " | jdbc:sqlserver://host;user=sa;password = **** ;encrypt=true",
        // ODBC-style and other secret-looking parameters
        "jdbc:sqlserver://host;UID=sa;PWD=secret | jdbc:sqlserver://host;UID=sa;PWD=****",
        "jdbc:snowflake://acct.snowflakecomputing.com/?user=u&token=abc123"
                + " | jdbc:snowflake://acct.snowflakecomputing.com/?user=u&token=****",
        // libpq-style URL pasted by mistake
        "postgres://app:secret@db:5432/app | postgres://app:****@db:5432/app",
    })
    void masksPasswords(String url, String masked) {
        assertThat(JdbcUrlMask.mask(url)).isEqualTo(masked).doesNotContain("secret");
    }

    @Test
    void masksEveryPasswordInOneUrl() {
        String masked = JdbcUrlMask.mask("jdbc:mysql://u:one@host/db?password=two&sslpassword=three");

        assertThat(masked).isEqualTo("jdbc:mysql://u:****@host/db?password=****&sslpassword=****");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://db:5432/app",
        "jdbc:postgresql://db:5432/app?user=app&ssl=true&sslmode=verify-full",
        "jdbc:mysql://host:3306/db?useSSL=true&cachePrepStmts=true",
        "jdbc:mysql://user@host/db",
        "jdbc:sqlserver://host:1433;databaseName=db;encrypt=true",
        "jdbc:oracle:thin:@//host:1521/service",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
        "jdbc:postgresql://host1:5432,host2:5432/app?targetServerType=primary",
        "",
    })
    void leavesUrlsWithoutSecretsUnchanged(String url) {
        assertThat(JdbcUrlMask.mask(url)).isEqualTo(url);
    }

    @Test
    void doesNotMistakeAPasswordLikeWordInsideAnotherValue() {
        String url = "jdbc:postgresql://db/app?ApplicationName=nopassword";

        assertThat(JdbcUrlMask.mask(url)).isEqualTo(url);
    }

    @Test
    void masksNullAsNull() {
        assertThat(JdbcUrlMask.mask(null)).isNull();
    }

    @Test
    void masksSecretLookingDriverProperties() {
        Properties properties = new Properties();
        properties.setProperty("password", "p1");
        properties.setProperty("sslpassword", "p2");
        properties.setProperty("PWD", "p3");
        properties.setProperty("clientSecret", "p4");
        properties.setProperty("accessToken", "p5");
        properties.setProperty("awsAccessKey", "p6");
        properties.setProperty("sslmode", "require");
        properties.put("prepStmtCacheSize", 250);

        assertThat(JdbcUrlMask.maskProperties(properties))
                .containsEntry("password", "****")
                .containsEntry("sslpassword", "****")
                .containsEntry("PWD", "****")
                .containsEntry("clientSecret", "****")
                .containsEntry("accessToken", "****")
                .containsEntry("awsAccessKey", "****")
                .containsEntry("sslmode", "require")
                .containsEntry("prepStmtCacheSize", "250")
                .containsOnlyKeys("password", "sslpassword", "PWD", "clientSecret", "accessToken", "awsAccessKey",
                        "sslmode", "prepStmtCacheSize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "sslPassword", "pwd", "clientSecret", "accessToken", "access_key", "AccessKey"})
    void recognisesSecretKeys(String key) {
        assertThat(JdbcUrlMask.isSecretKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "sslmode", "prepareThreshold", "cachePrepStmts", "ApplicationName"})
    void leavesOrdinaryKeysVisible(String key) {
        assertThat(JdbcUrlMask.isSecretKey(key)).isFalse();
    }

    @Test
    void masksSecretParametersWhoseNamesContainASecretWord() {
        assertThat(JdbcUrlMask.mask("jdbc:redshift:iam://c:5439/dev?AccessKeyID=AKIA&SecretAccessKey=sak&SessionToken=stok"))
                .doesNotContain("=sak").doesNotContain("=stok");
        assertThat(JdbcUrlMask.mask("jdbc:snowflake://a.snowflakecomputing.com/?user=u&private_key_file_pwd=kp"))
                .doesNotContain("=kp");
        assertThat(JdbcUrlMask.mask("jdbc:sqlserver://h;keyStoreSecret=kss")).doesNotContain("=kss");
    }

    @Test
    void masksPasswordsContainingAtSignsOrBraces() {
        assertThat(JdbcUrlMask.mask("jdbc:mysql://app:p@ss@db/shop")).isEqualTo("jdbc:mysql://app:****@db/shop");
        assertThat(JdbcUrlMask.mask("jdbc:sqlserver://h;user=sa;password={se;cret};encrypt=true"))
                .doesNotContain("cret").contains("encrypt=true");
    }

    // ---- free text: driver messages, logs, command lines

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // user info inside a message, with text after it that must survive
        "Could not connect to jdbc:mariadb://root:SECRET@db:3306/test: Access denied for user 'root'@'10.0.0.5'"
                + " | Could not connect to jdbc:mariadb://root:****@db:3306/test: Access denied for user 'root'@'10.0.0.5'",
        "Socket fail to connect to address=(host=db)(port=3306) via jdbc:mariadb://root:SECRET@db connection refused"
                + " | Socket fail to connect to address=(host=db)(port=3306) via jdbc:mariadb://root:****@db connection refused",
        "two URLs: jdbc:mysql://a:SECRET@h1/x and postgres://b:SECRET@h2/y"
                + " | two URLs: jdbc:mysql://a:****@h1/x and postgres://b:****@h2/y",
        // password parameters in prose, in every separator and quoting
        "connect failed (url=jdbc:postgresql://db/app?user=app&password=SECRET&ssl=true)"
                + " | connect failed (url=jdbc:postgresql://db/app?user=app&password=****&ssl=true)",
        "libpq: host=db user=app password=SECRET dbname=app | libpq: host=db user=app password=**** dbname=app",
        "options: pwd=SECRET, sslpassword=SECRET; done | options: pwd=****, sslpassword=****; done",
        "login with password='SEC RET' failed | login with password=**** failed",
        "login with password=\"SEC RET\" failed | login with password=**** failed",
        "--password=SECRET --url jdbc:h2:mem:x | --password=**** --url jdbc:h2:mem:x",
        // Oracle: user/password@connect-identifier
        "jdbc:oracle:thin:scott/SECRET@//db:1521/orcl | jdbc:oracle:thin:scott/****@//db:1521/orcl",
        "jdbc:oracle:thin:scott/SECRET@db:1521:orcl | jdbc:oracle:thin:scott/****@db:1521:orcl",
        "jdbc:oracle:thin:scott/SECRET@db:1521/svc | jdbc:oracle:thin:scott/****@db:1521/svc",
        "sqlplus scott/SECRET@//db:1521/svc failed | sqlplus scott/****@//db:1521/svc failed",
        "connect string scott/SECRET@db:1521/svc refused | connect string scott/****@db:1521/svc refused",
        "jdbc:oracle:thin:scott/\"p@SECRET\"@db:1521/svc | jdbc:oracle:thin:scott/****@db:1521/svc",
        "jdbc:oracle:thin:scott/SECRET@(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521)))"
                + " | jdbc:oracle:thin:scott/****@(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521)))",
    })
    void masksSecretsInFreeText(String text, String masked) {
        assertThat(JdbcUrlMask.mask(text)).isEqualTo(masked).doesNotContain("SECRET").doesNotContain("SEC RET");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FATAL: password authentication failed for user \"app\"",
        "Access denied for user 'root'@'localhost' (using password: YES)",
        "ORA-01017: invalid username/password; logon denied",
        "Connection to db:5432 refused. Check that the hostname and port are correct",
        "read/write split: 3 of 10 connections in use",
        "pool orders - connection is not available, request timed out after 30001ms (total=10, active=10)",
        "jdbc:postgresql://db.example.com:5432/app?user=app@myserver&sslmode=require",
        "see https://example.com/docs/a/b@2 for details",
        "user app@example.com has no password set",
    })
    void leavesOrdinaryTextAlone(String text) {
        assertThat(JdbcUrlMask.mask(text)).isEqualTo(text);
    }
}
