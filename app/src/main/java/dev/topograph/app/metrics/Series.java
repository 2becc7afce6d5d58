package dev.topograph.app.metrics;

import java.util.Objects;

/** What a sample is a value of: a sample name and its labels, e.g. {@code http_server_requests_total{code="200"}}. */
public record Series(String name, Labels labels) {
    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
    }

    public static Series of(String name, String... labelNamesAndValues) {
        return new Series(name, Labels.of(labelNamesAndValues));
    }

    @Override
    public String toString() {
        return name + labels;
    }
}
