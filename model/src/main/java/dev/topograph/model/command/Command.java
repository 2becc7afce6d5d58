package dev.topograph.model.command;

import dev.topograph.model.topology.Topology;

/**
 * One edit of a topology. Topologies are immutable, so a command only computes the next value;
 * the {@link CommandStack} keeps the value before it, which makes every command undoable.
 */
public interface Command {

    /** What the edit does, in the user's words: shown in Edit ▸ Undo "…". */
    String description();

    /**
     * The topology after the edit.
     *
     * @throws EditRefusedException when the edit does not apply (a node that is gone, an id taken)
     */
    Topology execute(Topology before);
}
