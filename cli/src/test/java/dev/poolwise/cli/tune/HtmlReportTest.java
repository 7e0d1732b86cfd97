package dev.poolwise.cli.tune;

import static dev.poolwise.cli.tune.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static TuneResults results() {
        List<SizeResult> poolwise = List.of(step(1, 300, 200), step(2, 700, 90), step(4, 1_000, 50),
                step(8, 1_010, 52), step("poolwise", 16, 0, 0, 4));
        List<SizeResult> hikari = List.of(step("hikari", 1, 290, 210, 0), step("hikari", 2, 690, 95, 0),
                step("hikari", 4, 980, 55, 0), step("hikari", 8, 1_000, 51, 0), step("hikari", 16, 990, 60, 0));
        return new TuneResults("1.2.3", Instant.parse("2026-12-01T12:00:00Z"), Duration.ofSeconds(95),
                new TuneResults.Settings("tpcb", "a <TPC-B> & like transaction", 1, 64, List.of(1, 2, 4, 8, 16), 3,
                        2, Duration.ofSeconds(20), 42, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(30), false,
                        List.of(MeasuredPool.POOLWISE, MeasuredPool.HIKARI)),
                new TuneResults.Machine(2, "Linux 6", "amd64", "Temurin 17", 512),
                new TuneResults.DatabaseInfo("PostgreSQL", "16.1", "jdbc:postgresql://h/db?password=<masked>", false,
                        100, 3, 2, "poolwise_tune_abc", false, null),
                Map.of(MeasuredPool.POOLWISE, poolwise, MeasuredPool.HIKARI, hikari),
                Map.of(MeasuredPool.POOLWISE, RecommendationRule.choose(poolwise).orElseThrow(),
                        MeasuredPool.HIKARI, RecommendationRule.choose(hikari).orElseThrow()),
                new TuneResults.AdvisorAnswer(4, "pool size: max(1, min(64, 4, 87)) = 4", "pool size: ...", "postgresql"),
                false);
    }

    @Test
    void drawsThreeWellFormedChartsWithOnePointPerMeasuredSizeAndTheMarkers() {
        ReportDocument report = ReportDocument.parse(HtmlReport.render(results()));

        assertThat(report.chartIds()).containsExactly("chart-throughput", "chart-latency", "chart-pool-wait");
        for (String chart : report.chartIds()) {
            // Size 16 of Poolwise failed completely: nothing measured, so no point is drawn for it.
            assertThat(report.pointSizes(chart, "poolwise")).containsExactly(1, 2, 4, 8);
            assertThat(report.pointSizes(chart, "hikari")).containsExactly(1, 2, 4, 8, 16);
            assertThat(report.markerSize(chart, "recommended")).isEqualTo(4);
            assertThat(report.markerSize(chart, "advisor")).isEqualTo(4);
            assertThat(report.markerSize(chart, "hikari-default")).isEqualTo(10);
        }
        assertThat(report.textOf("recommendation")).contains("Recommended maximumPoolSize: 4")
                .contains(RecommendationRule.TEXT).contains("HikariCP's default is 10")
                .contains("Firm: 2 is clearly slower");
    }

    @Test
    void saysWhenTheAnswerIsAtTheEdgeOfTheSweep() {
        TuneResults atFour = results();
        assertThat(atFour.edgeNote()).isEmpty();

        List<SizeResult> rising = List.of(step(1, 100, 900), step(2, 200, 450), step(4, 400, 220));
        TuneResults atEdge = new TuneResults(atFour.version(), atFour.startedAt(), atFour.elapsed(),
                atFour.settings(), atFour.machine(), atFour.database(), Map.of(MeasuredPool.POOLWISE, rising),
                Map.of(MeasuredPool.POOLWISE, RecommendationRule.choose(rising).orElseThrow()), null, false);

        assertThat(atEdge.edgeNote()).get(STRING)
                .contains("largest size measured").contains("larger --sizes");
        assertThat(HtmlReport.render(atEdge)).contains("largest size measured");
        ReportDocument.parse(HtmlReport.render(atEdge));
    }

    @Test
    void escapesTextFromTheDatabaseAndTheUser() {
        String html = HtmlReport.render(results());

        assertThat(html).doesNotContain("<TPC-B>").contains("a &lt;TPC-B&gt; &amp; like transaction")
                .doesNotContain("boom <b>").contains("<masked>".replace("<", "&lt;").replace(">", "&gt;"));
        // Nothing to fetch: the only URLs are the XHTML and SVG namespace names, which browsers never load.
        String withoutNamespaces = html.replace("http://www.w3.org/1999/xhtml", "")
                .replace("http://www.w3.org/2000/svg", "");
        assertThat(withoutNamespaces).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("<link").doesNotContain("@import");
    }

    @Test
    void writesEverySizeWithItsRoundsAndIntervalToTheJson() {
        JsonNode json = ResultsJson.tree(results());

        assertThat(json.path("recommendation").path("size").asInt()).isEqualTo(4);
        assertThat(json.path("rule").path("text").asText()).isEqualTo(RecommendationRule.TEXT);
        assertThat(json.path("advisor").path("maximumPoolSize").asInt()).isEqualTo(4);
        assertThat(json.path("pools")).hasSize(2);
        assertThat(json.path("recommendation").path("firmness").asText()).isEqualTo("firm");
        assertThat(json.path("settings").path("seed").asLong()).isEqualTo(42);
        assertThat(json.path("pools")).hasSize(2);
        JsonNode sizes = json.path("pools").get(0).path("sizes");
        assertThat(sizes).hasSize(5);
        assertThat(json.path("pools").get(1).path("pool").asText()).isEqualTo("hikari");
        assertThat(sizes.get(4).path("failures").asLong()).isEqualTo(4);
        assertThat(sizes.get(2).path("rounds")).hasSize(1);
        assertThat(sizes.get(2).path("interval").path("low").asDouble()).isEqualTo(1_000);
    }
}
