package dev.poolwise.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison built for a shared, noisy machine: the pools take turns, one JMH fork each per round, and
 * Poolwise is compared with each peer round by round.
 *
 * <p><b>Why.</b> A plain JMH run measures every fork of one pool, then every fork of the next, so a neighbour
 * that gets busy for a minute (other builds, another VM on the host) lands on one pool only, and the ± columns
 * of the pools overlap from that drift as much as from the pools. Here each round runs the pools back to back,
 * in an order that rotates from round to round, and the statistic is the ratio within a round: drift slower
 * than a round cancels out of it. The ratios' geometric mean and its 95 % confidence interval (Student's t on
 * the logarithms, one value per round) are printed per peer.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.poolwise.benchmarks.PairedRounds \
 *     'ConnectionCycleBenchmark.threads8Pool4$' 10 poolwise,hikari,agroal,agroal3
 * </pre>
 *
 * Each fork: 3 warm-up iterations of 1 s, 3 measured iterations of 1 s, as in docs/benchmarks.md's runs. The
 * first pool named is the one compared with the others.
 */
public final class PairedRounds {

    /** Student's t at 97.5 % for 1 to 30 degrees of freedom (two-sided 95 %). */
    private static final double[] T_975 = {
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    private PairedRounds() {
    }

    /**
     * @param args the benchmark's regular expression, the number of rounds (2 to 31) and the pools, comma
     *             separated ({@code -p pool=} values), the first one compared with the rest
     */
    public static void main(String[] args) throws RunnerException {
        if (args.length != 3) {
            System.err.println("usage: PairedRounds <benchmark regex> <rounds> <pool,pool,...>");
            System.exit(2);
        }
        int rounds;
        try {
            rounds = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            rounds = -1;
        }
        if (rounds < 2 || rounds > T_975.length + 1) {
            System.err.println("rounds: '" + args[1] + "' is not a whole number from 2 to " + (T_975.length + 1));
            System.exit(2);
        }
        List<String> pools = Arrays.asList(args[2].split(","));
        if (pools.size() < 2) {
            System.err.println("pools: '" + args[2] + "' names fewer than two pools to compare");
            System.exit(2);
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (String pool : pools) {
            scores.put(pool, new double[rounds]);
        }
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < pools.size(); turn++) {
                String pool = pools.get((round + turn) % pools.size()); // rotate who goes first
                double score = measure(args[0], pool);
                scores.get(pool)[round] = score;
                System.out.printf(Locale.ROOT, "round %2d  %-10s %10.3f%n", round + 1, pool, score);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s%n", "pool", "mean", "min", "max");
        for (Map.Entry<String, double[]> entry : scores.entrySet()) {
            double[] s = entry.getValue();
            System.out.printf(Locale.ROOT, "%-10s %10.3f %10.3f %10.3f%n", entry.getKey(),
                    Arrays.stream(s).average().orElse(0), Arrays.stream(s).min().orElse(0),
                    Arrays.stream(s).max().orElse(0));
        }
        System.out.println();
        String first = pools.get(0);
        for (String peer : pools.subList(1, pools.size())) {
            double[] logs = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                logs[round] = Math.log(scores.get(first)[round] / scores.get(peer)[round]);
            }
            double mean = Arrays.stream(logs).average().orElse(0);
            double variance = Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum() / (rounds - 1);
            double half = T_975[rounds - 2] * Math.sqrt(variance / rounds);
            long wins = Arrays.stream(logs).filter(x -> x > 0).count();
            System.out.printf(Locale.ROOT, "%s / %-10s x%.2f (95%% CI x%.2f to x%.2f), ahead in %d of %d rounds%n",
                    first, peer, Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), wins, rounds);
        }
    }

    /** One fork of one pool: the mean of its measured iterations. */
    private static double measure(String benchmark, String pool) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(benchmark)
                .param("pool", pool)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .verbosity(VerboseMode.SILENT)
                .build();
        List<RunResult> results = new ArrayList<>(new Runner(options).run());
        if (results.size() != 1) {
            throw new IllegalArgumentException("benchmark: '" + benchmark + "' matched " + results.size()
                    + " benchmarks; name exactly one (end the expression with $)");
        }
        return results.get(0).getPrimaryResult().getScore();
    }
}
