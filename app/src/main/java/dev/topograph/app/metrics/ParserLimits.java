package dev.topograph.app.metrics;

/**
 * How much one scrape may hold before {@link PrometheusTextParser} refuses it, so that a target
 * gone wrong (label values that are request ids, a body that never ends) cannot eat the app's memory.
 *
 * @param maxSeries     sample lines in one scrape; metric families count against it too
 * @param maxLineLength characters in one line, line feed excluded
 */
public record ParserLimits(int maxSeries, int maxLineLength) {
    /** Ample for a generated service, which writes a few hundred series with lines under 300 characters. */
    public static final ParserLimits DEFAULT = new ParserLimits(20_000, 16_384);

    public ParserLimits {
        if (maxSeries < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxSeries + ", " + maxLineLength);
        }
    }
}
