package dev.topograph.app.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The samples that share one metric name and its {@code # HELP} and {@code # TYPE}: for a
 * histogram {@code x} that is every {@code x_bucket}, {@code x_sum} and {@code x_count} line; for
 * a summary every {@code x{quantile=…}}, {@code x_sum} and {@code x_count} line.
 */
public record MetricFamily(String name, MetricType type, Optional<String> help, List<Sample> samples) {
    public MetricFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        samples = List.copyOf(samples);
    }
}
