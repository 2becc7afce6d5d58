package dev.topograph.app.metrics;

import java.util.Objects;

/**
 * A condition on one label of a series, as in PromQL a label that is absent counts as the empty
 * string: {@code code!="200"} holds for a series without {@code code}.
 */
public sealed interface LabelMatcher {
    /** The name of the label the condition is on. */
    String label();

    boolean matches(Labels labels);

    /** {@code label="value"}. */
    record Equals(String label, String value) implements LabelMatcher {
        public Equals {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(Labels labels) {
            return labels.get(label).orElse("").equals(value);
        }
    }

    /** {@code label!="value"}. */
    record NotEquals(String label, String value) implements LabelMatcher {
        public NotEquals {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(Labels labels) {
            return !labels.get(label).orElse("").equals(value);
        }
    }

    /** {@code label=~"prefix.*"}, e.g. status codes starting with 5. */
    record StartsWith(String label, String prefix) implements LabelMatcher {
        public StartsWith {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public boolean matches(Labels labels) {
            return labels.get(label).orElse("").startsWith(prefix);
        }
    }
}
