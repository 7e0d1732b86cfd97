package dev.poolwise.cli.tune;

import java.util.Arrays;
import java.util.List;

/** Hand-made size results for tests. */
final class Steps {

    private Steps() {
    }

    /** A clean size with the given throughput and p99, measured without noise (a zero-width interval). */
    static SizeResult step(int size, double throughput, double p99) {
        return noisy(size, throughput, 0, p99);
    }

    /** A clean size whose throughput's 95% interval is {@code throughput ± halfWidth}. */
    static SizeResult noisy(int size, double throughput, double halfWidth, double p99) {
        return result("poolwise", size, throughput, halfWidth, p99, 0);
    }

    static SizeResult step(String pool, int size, double throughput, double p99, long failures) {
        return result(pool, size, throughput, 0, p99, failures);
    }

    /** A clean size measured in rounds whose p99s are given; its own p99 is the highest of them. */
    static SizeResult rounds(int size, double throughput, double halfWidth, double... roundP99s) {
        double p99 = Arrays.stream(roundP99s).max().orElseThrow();
        SizeResult base = result("poolwise", size, throughput, halfWidth, p99, 0);
        List<SizeResult.Round> rounds = Arrays.stream(roundP99s).mapToObj(r -> new SizeResult.Round(
                SizeResult.COARSE, base.transactions(), 0, 5, throughput, r, List.of(throughput))).toList();
        return new SizeResult(base.pool(), size, base.phase(), rounds, base.transactions(), 0, null, base.seconds(),
                throughput, base.interval(), base.spread(), base.latency(), base.poolWait(), base.holdMeanMs(),
                base.activity());
    }

    private static SizeResult result(String pool, int size, double throughput, double halfWidth, double p99,
                                     long failures) {
        long transactions = Math.round(throughput * 5);
        SizeResult.Round round = new SizeResult.Round(SizeResult.COARSE, transactions, failures, 5, throughput, p99,
                List.of(throughput - halfWidth, throughput + halfWidth));
        return new SizeResult(pool, size, SizeResult.COARSE, List.of(round), transactions, failures,
                failures > 0 ? "boom <b>&amp;</b>" : null, 5, throughput,
                new ConfidenceInterval(throughput, throughput - halfWidth, throughput + halfWidth, 10), 0.05,
                new SizeResult.Percentiles(p99 / 4, p99 / 2, p99, p99 * 2),
                new SizeResult.Percentiles(p99 / 8, p99 / 3, p99 / 2, p99),
                p99 / 10, new SizeResult.DatabaseActivity(size, size, size * 0.9, 20));
    }
}
