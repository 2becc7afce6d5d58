package dev.topograph.app.metrics;

import java.util.Objects;

/** One label of a series, e.g. {@code code="503"}; the value is unescaped. */
public record Label(String name, String value) {
    public Label {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
