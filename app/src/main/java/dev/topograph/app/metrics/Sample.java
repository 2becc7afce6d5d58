package dev.topograph.app.metrics;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of a scrape: the value of a series, with the target's own timestamp (ms since the
 * epoch) when it wrote one. The sample name keeps its suffix, e.g. {@code x_bucket} in family {@code x}.
 */
public record Sample(String name, Labels labels, double value, OptionalLong timestampMs) {
    public Sample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(timestampMs, "timestampMs");
    }

    public Series series() {
        return new Series(name, labels);
    }
}
