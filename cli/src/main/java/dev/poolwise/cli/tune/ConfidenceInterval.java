package dev.poolwise.cli.tune;

import java.util.List;

/**
 * A 95% confidence interval for a mean throughput, from samples of it: Student's t over the samples' mean
 * and standard deviation. Tune's samples are the rates of the half-second slices of every round measured at
 * one size ("batch means": each slice holds hundreds of units of work, so that neighbouring slices are
 * nearly independent, and slices from rounds run minutes apart carry the run-to-run drift into the width).
 *
 * <p>Two sizes whose intervals overlap are not told apart by the measurement: the rule treats them as tied.
 *
 * @param mean    the samples' mean
 * @param low     the interval's lower end
 * @param high    the interval's upper end
 * @param samples how many samples it rests on; with fewer than two the interval is the mean alone (nothing
 *                is known of the noise)
 */
public record ConfidenceInterval(double mean, double low, double high, int samples) {

    /**
     * Student's t at 97.5% (two-sided 95%) for 1 to 30 degrees of freedom; beyond 30 the Cornish-Fisher
     * expansion below is within 0.001 of the table value.
     */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};
    private static final double Z_975 = 1.959964;

    /**
     * @param samples the samples, e.g. per-slice rates; at least one
     * @return the 95% interval for their mean
     * @throws IllegalArgumentException when there are no samples
     */
    public static ConfidenceInterval of95(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a confidence interval needs at least one sample");
        }
        int n = samples.size();
        double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (n < 2) {
            return new ConfidenceInterval(mean, mean, mean, n);
        }
        double sumOfSquares = 0;
        for (double sample : samples) {
            sumOfSquares += (sample - mean) * (sample - mean);
        }
        double standardError = Math.sqrt(sumOfSquares / (n - 1)) / Math.sqrt(n);
        double half = t975(n - 1) * standardError;
        return new ConfidenceInterval(mean, mean - half, mean + half, n);
    }

    /**
     * @param degreesOfFreedom at least 1
     * @return Student's t quantile at 0.975
     */
    static double t975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, not " + degreesOfFreedom);
        }
        if (degreesOfFreedom <= T_975.length) {
            return T_975[degreesOfFreedom - 1];
        }
        double z = Z_975;
        double v = degreesOfFreedom;
        return z + (z * z * z + z) / (4 * v) + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
    }

    /** @return half the interval's width */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /** @return half the width as a fraction of the mean (0.05 is ±5%); 0 when the mean is 0 */
    public double relativeHalfWidth() {
        return mean == 0 ? 0 : halfWidth() / Math.abs(mean);
    }

    /**
     * @param other another interval
     * @return whether the two share any value, so that the measurement cannot tell their means apart
     */
    public boolean overlaps(ConfidenceInterval other) {
        return low <= other.high && other.low <= high;
    }
}
