package dev.topograph.app.metrics;

import java.util.Comparator;
import java.util.List;

/**
 * A histogram as the text format carries it: cumulative counts by upper bound, in any order,
 * one of them normally {@code +Inf}. The counts may be totals since start or, as
 * {@link ScrapeHistory#histogramIncrease} gives them, increases over a window.
 */
public record Histogram(List<Bucket> buckets) {
    /** Relative differences between neighbouring counts below this are rounding noise (PromQL's smallDeltaTolerance). */
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;

    public Histogram {
        buckets = List.copyOf(buckets);
    }

    /**
     * The q-quantile exactly as PromQL's {@code histogram_quantile} computes it on classic
     * buckets: sorted by bound, equal bounds merged, counts made non-decreasing (differences
     * within 1e-12 relative smoothed away, any other decrease replaced by the count before it),
     * then linear interpolation within the bucket holding rank q × count, from 0 when the first
     * bucket's bound is positive. Special cases, as PromQL: q below 0 gives -Inf, above 1 +Inf,
     * NaN gives NaN; no {@code +Inf} bucket, fewer than two buckets or no observations give NaN;
     * a rank in the {@code +Inf} bucket gives the highest finite bound; a rank in a first bucket
     * whose bound is 0 or less gives that bound.
     */
    public double quantile(double q) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        List<Bucket> sorted = buckets.stream().sorted(Comparator.comparingDouble(Bucket::upperBound)).toList();
        if (sorted.get(sorted.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double[] bounds = new double[sorted.size()];
        double[] counts = new double[sorted.size()];
        int n = coalesce(sorted, bounds, counts);
        ensureMonotonicIgnoringSmallDeltas(counts, n);
        if (n < 2) {
            return Double.NaN;
        }
        double observations = counts[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = firstAtLeast(counts, n - 1, rank);
        if (b == n - 1) {
            return bounds[n - 2];
        }
        if (b == 0 && bounds[0] <= 0) {
            return bounds[0];
        }
        double bucketStart = 0;
        double bucketEnd = bounds[b];
        double count = counts[b];
        if (b > 0) {
            bucketStart = bounds[b - 1];
            count -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /** Merges buckets of equal bound (as several series summed by {@code le} would be) into the arrays; returns how many remain. */
    private static int coalesce(List<Bucket> sorted, double[] bounds, double[] counts) {
        int n = 0;
        bounds[0] = sorted.get(0).upperBound();
        counts[0] = sorted.get(0).count();
        for (int i = 1; i < sorted.size(); i++) {
            Bucket bucket = sorted.get(i);
            if (bucket.upperBound() == bounds[n]) {
                counts[n] += bucket.count();
            } else {
                n++;
                bounds[n] = bucket.upperBound();
                counts[n] = bucket.count();
            }
        }
        return n + 1;
    }

    /**
     * PromQL's ensureMonotonicAndIgnoreSmallDeltas: a count within rounding noise of the last
     * accepted one, or below it, becomes that count. A histogram read while it is being written,
     * or an increase over a window, can otherwise make a higher bucket hold fewer observations.
     */
    private static void ensureMonotonicIgnoringSmallDeltas(double[] counts, int n) {
        double previous = counts[0];
        for (int i = 1; i < n; i++) {
            double current = counts[i];
            if (current == previous) {
                continue;
            }
            if (almostEqual(previous, current, SMALL_DELTA_TOLERANCE) || current < previous) {
                counts[i] = previous;
                continue;
            }
            previous = current;
        }
    }

    /** Prometheus's almost.Equal: relative difference below epsilon, or both NaN. */
    private static boolean almostEqual(double a, double b, double epsilon) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
            return diff < epsilon * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }

    /** Go's sort.Search over the first n counts, step for step, so that NaN counts land where PromQL's do. */
    private static int firstAtLeast(double[] counts, int n, double rank) {
        int i = 0;
        int j = n;
        while (i < j) {
            int h = (i + j) >>> 1;
            if (!(counts[h] >= rank)) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        return i;
    }
}
