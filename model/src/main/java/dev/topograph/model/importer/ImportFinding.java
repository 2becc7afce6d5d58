package dev.topograph.model.importer;

import java.util.Objects;

/**
 * Something an import could not decide, or decided and must say: a workload it could not
 * classify, a reference it could not resolve, a value it had to change. {@code line} is 1-based;
 * 0 when the problem has no line (an unreadable file).
 */
public record ImportFinding(Kind kind, String source, int line, String subject, String message) {

    /** What sort of finding this is; the report groups by it. */
    public enum Kind {
        /** The file, or part of it, cannot be read: nothing or less was imported. */
        UNREADABLE("unreadable"),
        /** A workload whose kind could not be told: left out of the design. */
        UNCLASSIFIED("unclassified"),
        /** A reference whose target or edge kind could not be told: no edge drawn. */
        UNRESOLVED("unresolved"),
        /** A value the design could not take as written, and what it took instead. */
        ADJUSTED("adjusted");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ImportFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line} (or the file alone when there is no line), as editors and terminals link it. */
    public String where() {
        return line > 0 ? source + ":" + line : source;
    }

    /** One line for a terminal: {@code compose.yaml:12: unresolved: cart: ...}. */
    public String describe() {
        return where() + ": " + kind.label() + ": " + (subject.isEmpty() ? "" : subject + ": ") + message;
    }
}
