package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;

import dev.poolwise.cli.common.LatencyHistogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SVG chart of the adaptive run against time, on hand-made traces: the coordinates are read back from the
 * SVG and checked against the plot area it declares ({@code rect class="plot"} with {@code data-top}), so that
 * the tests pin where things are drawn without repeating the drawing code.
 */
class TargetSizeTimelineTest {

    /** Two phases of 4 s: the target climbs to 8 in the first, drops to 2 in the second. */
    private static final int[] TARGETS = {1, 2, 4, 8, 8, 8, 2, 2};
    private static final int[] OPEN = {1, 2, 3, 8, 8, 8, 5, 2};
    private static final long[] COMPLETED = {100, 200, 400, 800, 790, 810, 150, 160};

    @Test
    void theStepLineStepsAtTheSecondOfEachChangeToTheNewTarget() {
        Chart chart = Chart.parse(TargetSizeTimeline.render("t", trace(List.of("read", "hot-row"), TARGETS, OPEN,
                COMPLETED), List.of()));

        List<double[]> points = chart.polyline("target");
        // Two points per second: its start and its end, both at its target.
        assertThat(points).hasSize(2 * TARGETS.length);
        for (int k = 0; k < TARGETS.length; k++) {
            assertThat(points.get(2 * k)[0]).as("x of second %d", k).isCloseTo(chart.x(k), within(0.11));
            assertThat(points.get(2 * k + 1)[0]).isCloseTo(chart.x(k + 1), within(0.11));
            assertThat(points.get(2 * k)[1]).as("y of target %d", TARGETS[k])
                    .isCloseTo(chart.y("connections", TARGETS[k]), within(0.11));
        }
        // The drop from 8 to 2 at second 6 is a vertical at the x of second 6.
        assertThat(points.get(11)[0]).isCloseTo(points.get(12)[0], within(0.01));
        assertThat(points.get(12)[0]).isCloseTo(chart.x(6), within(0.11));
        assertThat(points.get(12)[1]).isGreaterThan(points.get(11)[1]);
        // The open connections follow their own samples: 3 at second 2 where the target was 4.
        assertThat(chart.polyline("open").get(4)[1]).isCloseTo(chart.y("connections", 3), within(0.11));
    }

    @Test
    void theConnectionsAxisTopsOutAtTheHighestValueNotTheCeiling() {
        // Ceiling 64, highest target 8, highest open 8: the top is 8.
        Chart chart = Chart.parse(TargetSizeTimeline.render("t", trace(List.of("read", "hot-row"), TARGETS, OPEN,
                COMPLETED), List.of()));

        assertThat(chart.top("connections")).isEqualTo(8);
        double highest = chart.polyline("target").stream().mapToDouble(p -> p[1]).min().orElseThrow();
        assertThat(highest).isCloseTo(chart.plot("connections").top(), within(0.11));
        assertThat(chart.texts("tick")).contains("8");
        assertThat(chart.texts("tick")).doesNotContain("64");

        // More connections open than the target (still closing) raise the top to them.
        int[] open = OPEN.clone();
        open[6] = 11;
        assertThat(Chart.parse(TargetSizeTimeline.render("t", trace(List.of("read", "hot-row"), TARGETS, open,
                COMPLETED), List.of())).top("connections")).isEqualTo(11);
    }

