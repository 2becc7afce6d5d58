package dev.topograph.app.designer.inspector;

import java.util.Objects;

/** One entry of an inspector drop-down: the value the design stores and the words the user reads. */
public record Choice(String value, String label) {
    public Choice {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }

    /** A choice whose label is its value, such as an HTTP method. */
    public static Choice plain(String value) {
        return new Choice(value, value);
    }

    /** The label: what a combo box shows when it has no converter. */
    @Override
    public String toString() {
        return label;
    }
}
