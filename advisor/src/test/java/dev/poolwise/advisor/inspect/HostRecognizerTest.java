package dev.poolwise.advisor.inspect;

import dev.poolwise.advisor.PoolerKind;
import dev.poolwise.advisor.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // JDBC URL, provider, pooler
        "jdbc:postgresql://ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require, neon, none",
        "jdbc:postgresql://ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require,"
                + " neon, neon-pooler",
        "jdbc:postgresql://ep-quiet-sky-a1b2c3d4-pooler.c-2.eu-central-1.aws.neon.tech:5432/app, neon, neon-pooler",
        "jdbc:postgresql://ep-quiet-sky-a1b2c3d4.eastus2.azure.neon.tech/app, neon, none",
        "jdbc:mysql://aws.connect.psdb.cloud/mydb?sslMode=VERIFY_IDENTITY, planetscale, none",
        "jdbc:mariadb://us-east.connect.psdb.cloud:3306/mydb, planetscale, none",
        "jdbc:postgresql://abcdefghij-useast1-1.horizon.psdb.cloud:5432/app, planetscale, none",
        "jdbc:postgresql://abcdefghij-useast1-1.horizon.psdb.cloud:6432/app, planetscale, pgbouncer-transaction",
        "jdbc:postgresql://orders.proxy-c9akciq32.us-east-1.rds.amazonaws.com:5432/orders, self-managed, rds-proxy",
        "jdbc:mysql://orders-ro.endpoint.proxy-c9akciq32.us-east-1.rds.amazonaws.com/orders, self-managed,"
                + " rds-proxy",
        "jdbc:postgresql://orders.cluster-c9akciq32.us-east-1.rds.amazonaws.com/orders, aurora-serverless-v2, none",
        "jdbc:postgresql://orders.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com/orders, aurora-serverless-v2,"
                + " none",
        "jdbc:mysql://orders.cluster-custom-c9akciq32.cn-north-1.rds.amazonaws.com.cn/orders,"
                + " aurora-serverless-v2, none",
        "jdbc:postgresql://orders-db.c9akciq32.us-east-1.rds.amazonaws.com:5432/orders, self-managed, none",
        "jdbc:postgresql://db.apbkobhfnmcqqzqeeqss.supabase.co:5432/postgres, supabase, none",
        "jdbc:postgresql://db.apbkobhfnmcqqzqeeqss.supabase.co:6543/postgres, supabase, pgbouncer-transaction",
        "jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres, supabase, supavisor-transaction",
        "jdbc:postgresql://aws-1-us-east-1.pooler.supabase.com:5432/postgres, supabase, supavisor-session",
        "jdbc:postgresql://db.internal.example.com:5432/app, self-managed, none",
        "jdbc:postgresql://neon.tech.example.com/app, self-managed, none",
        "jdbc:mariadb://127.0.0.1:3306/test, self-managed, none",
    })
    void recognizesTheProviderAndPoolerFromTheHost(String url, String provider, String pooler) {
        RecognizedHost host = HostRecognizer.recognize(Endpoint.parse(url));

        assertThat(host.provider()).isEqualTo(Provider.fromId("provider", provider));
        assertThat(host.pooler()).isEqualTo(PoolerKind.fromId("pooler", pooler));
        assertThat(host.isRecognized()).isEqualTo(!url.contains("example.com") && !url.contains("127.0.0.1"));
    }
}
