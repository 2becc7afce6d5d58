package dev.topograph.app.designer;

/** One row of the Problems panel. */
public record ProblemItem(boolean error, String code, String elements, String message) {
    @Override
    public String toString() {
        return (error ? "✖ " : "⚠ ") + code + "  " + elements + " — " + message;
    }
}
