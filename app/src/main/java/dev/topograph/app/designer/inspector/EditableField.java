package dev.topograph.app.designer.inspector;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One value the inspector edits as text: what the user typed, the value the design holds, and
 * why the last commit was refused. A refused commit keeps the typed text so the user can fix it.
 */
public final class EditableField {
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper applies = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper("");
    private final Function<String, Optional<String>> apply;
    private String value = "";

    /** {@code apply} turns typed text into an edit, or returns why it cannot. */
    EditableField(Function<String, Optional<String>> apply) {
        this.apply = Objects.requireNonNull(apply, "apply");
    }

    /** What the field shows: the design's value, or what the user is typing. */
    public StringProperty textProperty() {
        return text;
    }

    /** Why the typed text was refused; empty while the field is valid. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    /** Whether the selected element has this property at all. */
    public ReadOnlyBooleanProperty appliesProperty() {
        return applies.getReadOnlyProperty();
    }

    /** A hint shown while the field is empty. */
    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** The value the design holds. */
    public String value() {
        return value;
    }

    /**
     * Applies the typed text (Enter or focus loss) as one edit. Unchanged text does nothing;
     * refused text stays in the field with the reason. Returns whether the design holds it now.
     */
    public boolean commit() {
        String typed = text.get() == null ? "" : text.get().strip();
        if (typed.equals(value)) {
            text.set(value);
            error.set("");
            return true;
        }
        Optional<String> refusal = apply.apply(typed);
        if (refusal.isPresent()) {
            error.set(refusal.get());
            return false;
        }
        error.set("");
        // The design may hold the value in its own spelling (a port typed as 08081 is 8081).
        text.set(value);
        return true;
    }

    /** Whether the field holds typing that is not (yet) the design's value. */
    public boolean isEdited() {
        return !(text.get() == null ? "" : text.get().strip()).equals(value);
    }

    /** Drops what the user typed and shows the design's value again (Escape). */
    public void revert() {
        text.set(value);
        error.set("");
    }

    /**
     * Shows the design's value. Typing in progress survives a refresh that leaves this value as
     * it was, unless {@code fresh} says another element is now shown.
     */
    void show(String designValue, boolean fresh) {
        if (fresh || !designValue.equals(value)) {
            value = designValue;
            text.set(designValue);
            error.set("");
        }
    }

    void setApplies(boolean on) {
        applies.set(on);
    }

    void setPrompt(String hint) {
        prompt.set(hint);
    }
}
