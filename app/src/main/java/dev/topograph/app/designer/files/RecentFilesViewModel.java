package dev.topograph.app.designer.files;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.files.RecentFiles;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * File ▸ Open Recent: every design the user opens or saves goes to the top of the list, which is
 * kept per user; designs that no longer exist drop out when the list is read. The list is read
 * and written off the UI thread, and only after {@link #start}, so a test's ViewModel never
 * touches the user's settings.
 */
public final class RecentFilesViewModel {
    private final RecentFiles recent;
    private final TaskExecutor tasks;
    private final ReadOnlyObjectWrapper<List<Path>> files = new ReadOnlyObjectWrapper<>(List.of());
    private boolean started;

    public RecentFilesViewModel(DocumentViewModel document, TaskExecutor tasks, RecentFiles recent) {
        this.recent = recent;
        this.tasks = tasks;
        document.fileProperty().addListener((o, old, now) -> now.ifPresent(p -> publish(recent.add(p))));
        document.fileProperty().get().ifPresent(p -> files.set(recent.add(p)));
    }

    /** Reads the stored list (and from then on keeps it stored). */
    public void start() {
        started = true;
        BackgroundTask.wrap(recent::load).onSuccess(files::set).executeWith(tasks);
    }

    /** The recent designs, newest first. */
    public ReadOnlyObjectProperty<List<Path>> filesProperty() {
        return files.getReadOnlyProperty();
    }

    /** Forgets a design that could not be opened. */
    public void forget(Path file) {
        publish(recent.remove(file));
    }

    /** Empties the list. */
    public void clear() {
        publish(recent.clear());
    }

    private void publish(List<Path> now) {
        files.set(now);
        if (started) {
            BackgroundTask.wrap(() -> {
                recent.store();
                return now;
            }).executeWith(tasks);
        }
    }
}
