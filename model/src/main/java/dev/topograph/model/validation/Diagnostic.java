package dev.topograph.model.validation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a design: the rule's stable code, its severity, the ids of the nodes,
 * edges or contexts it concerns, why it matters, and, where there is one, a quick fix.
 */
public record Diagnostic(String code, Severity severity, List<String> elementIds, String message, Optional<QuickFix> fix) {
    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        elementIds = List.copyOf(elementIds);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code error TOPO020 [a, b]: message}, the form the CLI prints. */
    @Override
    public String toString() {
        return severity.label() + " " + code + " " + elementIds + ": " + message;
    }
}
