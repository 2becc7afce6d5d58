package dev.topograph.model.command;

import dev.topograph.model.topology.Topology;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one place a topology changes: execute, undo and redo, and whether the document differs
 * from what was last saved. Not thread-safe; the designer uses it from one thread.
 */
public final class CommandStack {
    /** How many edits can be undone; older ones are forgotten. */
    public static final int HISTORY_LIMIT = 1000;

    private record Step(Command command, Topology before, Topology after) {
    }

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final List<Consumer<Topology>> listeners = new CopyOnWriteArrayList<>();
    private Topology current;
    private Topology saved;

    public CommandStack(Topology initial) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.saved = initial;
    }

    public Topology current() {
        return current;
    }

    /** Applies the command; a refused command changes nothing and rethrows. */
    public Topology execute(Command command) {
        Topology before = current;
        Topology after = command.execute(before);
        if (after.equals(before)) {
            return current;
        }
        undo.push(new Step(command, before, after));
        if (undo.size() > HISTORY_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        return set(after);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** The description of the edit Undo would revert. */
    public Optional<String> undoDescription() {
        return Optional.ofNullable(undo.peek()).map(s -> s.command().description());
    }

    /** The description of the edit Redo would reapply. */
    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(s -> s.command().description());
    }

    public Topology undo() {
        Step step = undo.poll();
        if (step == null) {
            return current;
        }
        redo.push(step);
        return set(step.before());
    }

    public Topology redo() {
        Step step = redo.poll();
        if (step == null) {
            return current;
        }
        undo.push(step);
        return set(step.after());
    }

    /** Records that the current topology is what the file on disk holds. */
    public void markSaved() {
        saved = current;
    }

    /** Whether the topology differs from the one last saved or loaded. */
    public boolean isDirty() {
        return !current.equals(saved);
    }

    /** Called with the new topology after every execute, undo and redo. */
    public void addListener(Consumer<Topology> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Topology> listener) {
        listeners.remove(listener);
    }

    private Topology set(Topology next) {
        current = next;
        listeners.forEach(l -> l.accept(next));
        return next;
    }
}
