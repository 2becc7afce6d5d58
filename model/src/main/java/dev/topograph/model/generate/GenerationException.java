package dev.topograph.model.generate;

import dev.topograph.model.validation.Diagnostic;
import java.util.List;

/** Generation refused: the design has errors, or a value is unsafe to put in generated code. */
public final class GenerationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public GenerationException(String message, List<Diagnostic> diagnostics) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public GenerationException(String message) {
        this(message, List.of());
    }

    /** The validation errors that stopped generation; empty for other refusals. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
