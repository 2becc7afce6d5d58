package dev.topograph.model.validation;

import dev.topograph.model.command.Command;
import java.util.Objects;

/** A one-click repair offered with a diagnostic: an undoable command and what it will do. */
public record QuickFix(String label, Command command) {
    public QuickFix {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(command, "command");
    }
}
