package dev.topograph.app.designer.document;

import dev.topograph.app.files.ShortPath;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.command.Command;
import dev.topograph.model.command.CommandStack;
import dev.topograph.model.command.EditRefusedException;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The open design: its topology, the one command stack every edit goes through, the file it
 * came from, and whether it has unsaved changes. Other ViewModels read the topology from here
 * and change it only by {@link #execute}.
 */
public final class DocumentViewModel {
    private final TaskExecutor tasks;
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Optional<Path>> file = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Topograph");
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Optional<Path>> codeFolder = new ReadOnlyObjectWrapper<>(Optional.empty());
    private CommandStack stack;

    public DocumentViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
        file.addListener((o, old, now) -> refreshCodeFolder());
        replace(Topology.empty("untitled"), Optional.empty());
    }

    /** A message for the user: what happened, and whether it is a problem. */
    public record Notice(String text, boolean problem) {
    }

    /** Applies an edit; a refused edit changes nothing and says why. */
    public boolean execute(Command command) {
        try {
            stack.execute(command);
            return true;
        } catch (EditRefusedException e) {
            notice.set(new Notice(e.getMessage(), true));
            return false;
        }
    }

    public void undo() {
        stack.undo();
    }

    public void redo() {
        stack.redo();
    }

    /** Starts an empty design. */
    public void newDocument() {
        replace(Topology.empty("untitled"), Optional.empty());
    }

    /** Shows a topology that is not (yet) a file, for example a recovered one. */
    public void show(Topology t, Optional<Path> origin, boolean unsaved) {
        if (unsaved) {
            showUnsaved(t, origin, Topology.empty(t.name()));
        } else {
            replace(t, origin);
        }
    }

    /**
     * Shows recovered content as unsaved changes of {@code origin}, on top of {@code saved} (what
     * the file holds), so that undo goes back to the saved design.
     */
    public void showUnsaved(Topology t, Optional<Path> origin, Topology saved) {
        replace(saved, origin);
        stack.execute(dev.topograph.model.command.Edits.of("Recover unsaved changes", x -> t));
    }

    /** Reads a file off the UI thread; a broken file leaves the current design as it was. */
    public void open(Path path, Consumer<String> onError) {
        BackgroundTask.wrap(() -> new ProjectFile().load(path))
                .onSuccess(t -> {
                    replace(t, Optional.of(path.toAbsolutePath()));
                    notice.set(new Notice("Opened " + path.getFileName(), false));
                })
                .onFailure(e -> onError.accept(e.getMessage()))
                .executeWith(tasks);
    }

    /** Saves to the current file, or asks where through {@code saveAs} when there is none. */
    public void save(Path path, Runnable onSaved, Consumer<String> onError) {
        Topology snapshot = stack.current();
        BackgroundTask.wrap(() -> {
            new ProjectFile().save(snapshot, path);
            return path;
        }).onSuccess(saved -> {
            if (stack.current() == snapshot) {
                stack.markSaved();
            }
            file.set(Optional.of(saved.toAbsolutePath()));
            refreshFlags();
            notice.set(new Notice("Saved " + saved.getFileName(), false));
            onSaved.run();
        }).onFailure(e -> onError.accept(e.getMessage())).executeWith(tasks);
    }

    /**
     * The design's code folder (DESIGN.md §4): the folder of its file when Topograph generated its
     * code there; empty for a design that has none yet (Run ▶ and Generate offer to make one).
     */
    public ReadOnlyObjectProperty<Optional<Path>> codeFolderProperty() {
        return codeFolder.getReadOnlyProperty();
    }

    /** Looks again whether the design's folder is its code folder (after a generation made it one). */
    public void refreshCodeFolder() {
        Optional<Path> of = file.get();
        // It looks at the disk: off the UI thread, and only for the file still open when it is done.
        BackgroundTask.wrap(() -> of.flatMap(CodeFolder::of).map(CodeFolder::root))
                .onSuccess(found -> {
                    if (file.get().equals(of)) {
                        codeFolder.set(found);
                        refreshFlags();
                    }
                })
                .executeWith(tasks);
    }

    /**
     * The design was written to {@code designFile} in its new code folder together with its code:
     * that file is the document's from now on, saved as far as {@code written} goes.
     */
    public void movedInto(Path designFile, Topology written) {
        if (stack.current() == written) {
            stack.markSaved();
        }
        file.set(Optional.of(designFile.toAbsolutePath().normalize()));
        refreshCodeFolder();
        refreshFlags();
        notice.set(new Notice("The design lives with its code now: " + designFile, false));
    }

    /** The file name a first save proposes: the design's name. */
    public String suggestedFileName() {
        return stack.current().name() + ProjectFile.SUFFIX;
    }

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    public Topology topology() {
        return topology.get();
    }

    /** Counts the designs this document has shown (new, opened, recovered): another one is a switch. */
    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<Path>> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The latest message for the user (status bar or notification). */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void tell(String text, boolean problem) {
        notice.set(new Notice(text, problem));
    }

    private void replace(Topology t, Optional<Path> origin) {
        shown.set(shown.get() + 1);
        stack = new CommandStack(t);
        stack.addListener(this::changed);
        changed(t);
        // After the topology, so listeners of the file (fit to view) see the new drawing.
        file.set(origin);
        refreshFlags();
    }

    private void changed(Topology t) {
        // The next action's message replaces the last one's: an edit, an undo or another design
        // leaves no "Opened …" or refusal standing from before it.
        notice.set(null);
        topology.set(t);
        refreshFlags();
    }

    private void refreshFlags() {
        dirty.set(stack.isDirty());
        canUndo.set(stack.canUndo());
        canRedo.set(stack.canRedo());
        undoText.set(stack.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
        redoText.set(stack.redoDescription().map(d -> "Redo " + d).orElse("Redo"));
        String name = file.get().map(p -> p.getFileName().toString()).orElse(topology.get().name());
        // A design in its code folder is named with the folder: its name alone is in every copy of it.
        String where = codeFolder.get().map(f -> " (" + ShortPath.of(f) + ")").orElse("");
        title.set((dirty.get() ? "• " : "") + name + where + " — Topograph");
    }
}
