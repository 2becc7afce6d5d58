package dev.topograph.app.metrics;

import java.util.Optional;

/** What a metric family measures, as its {@code # TYPE} line says; {@link #UNTYPED} when it says nothing. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    SUMMARY("summary"),
    UNTYPED("untyped");

    private final String exposition;

    MetricType(String exposition) {
        this.exposition = exposition;
    }

    /** The word the text format uses, e.g. {@code counter}. */
    public String exposition() {
        return exposition;
    }

    /** The type a {@code # TYPE} line names; the format's words are lower case, so only those count. */
    public static Optional<MetricType> fromExposition(String word) {
        for (MetricType type : values()) {
            if (type.exposition.equals(word)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
