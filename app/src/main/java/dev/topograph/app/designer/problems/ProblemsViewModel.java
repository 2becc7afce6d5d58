package dev.topograph.app.designer.problems;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.Debouncer;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Validates the design as the user edits it: debounced, off the UI thread, never blocking
 * typing; results for an outdated topology are dropped.
 */
public final class ProblemsViewModel {
    private final DocumentViewModel document;
    private final TaskExecutor tasks;
    private final Debouncer debouncer;
    private final Validator validator = new Validator();
    private final ReadOnlyObjectWrapper<List<Diagnostic>> diagnostics = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<ProblemItem>> items = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyIntegerWrapper errors = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper();
    private Consumer<List<String>> reveal = ids -> { };

    public ProblemsViewModel(DocumentViewModel document, TaskExecutor tasks, long debounceMillis) {
        this.document = document;
        this.tasks = tasks;
        this.debouncer = new Debouncer(debounceMillis);
        document.topologyProperty().addListener((o, old, now) -> schedule(now));
        schedule(document.topology());
    }

    /** Where "reveal" sends the ids of a problem (the canvas selects and shows them). */
    public void onReveal(Consumer<List<String>> action) {
        this.reveal = action;
    }

    private void schedule(Topology t) {
        debouncer.submit(() -> BackgroundTask.wrap(() -> validator.validate(t))
                .onSuccess(found -> {
                    if (document.topology() == t) {
                        publish(found);
                    }
                })
                .onFailure(e -> document.tell("Validation failed: " + e.getMessage(), true))
                .executeWith(tasks));
    }

    private void publish(List<Diagnostic> found) {
        diagnostics.set(found);
        List<ProblemItem> rows = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            Diagnostic d = found.get(i);
            rows.add(new ProblemItem(i, d.isError(), d.code(), d.elementIds(), d.message(),
                    d.fix().map(f -> f.label())));
        }
        items.set(List.copyOf(rows));
        int e = (int) found.stream().filter(Diagnostic::isError).count();
        errors.set(e);
        warnings.set(found.size() - e);
    }

    /** Selects and shows the elements the problem concerns. */
    public void reveal(ProblemItem item) {
        reveal.accept(item.elementIds());
    }

    /** Applies the problem's quick fix as one undoable edit. */
    public void applyFix(ProblemItem item) {
        List<Diagnostic> current = diagnostics.get();
        if (item.index() < current.size()) {
            current.get(item.index()).fix().ifPresent(f -> document.execute(f.command()));
        }
    }

    public ReadOnlyObjectProperty<List<Diagnostic>> diagnosticsProperty() {
        return diagnostics.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<ProblemItem>> itemsProperty() {
        return items.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }
}
