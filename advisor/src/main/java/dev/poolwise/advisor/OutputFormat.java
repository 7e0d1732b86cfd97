package dev.poolwise.advisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The formats {@code poolwise advise --format} writes, each with its renderer. */
public enum OutputFormat {
    /** For people: settings, reasons, budget and warnings. */
    TEXT("text", TextRenderer::new),
    /** For machines: everything in the text, as JSON. */
    JSON("json", JsonRenderer::new),
    /** Poolwise properties, as {@code PoolConfig.fromProperties} reads them. */
    POOLWISE("poolwise", PoolwisePropertiesRenderer::new),
    /** HikariCP properties ({@code hikari.properties}). */
    HIKARI("hikari", HikariPropertiesRenderer::new),
    /**
     * Spring Boot {@code application.yml} for Boot with Poolwise: {@code spring.datasource.type} and
     * {@code spring.datasource.poolwise.*}, durations in Boot's units.
     */
    SPRING("spring", () -> new SpringYamlRenderer(SpringYamlRenderer.Pool.POOLWISE)),
    /** Spring Boot {@code application.yml} for Boot's HikariCP: {@code spring.datasource.hikari.*}. */
    SPRING_HIKARI("spring-hikari", () -> new SpringYamlRenderer(SpringYamlRenderer.Pool.HIKARI)),
    /** SQLAlchemy {@code create_engine(...)}, with {@code NullPool} where unpooled. */
    SQLALCHEMY("sqlalchemy", SqlAlchemyRenderer::new),
    /** A JDBC URL with the driver parameters. */
    JDBC_URL("jdbc-url", JdbcUrlRenderer::new),
    /** {@code pgbouncer.ini} for a PgBouncer the user runs; not applicable to other deployments. */
    PGBOUNCER("pgbouncer", PgBouncerIniRenderer::new);

    private final String id;
    private final Supplier<RecommendationRenderer> renderer;

    OutputFormat(String id, Supplier<RecommendationRenderer> renderer) {
        this.id = id;
        this.renderer = renderer;
    }

    /** @return the name given to {@code --format} */
    public String id() {
        return id;
    }

    /** @return a renderer for this format */
    public RecommendationRenderer renderer() {
        return renderer.get();
    }

    /**
     * @param deployment the deployment a rendering is asked for
     * @throws FormatNotApplicableException when this format does not fit it ({@code pgbouncer} without a
     *                                      PgBouncer the user runs), saying why
     */
    public void requireApplicable(Deployment deployment) {
        if (this == PGBOUNCER) {
            PgBouncerIniRenderer.requireApplicable(deployment);
        }
    }

    /** @return whether this format is a configuration file (not for people or machines to read) */
    public boolean isConfiguration() {
        return this != TEXT && this != JSON;
    }

    /**
     * @param text a format name, e.g. {@code spring}
     * @return the format
     * @throws IllegalArgumentException naming the valid formats
     */
    public static OutputFormat fromId(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        for (OutputFormat format : values()) {
            if (format.id.equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("--format " + text + ": must be one of " + validIds());
    }

    /** @return the valid names, comma-separated */
    public static String validIds() {
        return Arrays.stream(values()).map(OutputFormat::id).collect(Collectors.joining(", "));
    }
}
