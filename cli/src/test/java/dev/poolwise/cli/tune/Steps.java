package dev.poolwise.cli.tune;

/** Hand-made step results for tests. */
final class Steps {

    private Steps() {
    }

    /** A clean step with the given throughput and p99 (other figures derived, plausible). */
    static StepResult step(int size, double throughput, double p99) {
        return step("poolwise", size, throughput, p99, 0);
    }

    static StepResult step(String pool, int size, double throughput, double p99, long failures) {
        long transactions = Math.round(throughput * 5);
        return new StepResult(pool, size, StepResult.COARSE, transactions, failures,
                failures > 0 ? "boom <b>&amp;</b>" : null, 5, throughput, 0.05,
                new StepResult.Percentiles(p99 / 4, p99 / 2, p99, p99 * 2),
                new StepResult.Percentiles(p99 / 8, p99 / 3, p99 / 2, p99),
                p99 / 10, new StepResult.DatabaseActivity(size, size, size * 0.9, 20));
    }
}
