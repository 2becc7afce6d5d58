package dev.topograph.app.designer.canvas;

/**
 * What the canvas shows of a running node: its state word on a badge and a ring in the state's
 * colour, a note under the node (why it crashed, or what serves it), and the details of its tooltip.
 *
 * @param note        a line under the node, or empty
 * @param noteProblem the note says what went wrong (drawn in the danger colour)
 */
public record RunBadge(String state, Tone tone, String note, boolean noteProblem, String details) {

    /** The meaning of a state's colour. */
    public enum Tone {
        /** Waiting its turn, or stopped: greyed. */
        MUTED,
        /** Building or starting. */
        PROGRESS,
        /** Healthy. */
        OK,
        /** Running but not answering as healthy. */
        WARN,
        /** Crashed or failed. */
        DANGER
    }

    public RunBadge {
        note = note == null ? "" : note;
        details = details == null ? "" : details;
    }
}
