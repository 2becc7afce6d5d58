package dev.topograph.app.designer.problems;

import java.util.List;
import java.util.Optional;

/** One row of the Problems panel: no model type crosses into the view. */
public record ProblemItem(int index, boolean error, String code, List<String> elementIds, String message,
        Optional<String> fixLabel) {

    public String elements() {
        return String.join(", ", elementIds);
    }

    @Override
    public String toString() {
        return (error ? "✖ " : "⚠ ") + code + "  " + elements() + " — " + message;
    }
}
