package dev.topograph.model.validation;

/** How much a problem matters: errors stop generation and runs; warnings are advice. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
