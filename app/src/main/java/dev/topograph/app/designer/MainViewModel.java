package dev.topograph.app.designer;

import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.problems.ProblemsViewModel;
import dev.topograph.app.ui.TaskExecutor;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The designer window's state: the open document and the ViewModels of the canvas and the
 * Problems panel, wired together (problems mark the canvas; "reveal" selects on it).
 */
public final class MainViewModel {
    /** How long validation waits for typing to pause. */
    public static final long VALIDATION_DEBOUNCE_MILLIS = 150;

    private final DocumentViewModel document;
    private final ProblemsViewModel problems;
    private final CanvasViewModel canvas;
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<Set<String>> reveal = new ReadOnlyObjectWrapper<>(Set.of());

    public MainViewModel(TaskExecutor tasks, long validationDebounceMillis) {
        this.document = new DocumentViewModel(tasks);
        this.problems = new ProblemsViewModel(document, tasks, validationDebounceMillis);
        this.canvas = new CanvasViewModel(document, tasks);
        problems.diagnosticsProperty().addListener((o, old, now) -> canvas.showDiagnostics(now));
        canvas.showDiagnostics(problems.diagnosticsProperty().get());
        problems.onReveal(this::revealElements);
    }

    private void revealElements(List<String> ids) {
        canvas.select(ids);
        reveal.set(Set.copyOf(ids));
    }

    public DocumentViewModel document() {
        return document;
    }

    public ProblemsViewModel problems() {
        return problems;
    }

    public CanvasViewModel canvas() {
        return canvas;
    }

    /** The dark theme is on. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /** The ids the user asked to see; the view pans the canvas to them. */
    public ReadOnlyObjectProperty<Set<String>> revealProperty() {
        return reveal.getReadOnlyProperty();
    }
}
