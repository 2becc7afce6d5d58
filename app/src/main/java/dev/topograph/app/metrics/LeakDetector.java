package dev.topograph.app.metrics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Tells a goroutine leak — the most common Go service bug — from growth under load: over the last
 * {@code window} of samples, goroutines climb steadily (a positive least-squares slope, a rise of
 * at least {@code minRise}, and most steps not downwards) while the request rate stays flat (its
 * last third within 25 % of its first third, or no traffic at all). Under rising load goroutines
 * rise too, and that is no leak.
 */
public final class LeakDetector {
    private final long windowMs;
    private final double minRise;
    private final Deque<double[]> samples = new ArrayDeque<>();

    /**
     * @param windowMs how much recent history to judge (e.g. 45 s)
     * @param minRise  how many goroutines the rise must add over the window
     */
    public LeakDetector(long windowMs, double minRise) {
        this.windowMs = windowMs;
        this.minRise = minRise;
    }

    /** Adds one observation: time (ms), goroutines, requests per second. */
    public void add(long atMs, double goroutines, double requestsPerSecond) {
        samples.addLast(new double[] {atMs, goroutines, requestsPerSecond});
        while (!samples.isEmpty() && atMs - samples.peekFirst()[0] > windowMs) {
            samples.removeFirst();
        }
    }

    /** Forgets everything (a restarted process starts from a new base). */
    public void reset() {
        samples.clear();
    }

    /** The alert, when the history looks like a leak. */
    public Optional<Alert> judge() {
        int n = samples.size();
        if (n < 10) {
            return Optional.empty();
        }
        double[][] s = samples.toArray(new double[0][]);
        double span = s[n - 1][0] - s[0][0];
        if (span < windowMs * 0.6) {
            return Optional.empty();
        }
        double meanT = 0;
        double meanG = 0;
        for (double[] p : s) {
            meanT += p[0];
            meanG += p[1];
        }
        meanT /= n;
        meanG /= n;
        double num = 0;
        double den = 0;
        int up = 0;
        for (int i = 0; i < n; i++) {
            num += (s[i][0] - meanT) * (s[i][1] - meanG);
            den += (s[i][0] - meanT) * (s[i][0] - meanT);
            if (i > 0 && s[i][1] >= s[i - 1][1]) {
                up++;
            }
        }
        double slopePerSecond = den == 0 ? 0 : num / den * 1000;
        double rise = s[n - 1][1] - s[0][1];
        boolean climbing = slopePerSecond > 0 && rise >= minRise && up >= (n - 1) * 0.8;
        if (!climbing || !flat(s)) {
            return Optional.empty();
        }
        return Optional.of(new Alert(Alert.Kind.GOROUTINE_LEAK, String.format(java.util.Locale.ROOT,
                "goroutines rose by %.0f in %.0f s (%.1f/s) while traffic stayed flat: a goroutine leak?"
                        + " Capture a goroutine profile to see where they wait.", rise, span / 1000, slopePerSecond)));
    }

    private static boolean flat(double[][] s) {
        int third = Math.max(1, s.length / 3);
        double first = 0;
        double last = 0;
        for (int i = 0; i < third; i++) {
            first += s[i][2];
            last += s[s.length - 1 - i][2];
        }
        first /= third;
        last /= third;
        double high = Math.max(first, last);
        return high < 0.01 || Math.abs(last - first) <= 0.25 * high;
    }
}
