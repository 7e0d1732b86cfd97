package dev.poolwise.cli.tune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a run's results as JSON for machines ({@code results.json}). Durations are in milliseconds
 * ({@code ...Ms}) or seconds ({@code ...Seconds}), throughput in units of work per second. The top level:
 * {@code poolwise}, {@code startedAt}, {@code elapsedSeconds}, {@code interrupted}, {@code settings},
 * {@code machine}, {@code database}, {@code rule}, {@code recommendation} (Poolwise's), {@code advisor},
 * {@code hikariDefault}, and {@code pools}: one entry per pool with its {@code sizes} (each with its
 * {@code rounds} and its throughput's 95% {@code interval}) and {@code recommendation} (with
 * {@code tied}, {@code firmness} and {@code firmnessNote}); with {@code --adaptive}, {@code adaptive}
 * ({@link AdaptiveReport}). Figures are written unrounded, so that applying {@link RecommendationRule} to them
 * gives the answer tune gave.
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /**
     * @param results the run's results
     * @return the JSON tree
     */
    public static ObjectNode tree(TuneResults results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("poolwise", results.version());
        root.put("startedAt", results.startedAt().toString());
        root.put("elapsedSeconds", (results.elapsed().toMillis() / 1000.0));
        root.put("interrupted", results.interrupted());

        TuneResults.Settings s = results.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("workload", s.workload());
        settings.put("workloadDescription", s.workloadDescription());
        settings.put("scale", s.scale());
        settings.put("clients", s.clients());
        ArrayNode sizes = settings.putArray("coarseSizes");
        s.coarseSizes().forEach(sizes::add);
        settings.put("refinementLimit", s.refinementLimit());
        settings.put("rounds", s.rounds());
        settings.put("remeasureSeconds", s.remeasureBudget().toMillis() / 1000.0);
        settings.put("seed", s.seed());
        settings.put("warmupSeconds", s.warmup().toMillis() / 1000.0);
        settings.put("measureSeconds", s.measure().toMillis() / 1000.0);
        settings.put("settleSeconds", s.settle().toMillis() / 1000.0);
        settings.put("quick", s.quick());
        ArrayNode pools = settings.putArray("pools");
        s.pools().forEach(p -> pools.add(p.id()));

        TuneResults.Machine m = results.machine();
        root.putObject("machine").put("cores", m.cores()).put("os", m.os()).put("arch", m.arch())
                .put("java", m.java()).put("maxHeapMb", m.maxHeapMb());

        TuneResults.DatabaseInfo d = results.database();
        ObjectNode database = root.putObject("database").put("engine", d.engine()).put("version", d.version())
                .put("url", d.url()).put("embedded", d.embedded()).put("maxConnections", d.maxConnections())
                .put("reserved", d.reserved()).put("schema", d.schema()).put("kept", d.kept());
        if (d.cores() != null) {
            database.put("cores", d.cores());
        }
        if (d.activityNote() != null) {
            database.put("activityUnavailable", d.activityNote());
        }

        root.putObject("rule").put("text", RecommendationRule.TEXT)
                .put("throughputTolerance", RecommendationRule.THROUGHPUT_TOLERANCE)
                .put("confidence", 0.95)
                .put("firmInterval", RecommendationRule.FIRM_INTERVAL)
                .put("p99Tolerance", RecommendationRule.P99_TOLERANCE);
        results.recommendation().ifPresentOrElse(choice -> root.set("recommendation", choice(choice)),
                () -> root.putNull("recommendation"));
        if (results.advisor() != null) {
            root.putObject("advisor").put("maximumPoolSize", results.advisor().size())
                    .put("brief", results.advisor().brief()).put("formula", results.advisor().formula()).put("deployment", results.advisor().inputs());
        } else {
            root.putNull("advisor");
        }
        root.put("hikariDefault", TuneResults.HIKARI_DEFAULT_SIZE);

        ArrayNode poolResults = root.putArray("pools");
        for (MeasuredPool pool : results.pools()) {
            ObjectNode node = poolResults.addObject().put("pool", pool.id()).put("name", pool.displayName());
            RecommendationRule.Choice choice = results.recommendations().get(pool);
            if (choice != null) {
                node.set("recommendation", choice(choice));
            } else {
                node.putNull("recommendation");
            }
            ArrayNode measured = node.putArray("sizes");
            results.steps().getOrDefault(pool, List.of()).forEach(size -> measured.add(size(size)));
        }
        if (results.adaptive() != null) {
            AdaptiveReport.json(root, results.adaptive(), ResultsJson::size);
        }
        return root;
    }

    /**
     * Writes the results to a file.
     *
     * @param results the run's results
     * @param file    where to write
     * @throws IOException when the file cannot be written
     */
    public static void write(TuneResults results, Path file) throws IOException {
        JSON.writeValue(file.toFile(), tree(results));
    }

    private static ObjectNode choice(RecommendationRule.Choice choice) {
        ObjectNode node = JSON.createObjectNode().put("size", choice.size())
                .put("bestThroughputSize", choice.bestThroughputSize())
                .put("bestThroughput", (choice.bestThroughput()))
                .put("bestThroughputP99Ms", choice.bestThroughputP99Ms())
                .put("bestP99Size", choice.bestP99Size())
                .put("bestP99Ms", (choice.bestP99Ms()))
                .put("fallback", choice.fallback())
                .put("explanation", choice.explanation())
                .put("firmness", choice.firmness().id())
                .put("firmnessNote", choice.firmnessNote());
        ArrayNode qualifying = node.putArray("qualifying");
        choice.qualifying().forEach(qualifying::add);
        ArrayNode tied = node.putArray("tied");
        choice.tied().forEach(tied::add);
        return node;
    }

    private static ObjectNode size(SizeResult step) {
        ObjectNode node = JSON.createObjectNode().put("size", step.size()).put("phase", step.phase())
                .put("transactions", step.transactions()).put("failures", step.failures())
                .put("seconds", step.seconds()).put("throughput", step.throughput()).put("spread", step.spread());
        ConfidenceInterval interval = step.interval();
        node.putObject("interval").put("low", interval.low()).put("high", interval.high())
                .put("samples", interval.samples());
        ArrayNode rounds = node.putArray("rounds");
        for (SizeResult.Round round : step.rounds()) {
            ObjectNode r = rounds.addObject().put("phase", round.phase()).put("transactions", round.transactions())
                    .put("failures", round.failures()).put("seconds", round.seconds())
                    .put("throughput", round.throughput()).put("p99Ms", round.p99Ms());
            ArrayNode slices = r.putArray("sliceRates");
            round.sliceRates().forEach(slices::add);
        }
        if (step.firstFailure() != null) {
            node.put("firstFailure", step.firstFailure());
        }
        node.set("latencyMs", percentiles(step.latency()));
        node.set("poolWaitMs", percentiles(step.poolWait()));
        node.put("holdMeanMs", (step.holdMeanMs()));
        SizeResult.DatabaseActivity a = step.activity();
        node.putObject("databaseConnections").put("openMax", a.openMax()).put("activeMax", a.activeMax())
                .put("activeMean", (a.activeMean())).put("samples", a.samples());
        return node;
    }

    private static ObjectNode percentiles(SizeResult.Percentiles p) {
        return JSON.createObjectNode().put("p50", (p.p50())).put("p95", (p.p95())).put("p99", (p.p99()))
                .put("max", (p.max()));
    }
}
