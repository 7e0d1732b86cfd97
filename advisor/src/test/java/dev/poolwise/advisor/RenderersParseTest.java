package dev.poolwise.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.poolwise.PoolConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendering parses with a real parser for its format, and carries the recommended numbers. */
class RenderersParseTest {

    static Stream<Arguments> deployments() {
        return Stream.of(
                Arguments.of("pgbouncer 1.18 transaction", """
                        database: {engine: postgresql, max_connections: 100}
                        between: {pooler: pgbouncer-transaction, version: "1.18"}
                        application: {instances: 2, threads: 12}
                        """),
                Arguments.of("neon pooled, scale to zero", """
                        database: {provider: neon, compute: 0.25}
                        between: {pooler: neon-pooler}
                        application: {instances: 2, threads: 8}
                        """),
                Arguments.of("serverless unpooled on supavisor", """
                        database: {provider: supabase, compute: small}
                        between: {pooler: supavisor-transaction}
                        application: {serverless: {max_concurrency: 50, instance_reuse: false}}
                        """),
                Arguments.of("mysql behind nothing", """
                        database: {engine: mysql, max_connections: 151, wait_timeout: 1h}
                        application: {instances: 3, threads: 10}
                        """));
    }

    private static Recommendation recommend(String yaml) {
        Recommendation r = SizingRules.withBundledCatalog().recommend(DeploymentReader.read(yaml));
        assertThat(r.isFeasible()).isTrue();
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void poolwisePropertiesBuildAPoolConfig(String name, String yaml) throws IOException {
        Recommendation r = recommend(yaml);
        Properties properties = new Properties();
        properties.load(new StringReader(new PoolwisePropertiesRenderer().render(r)));
        properties.setProperty("jdbcUrl", "jdbc:postgresql://localhost:5432/app");

        PoolConfig config = PoolConfig.fromProperties(properties);

        assertThat(config.getMaximumPoolSize()).isEqualTo(r.poolSetting("maximumPoolSize").orElseThrow().intValue());
        assertThat(config.getMinimumIdle()).isEqualTo(r.poolSetting("minimumIdle").orElseThrow().intValue());
        assertThat(config.getMaxLifetime()).isEqualTo(r.poolSetting("maxLifetime").orElseThrow().duration());
        assertThat(config.getIdleTimeout()).isEqualTo(r.poolSetting("idleTimeout").orElseThrow().duration());
        assertThat(config.getMode().name().toLowerCase()).isEqualTo(r.poolSetting("mode").orElseThrow().value());
        r.driverSettings().forEach(s -> assertThat(config.getDataSourceProperties().getProperty(s.name()))
                .isEqualTo(s.text()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void hikariPropertiesHaveMillisecondDurations(String name, String yaml) throws IOException {
        Recommendation r = recommend(yaml);
        Properties properties = new Properties();
        properties.load(new StringReader(new HikariPropertiesRenderer().render(r)));

        assertThat(properties).doesNotContainKey("mode");
        assertThat(Long.parseLong(properties.getProperty("maxLifetime")))
                .isEqualTo(r.poolSetting("maxLifetime").orElseThrow().duration().toMillis());
        assertThat(Integer.parseInt(properties.getProperty("maximumPoolSize")))
                .isEqualTo(r.poolSetting("maximumPoolSize").orElseThrow().intValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void springHikariYamlParsesWithKebabCaseHikariKeys(String name, String yaml) throws IOException {
        Recommendation r = recommend(yaml);
        JsonNode datasource = new ObjectMapper(new YAMLFactory())
                .readTree(OutputFormat.SPRING_HIKARI.renderer().render(r)).path("spring").path("datasource");
        JsonNode hikari = datasource.path("hikari");

        assertThat(datasource.has("type")).as("Boot's default pool needs no type").isFalse();
        assertThat(hikari.has("mode")).isFalse();

        assertThat(hikari.path("maximum-pool-size").asInt())
                .isEqualTo(r.poolSetting("maximumPoolSize").orElseThrow().intValue());
        assertThat(hikari.path("keepalive-time").asLong())
                .isEqualTo(r.poolSetting("keepaliveTime").orElseThrow().duration().toMillis());
        r.driverSettings().forEach(s -> assertThat(hikari.path("data-source-properties").path(s.name()).asText())
                .isEqualTo(s.text()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void springYamlNamesPoolwiseAndItsKeysBuildAPoolConfig(String name, String yaml) throws IOException {
        Recommendation r = recommend(yaml);
        JsonNode datasource = new ObjectMapper(new YAMLFactory())
                .readTree(OutputFormat.SPRING.renderer().render(r)).path("spring").path("datasource");
        JsonNode poolwise = datasource.path("poolwise");

        assertThat(datasource.path("type").asText()).isEqualTo("dev.poolwise.PoolwiseDataSource");
        assertThat(datasource.has("hikari")).isFalse();
        // Each key is the kebab-case form of core's setting name: turned back into camel case, core's own reader
        // (which refuses unknown keys) takes every one, and the durations in Boot's units parse to the values.
        Properties properties = new Properties();
        poolwise.properties().forEach(field -> {
            if (field.getKey().equals("data-source-properties")) {
                field.getValue().properties().forEach(driver ->
                        properties.setProperty("dataSource." + driver.getKey(), driver.getValue().asText()));
            } else {
                properties.setProperty(camel(field.getKey()), field.getValue().asText());
            }
        });
        properties.setProperty("jdbcUrl", "jdbc:postgresql://localhost:5432/app");

        PoolConfig config = PoolConfig.fromProperties(properties);

        assertThat(poolwise.path("maximum-pool-size").asInt())
                .isEqualTo(r.poolSetting("maximumPoolSize").orElseThrow().intValue());
        assertThat(config.getMaximumPoolSize()).isEqualTo(r.poolSetting("maximumPoolSize").orElseThrow().intValue());
        assertThat(config.getMinimumIdle()).isEqualTo(r.poolSetting("minimumIdle").orElseThrow().intValue());
        assertThat(config.getMaxLifetime()).isEqualTo(r.poolSetting("maxLifetime").orElseThrow().duration());
        assertThat(config.getIdleTimeout()).isEqualTo(r.poolSetting("idleTimeout").orElseThrow().duration());
        assertThat(config.getKeepaliveTime()).isEqualTo(r.poolSetting("keepaliveTime").orElseThrow().duration());
        assertThat(config.getConnectionTimeout())
                .isEqualTo(r.poolSetting("connectionTimeout").orElseThrow().duration());
        assertThat(config.getMode().name().toLowerCase()).isEqualTo(r.poolSetting("mode").orElseThrow().value());
        for (Setting s : r.poolSettings()) {
            if (s.value() instanceof java.time.Duration) {
                assertThat(poolwise.path(SpringYamlRenderer.kebab(s.name())).asText())
                        .as("%s in Boot's simple duration style", s.name()).matches("\\d+(ms|s|m|h|d)");
            }
        }
        r.driverSettings().forEach(s -> assertThat(config.getDataSourceProperties().getProperty(s.name()))
                .isEqualTo(s.text()));
    }

    /** Boot's relaxed binding, backwards: {@code maximum-pool-size} to {@code maximumPoolSize}. */
    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void jsonParsesAndCarriesSettingsWithReasons(String name, String yaml) throws IOException {
        Recommendation r = recommend(yaml);
        JsonNode json = new ObjectMapper().readTree(new JsonRenderer().render(r));

        assertThat(json.path("feasible").asBoolean()).isTrue();
        assertThat(json.path("pool").path("maximumPoolSize").path("value").asInt())
                .isEqualTo(r.poolSetting("maximumPoolSize").orElseThrow().intValue());
        assertThat(json.path("pool").path("maximumPoolSize").path("reason").path("formula").asText()).isNotBlank();
        assertThat(json.path("budget").path("budget").asInt()).isEqualTo(r.budget().budget());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void jdbcUrlParsesAsAUriWithTheDriverParameters(String name, String yaml) {
        Recommendation r = recommend(yaml);
        String url = new JdbcUrlRenderer().render(r).strip();

        assertThat(url).startsWith("jdbc:" + r.deployment().database().engine().id() + "://");
        URI uri = URI.create(url.substring("jdbc:".length()));
        assertThat(uri.getPort()).isPositive();
        r.driverSettings().forEach(s -> assertThat(uri.getQuery()).contains(s.name() + "=" + s.text()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void sqlAlchemySnippetParsesWithPython(String name, String yaml) throws Exception {
        Recommendation r = recommend(yaml);
        String python = new SqlAlchemyRenderer().render(r);
        assertThat(python).contains(r.isUnpooled() ? "poolclass=NullPool" : "pool_size=");

        Process process;
        try {
            process = new ProcessBuilder("python3", "-c", "import ast,sys; ast.parse(sys.stdin.read())")
                    .redirectErrorStream(true).start();
        } catch (IOException noPython) {
            assumeTrue("true".equals(System.getenv("CI")), "python3 is not installed");
            throw noPython;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(python.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output + "\n" + python).isZero();
    }
}