    @Test
    void drawsAPhaseLineAtEachBoundaryWithThePhasesNames() {
        Chart chart = Chart.parse(TargetSizeTimeline.render("t", trace(List.of("read", "hot-row"), TARGETS, OPEN,
                COMPLETED), List.of()));

        List<Element> lines = chart.elements("line", "phase-change");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).getAttribute("data-second")).isEqualTo("4");
        assertThat(Double.parseDouble(lines.get(0).getAttribute("x1"))).isCloseTo(chart.x(4), within(0.11));
        assertThat(chart.texts("phase-name")).containsExactly("1 read", "2 hot-row");
    }

    @Test
    void drawsEachPhasesStaticRecommendedSizeAcrossThePhaseAndShadesItsSteadyState() {
        AdaptiveTrace trace = trace(List.of("read", "hot-row"), TARGETS, OPEN, COMPLETED);
        // Phase 1 settled in its last 3 s at a static recommendation of 8; phase 2 reached no steady state, its
        // recommendation is 3.
        List<PhaseJudgement.PhaseVerdict> verdicts = List.of(verdict(0, "read", 2, 3, choice(8)),
                verdict(1, "hot-row", -1, 1, choice(3)));

        Chart chart = Chart.parse(TargetSizeTimeline.render("t", trace, verdicts));

        List<Element> references = chart.elements("line", "reference");
        assertThat(references).hasSize(2);
        assertSegment(chart, references.get(0), 0, 4, 8);
        assertSegment(chart, references.get(1), 4, 8, 3);
        assertThat(chart.texts("reference-label")).containsExactly("static 8", "static 3");

        // Shaded in both panels, phase 1 only: seconds 1 to 4.
        List<Element> steady = chart.elements("rect", "steady");
        assertThat(steady).hasSize(2).allSatisfy(r -> {
            assertThat(r.getAttribute("data-phase")).isEqualTo("1");
            assertThat(Double.parseDouble(r.getAttribute("x"))).isCloseTo(chart.x(1), within(0.11));
            assertThat(Double.parseDouble(r.getAttribute("x")) + Double.parseDouble(r.getAttribute("width")))
                    .isCloseTo(chart.x(4), within(0.2));
        });
    }

    @Test
    void aPhaseWithoutAStaticReferenceHasNoSegment() {
        List<PhaseJudgement.PhaseVerdict> verdicts = List.of(verdict(0, "read", 1, 4, null),
                verdict(1, "hot-row", 1, 4, choice(2)));

        Chart chart = Chart.parse(TargetSizeTimeline.render("t", trace(List.of("read", "hot-row"), TARGETS, OPEN,
                COMPLETED), verdicts));

        assertThat(chart.elements("line", "reference")).extracting(l -> l.getAttribute("data-phase"))
                .containsExactly("2");
    }

    @Test
    void drawsTheWorkCompletedEachSecondInItsOwnPanelUnderARoundTop() {
        Chart chart = Chart.parse(TargetSizeTimeline.render("t", trace(List.of("read", "hot-row"), TARGETS, OPEN,
                COMPLETED), List.of()));

        // 810 at most: the panel's top is the next round figure, 1,000.
        assertThat(chart.top("throughput")).isEqualTo(1000);
        List<double[]> points = chart.polyline("completed");
        for (int k = 0; k < COMPLETED.length; k++) {
            assertThat(points.get(2 * k)[1]).isCloseTo(chart.y("throughput", COMPLETED[k]), within(0.11));
        }
        assertThat(chart.plot("throughput").top()).isGreaterThan(chart.plot("connections").top()
                + chart.plot("connections").height());
    }

    @Test
    void drawsTheOraclesWorkPerSecondBesideTheAdaptivePoolsUnderOneTop() {
        // The oracle's two runs, before and after the adaptive pool; the chart draws their mean per second.
        long[] before = {1000, 1000, 1000, 800, 200, 300, 400, 300};
        long[] after = {1400, 1200, 1000, 1000, 400, 300, 200, 300};
        long[] oracleCompleted = {1200, 1100, 1000, 900, 300, 300, 300, 300};
        AdaptiveTrace trace = trace(List.of("read", "hot-row"), TARGETS, OPEN, COMPLETED);
        int[] sizes = {8, 8, 8, 8, 2, 2, 2, 2};
        OracleRuns oracle = new OracleRuns(List.of(trace(List.of("read", "hot-row"), sizes, sizes, before),
                trace(List.of("read", "hot-row"), sizes, sizes, after)));

        Chart chart = Chart.parse(TargetSizeTimeline.render("t", trace, List.of(), oracle));

        // The oracle's 1,200 is the most drawn: the top is the next round figure above it.
        assertThat(chart.top("throughput")).isEqualTo(2000);
        List<double[]> points = chart.polyline("oracle-completed");
        assertThat(points).hasSize(2 * oracleCompleted.length);
        for (int k = 0; k < oracleCompleted.length; k++) {
            assertThat(points.get(2 * k)[1]).isCloseTo(chart.y("throughput", oracleCompleted[k]), within(0.11));
        }
        assertThat(chart.texts("legend")).contains("oracle");
        assertThat(chart.root.getAttribute("aria-label")).contains("beside the oracle's");

        Chart without = Chart.parse(TargetSizeTimeline.render("t", trace, List.of()));
        assertThat(without.polyline("oracle-completed")).isEmpty();
        assertThat(without.texts("legend")).doesNotContain("oracle");
    }

    @Test
    void anEmptyOrOneSecondTraceDrawsWithoutThrowing() {
        String emptySvg = TargetSizeTimeline.render("t", trace(List.of("read"), new int[0], new int[0], new long[0]),
                List.of());
        assertThat(emptySvg).doesNotContain("NaN").doesNotContain("Infinity");
        Chart empty = Chart.parse(emptySvg);
        assertThat(empty.elements("polyline", "line")).isEmpty();
        assertThat(empty.texts("empty")).containsExactly("no seconds recorded");

        Chart one = Chart.parse(TargetSizeTimeline.render("t", trace(List.of("read"), new int[] {3}, new int[] {3},
                new long[] {50}), List.of(verdict(0, "read", 1, 1, choice(2)))));
        List<double[]> points = one.polyline("target");
        assertThat(points).hasSize(2);
        assertThat(points.get(0)[1]).isCloseTo(one.plot("connections").top(), within(0.11));
        assertThat(points.get(1)[0]).isCloseTo(one.plot("connections").x() + one.plot("connections").width(),
                within(0.11));
    }

    @Test
    void escapesThePhasesNamesAndKeepsThemReadable() {
        String name = "a<b>&\"c\"";
        String svg = TargetSizeTimeline.render("t", trace(List.of(name, "hot-row"), TARGETS, OPEN, COMPLETED),
                List.of(verdict(0, name, 2, 3, choice(4))));

        assertThat(svg).doesNotContain(name).contains("a&lt;b&gt;&amp;&quot;c&quot;");
        Chart chart = Chart.parse(svg);
        assertThat(chart.texts("phase-name")).contains("1 " + name);
        assertThat(chart.root.getAttribute("aria-label")).contains(name);
    }

    @Test
    void theReportsAdaptiveSectionDrawsTheChartUnderTheTextChartsOldIdAndFoldsTheTextChartBelowIt() {
        AdaptiveTrace trace = trace(List.of("read", "hot-row"), TARGETS, OPEN, COMPLETED);
        AdaptiveResults adaptive = new AdaptiveResults(List.of(new AdaptiveResults.PhaseSweep("read", Map.of(),
                Map.of()), new AdaptiveResults.PhaseSweep("hot-row", Map.of(), Map.of())), trace, OracleRuns.none(),
                List.of(verdict(0, "read", 2, 3, choice(8)), verdict(1, "hot-row", 1, 4, choice(3))));
        StringBuilder html = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        AdaptiveReport.html(html, adaptive);
        html.append("</div>");

        Chart section = Chart.parse(html.toString());
        List<Element> charts = section.elements("svg", "chart timeline");
        assertThat(charts).hasSize(1);
        assertThat(charts.get(0).getAttribute("id")).isEqualTo("target-chart");
        assertThat(section.elements("pre", "target-text")).singleElement()
                .satisfies(pre -> assertThat(pre.getParentNode().getLocalName()).isEqualTo("details"))
                .satisfies(pre -> assertThat(pre.getTextContent()).contains("4s hot-row"));
    }

    @Test
    void roundStepsCutTheAxisIntoFewTicks() {
        assertThat(TargetSizeTimeline.roundStep(8, 5)).isEqualTo(2);
        assertThat(TargetSizeTimeline.roundStep(4, 5)).isEqualTo(1);
        assertThat(TargetSizeTimeline.roundStep(120, 12)).isEqualTo(10);
        assertThat(TargetSizeTimeline.roundStep(130, 12)).isEqualTo(15);
        assertThat(TargetSizeTimeline.roundStep(100_000, 12)).isEqualTo(3600 * 3);
    }

    private static void assertSegment(Chart chart, Element line, int fromSecond, int toSecond, int size) {
        assertThat(line.getAttribute("data-size")).isEqualTo(String.valueOf(size));
        assertThat(Double.parseDouble(line.getAttribute("x1"))).isCloseTo(chart.x(fromSecond), within(0.11));
        assertThat(Double.parseDouble(line.getAttribute("x2"))).isCloseTo(chart.x(toSecond), within(0.11));
        assertThat(Double.parseDouble(line.getAttribute("y1"))).isCloseTo(chart.y("connections", size), within(0.11));
        assertThat(line.getAttribute("y2")).isEqualTo(line.getAttribute("y1"));
        assertThat(line.getAttribute("stroke-dasharray")).isNotEmpty();
    }

    private static AdaptiveTrace trace(List<String> phases, int[] targets, int[] open, long[] completed) {
        int perPhase = Math.max(1, targets.length / phases.size());
        List<AdaptiveTrace.Second> seconds = new ArrayList<>();
        List<LatencyHistogram> latencies = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            seconds.add(new AdaptiveTrace.Second(i, i / perPhase, targets[i], open[i], open[i], 0, completed[i], 0,
                    open[i]));
            latencies.add(new LatencyHistogram());
        }
        return new AdaptiveTrace(64, Duration.ofMillis(500), 0.1, Duration.ofSeconds(perPhase), Duration.ZERO, phases,
                seconds, latencies, List.of(new AdaptiveTrace.Change(3.4, 4, 8, "GROW_QUEUEING", 400, 5, 2, 0, 4, 3,
                        new TreeMap<>())),
                null);
    }

    private static PhaseJudgement.PhaseVerdict verdict(int phase, String workload, int settleSeconds,
                                                       int steadySeconds, RecommendationRule.Choice reference) {
        return new PhaseJudgement.PhaseVerdict(phase, workload, settleSeconds, steadySeconds, 4, 100, 1, 4, 0,
                reference, null, List.of());
    }

    private static RecommendationRule.Choice choice(int size) {
        return new RecommendationRule.Choice(size, size * 2, 1000, 2.5, size, 2.5, List.of(size), List.of(size), false,
                "chosen", RecommendationRule.Firmness.FIRM, "firm");
    }

    /** The SVG parsed, with its plot areas as declared. */
    private static final class Chart {

        private final Element root;

        private Chart(Element root) {
            this.root = root;
        }

        static Chart parse(String svg) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document document = factory.newDocumentBuilder()
                        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
                return new Chart(document.getDocumentElement());
            } catch (Exception e) {
                throw new AssertionError("the chart is not well-formed XML: " + e.getMessage(), e);
            }
        }

        record Plot(double x, double top, double width, double height, double topValue) {
        }

        Plot plot(String panel) {
            for (Element rect : elements("rect", "plot")) {
                if (panel.equals(rect.getAttribute("data-panel"))) {
                    return new Plot(Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
                            Double.parseDouble(rect.getAttribute("width")),
                            Double.parseDouble(rect.getAttribute("height")),
                            Double.parseDouble(rect.getAttribute("data-top")));
                }
            }
            throw new AssertionError("no plot area " + panel);
        }

        double top(String panel) {
            return plot(panel).topValue();
        }

        /** @return where second {@code k} starts: the plot's width holds every second of the trace (8 here) */
        double x(int second) {
            Plot plot = plot("connections");
            int seconds = Math.max(1, polyline("target").size() / 2);
            return plot.x() + plot.width() * second / seconds;
        }

        double y(String panel, double value) {
            Plot plot = plot(panel);
            return plot.top() + plot.height() - value / plot.topValue() * plot.height();
        }

        List<double[]> polyline(String series) {
            for (Element line : elements("polyline", "line")) {
                if (series.equals(line.getAttribute("data-series"))) {
                    List<double[]> points = new ArrayList<>();
                    for (String pair : line.getAttribute("points").trim().split("\\s+")) {
                        String[] xy = pair.split(",");
                        points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
                    }
                    return points;
                }
            }
            return List.of();
        }

        List<String> texts(String cssClass) {
            return elements("text", cssClass).stream().map(Element::getTextContent).toList();
        }

        List<Element> elements(String localName, String cssClass) {
            NodeList nodes = root.getElementsByTagNameNS("*", localName);
            List<Element> found = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                if (cssClass.equals(e.getAttribute("class"))) {
                    found.add(e);
                }
            }
            return found;
        }
    }
}
