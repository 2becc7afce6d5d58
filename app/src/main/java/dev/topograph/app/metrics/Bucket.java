package dev.topograph.app.metrics;

/** One bucket of a histogram: how many observations were at most {@code upperBound} (its {@code le}). */
public record Bucket(double upperBound, double count) {
}
