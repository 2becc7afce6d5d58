package dev.topograph.app.designer.files;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.files.ShortPath;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window's note of where the design's code lives (DESIGN.md §4): the code folder, shortened,
 * with the full path as its tooltip, or that there is none yet and what makes one; and what can be
 * done with it: open it in the file manager or a terminal, copy its path. Failures are told in the
 * status line.
 */
public final class CodeFolderViewModel {
    /** What the control says while the design has no code folder. */
    public static final String NONE = "No code folder yet";
    /** The tooltip while the design has no code folder. */
    public static final String HINT = "Generate or Run ▶ makes one: a folder with the design's Go code, "
            + "the design file beside it";

    private final DocumentViewModel document;
    private final TaskExecutor tasks;
    private final FolderOpener opener;
    private final Function<Path, String> shorten;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper tooltip = new ReadOnlyStringWrapper(HINT);
    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper();

    public CodeFolderViewModel(DocumentViewModel document, TaskExecutor tasks, FolderOpener opener) {
        this(document, tasks, opener, ShortPath::of);
    }

    /** A control that shortens paths with {@code shorten} (tests fix the home folder). */
    CodeFolderViewModel(DocumentViewModel document, TaskExecutor tasks, FolderOpener opener,
            Function<Path, String> shorten) {
        this.document = document;
        this.tasks = tasks;
        this.opener = opener;
        this.shorten = shorten;
        document.codeFolderProperty().addListener((o, old, now) -> show(now));
        show(document.codeFolderProperty().get());
    }

    /** The shortened code folder, or {@value #NONE}. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The code folder's full path, or how to get one. */
    public ReadOnlyStringProperty tooltipProperty() {
        return tooltip.getReadOnlyProperty();
    }

    /** The design has a code folder (its actions are possible). */
    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    /** The code folder's full path, for the clipboard. */
    public Optional<String> path() {
        return document.codeFolderProperty().get().map(Path::toString);
    }

    /** Shows the code folder in the file manager. */
    public void openInFileManager() {
        document.codeFolderProperty().get().ifPresent(folder -> BackgroundTask.wrap(() -> {
            opener.openInFileManager(folder);
            return folder;
        }).onSuccess(f -> document.tell("Opened " + shorten.apply(f) + " in the file manager", false))
                .onFailure(e -> document.tell("Cannot open the code folder: " + e.getMessage(), true))
                .executeWith(tasks));
    }

    /** Opens a terminal in the code folder. */
    public void openTerminal() {
        document.codeFolderProperty().get().ifPresent(folder -> BackgroundTask.wrap(() -> {
            opener.openTerminal(folder);
            return folder;
        }).onSuccess(f -> document.tell("Opened a terminal in " + shorten.apply(f), false))
                .onFailure(e -> document.tell("Cannot open a terminal: " + e.getMessage(), true))
                .executeWith(tasks));
    }

    /** The view put the path on the clipboard: the status line says so. */
    public void copied() {
        path().ifPresent(p -> document.tell("Copied " + p, false));
    }

    private void show(Optional<Path> folder) {
        present.set(folder.isPresent());
        text.set(folder.map(shorten).orElse(NONE));
        tooltip.set(folder.map(f -> "The design's code folder: " + f).orElse(HINT));
    }
}
