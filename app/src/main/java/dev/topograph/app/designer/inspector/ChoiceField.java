package dev.topograph.app.designer.inspector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One value the inspector edits by picking from a list. Picking a choice applies it at once as
 * one edit; a refused pick stays shown with the reason, like refused text in an {@link EditableField}.
 */
public final class ChoiceField {
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ObservableList<Choice> readOnlyChoices = FXCollections.unmodifiableObservableList(choices);
    private final ObjectProperty<Choice> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper applies = new ReadOnlyBooleanWrapper(false);
    private final Function<String, Optional<String>> apply;
    private String value = "";
    private boolean showing;

    /** {@code apply} turns a picked value into an edit, or returns why it cannot. */
    ChoiceField(Function<String, Optional<String>> apply) {
        this.apply = Objects.requireNonNull(apply, "apply");
        selected.addListener((o, old, now) -> {
            if (!showing && now != null) {
                choose(now.value());
            }
        });
    }

    /** The values the user may pick, in the order shown. */
    public ObservableList<Choice> choices() {
        return readOnlyChoices;
    }

    /** The picked choice; a combo box binds to it both ways. */
    public ObjectProperty<Choice> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    public ReadOnlyBooleanProperty appliesProperty() {
        return applies.getReadOnlyProperty();
    }

    /** The value the design holds. */
    public String value() {
        return value;
    }

    /** Picks the choice with this value, as the user would; returns whether the design holds it now. */
    public boolean choose(String picked) {
        if (picked.equals(value)) {
            error.set("");
            return true;
        }
        if (selected.get() == null || !selected.get().value().equals(picked)) {
            choices.stream().filter(c -> c.value().equals(picked)).findFirst().ifPresent(this::select);
        }
        Optional<String> refusal = apply.apply(picked);
        error.set(refusal.orElse(""));
        return refusal.isEmpty();
    }

    private void select(Choice c) {
        showing = true;
        try {
            selected.set(c);
        } finally {
            showing = false;
        }
    }

    /** Shows the design's value among the options; a refused pick survives unless {@code fresh}. */
    void show(List<Choice> options, String designValue, boolean fresh) {
        boolean changed = !choices.equals(options);
        if (!fresh && !changed && designValue.equals(value)) {
            return;
        }
        showing = true;
        try {
            if (changed) {
                choices.setAll(options);
            }
            value = designValue;
            selected.set(options.stream().filter(c -> c.value().equals(designValue)).findFirst().orElse(null));
            error.set("");
        } finally {
            showing = false;
        }
    }

    void setApplies(boolean on) {
        applies.set(on);
    }
}
