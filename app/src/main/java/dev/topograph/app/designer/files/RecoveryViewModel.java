package dev.topograph.app.designer.files;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.files.RecoveryStore;
import dev.topograph.app.files.RecoveryStore.Recovered;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Autosave to a side recovery copy, and the offer to recover after a crash. While the design has
 * unsaved changes, its latest state is written to the {@link RecoveryStore} a few seconds after a
 * change (at most one write per interval however fast the edits come, always the newest state,
 * always off the UI thread). When the design becomes clean (saved, undone to the saved state,
 * replaced after "Don't Save", or the window closed) the copies this session wrote are removed.
 * So a copy survives only a session that ended without a word: a crash or a kill.
 *
 * <p>Nothing touches the disk before {@link #start}: a ViewModel built for a test stays in memory.
 */
public final class RecoveryViewModel {
    /** How long after a change the recovery copy is written. */
    public static final long AUTOSAVE_DELAY_MILLIS = 2000;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "topograph-autosave");
        t.setDaemon(true);
        return t;
    });

    /** What the user decides about a design found in the recovery store. */
    public enum Choice {
        /** Show it as unsaved changes of its file. */
        RECOVER,
        /** Throw it away. */
        DISCARD,
        /** Decide at a later start; the copy stays. */
        LATER
    }

    /** A design left unsaved by an earlier session, as the offer describes it. */
    public record Offer(String name, Optional<Path> file, Instant savedAt) {
    }

    private record Snapshot(Topology topology, Optional<Path> origin, long version) {
    }

    private final DocumentViewModel document;
    private final TaskExecutor tasks;
    private final RecoveryStore store;
    private final long delayMillis;

    // UI thread only.
    private boolean running;
    private long version;
    private boolean mayHaveCopies;
    private boolean failureTold;

    // Between the UI thread and the timer: the newest state waiting to be written.
    private final Object pendingLock = new Object();
    private Snapshot pending;
    private boolean scheduled;

    // Background threads only: what is on disk, and which changes it may no longer show.
    private final Object storeLock = new Object();
    private final Set<String> ownKeys = new HashSet<>();
    private long discardedUpTo = -1;

    public RecoveryViewModel(DocumentViewModel document, TaskExecutor tasks, RecoveryStore store, long delayMillis) {
        this.document = document;
        this.tasks = tasks;
        this.store = store;
        this.delayMillis = delayMillis;
        document.topologyProperty().addListener((o, old, now) -> changed());
        document.dirtyProperty().addListener((o, old, now) -> changed());
    }

    /**
     * Looks for designs an earlier session left unsaved (off the UI thread) and offers the newest
     * through {@code offer}, then starts autosaving. {@code then} runs unless the user recovered
     * (it opens the file the app was started with); {@code recovered} runs after a recovery.
     */
    public void start(Function<Offer, Choice> offer, Runnable then, Runnable recovered) {
        BackgroundTask.wrap(store::find).onSuccess(found -> {
            running = true;
            changed();
            if (found.isEmpty()) {
                then.run();
                return;
            }
            Recovered newest = found.get(0);
            String name = newest.origin().map(p -> p.getFileName().toString()).orElse(newest.topology().name());
            switch (offer.apply(new Offer(name, newest.origin(), newest.savedAt()))) {
                case RECOVER -> recover(newest, recovered);
                case DISCARD -> {
                    discard(newest.key());
                    then.run();
                }
                case LATER -> then.run();
            }
        }).onFailure(e -> {
            running = true;
            document.tell("Could not look for unsaved designs: " + e.getMessage(), true);
            then.run();
        }).executeWith(tasks);
    }

    private void recover(Recovered found, Runnable recovered) {
        BackgroundTask.wrap(() -> {
            synchronized (storeLock) {
                ownKeys.add(found.key()); // from now on this session answers for the copy
            }
            Optional<Path> origin = found.origin().filter(Files::isRegularFile);
            try {
                return origin.isPresent() ? new ProjectFile().load(origin.get()) : Topology.empty(found.topology().name());
            } catch (Exception unreadable) {
                return Topology.empty(found.topology().name());
            }
        }).onSuccess(saved -> {
            // Quiet while the document is replaced: its moment of being clean must not remove the copy.
            running = false;
            document.showUnsaved(found.topology(), found.origin(), saved);
            running = true;
            changed();
            document.tell("Recovered the unsaved changes of " + found.origin().map(p -> p.getFileName().toString())
                    .orElse("an untitled design") + "; save to keep them", false);
            recovered.run();
        }).onFailure(e -> document.tell("Could not recover: " + e.getMessage(), true)).executeWith(tasks);
    }

    private void discard(String key) {
        BackgroundTask.wrap(() -> {
            store.delete(key);
            return key;
        }).onFailure(e -> document.tell("Could not remove the recovery copy: " + e.getMessage(), true))
                .executeWith(tasks);
    }

    /**
     * Stops autosaving and removes this session's copies: the window is closing and the user has
     * saved or chosen not to. {@code then} runs once they are gone (or could not be removed).
     */
    public void close(Runnable then) {
        running = false;
        synchronized (pendingLock) {
            pending = null;
        }
        long upTo = ++version;
        mayHaveCopies = false;
        BackgroundTask.wrap(() -> {
            removeOwnCopies(upTo);
            return upTo;
        }).onSuccess(x -> then.run()).onFailure(e -> then.run()).executeWith(tasks);
    }

    private void changed() {
        if (!running) {
            return;
        }
        version++;
        if (!document.dirtyProperty().get()) {
            if (mayHaveCopies) {
                mayHaveCopies = false;
                long upTo = version;
                synchronized (pendingLock) {
                    pending = null;
                }
                BackgroundTask.wrap(() -> {
                    removeOwnCopies(upTo);
                    return upTo;
                }).onFailure(this::failed).executeWith(tasks);
            }
            return;
        }
        mayHaveCopies = true;
        boolean schedule;
        synchronized (pendingLock) {
            pending = new Snapshot(document.topology(), document.fileProperty().get(), version);
            schedule = !scheduled;
            scheduled = true;
        }
        if (!schedule) {
            return;
        }
        if (delayMillis <= 0) {
            flush();
        } else {
            TIMER.schedule(this::flush, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes the newest pending state (on the timer thread, or at once without a delay). */
    private void flush() {
        Snapshot s;
        synchronized (pendingLock) {
            s = pending;
            pending = null;
            scheduled = false;
        }
        if (s != null) {
            BackgroundTask.wrap(() -> {
                write(s);
                return s;
            }).onFailure(this::failed).executeWith(tasks);
        }
    }

    private void write(Snapshot s) throws Exception {
        synchronized (storeLock) {
            if (s.version() <= discardedUpTo) {
                return; // the design was saved or discarded after this state: it must not come back
            }
            store.write(s.topology(), s.origin());
            ownKeys.add(RecoveryStore.key(s.origin()));
        }
    }

    private void removeOwnCopies(long upTo) throws Exception {
        synchronized (storeLock) {
            discardedUpTo = Math.max(discardedUpTo, upTo);
            for (String key : Set.copyOf(ownKeys)) {
                store.delete(key);
                ownKeys.remove(key);
            }
        }
    }

    private void failed(Exception e) {
        // Once per session: autosave failing every few seconds must not drown the status line.
        if (!failureTold) {
            failureTold = true;
            document.tell("Autosave failed, unsaved changes are not protected: " + e.getMessage(), true);
        }
    }
}
