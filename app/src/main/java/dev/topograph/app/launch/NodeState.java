package dev.topograph.app.launch;

/**
 * Where a running node is in its life cycle, the same in every launch mode. {@link #WAITING} is a
 * node whose turn has not come; {@link #FAILED} one that could not be started at all (a build error,
 * a port in use, never healthy), as opposed to {@link #CRASHED}, one that ran and died.
 */
public enum NodeState {
    WAITING, BUILDING, STARTING, HEALTHY, UNHEALTHY, CRASHED, FAILED, STOPPED;

    /** The word a user reads on the node and in the terminal. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether something is wrong with the node that a user should look at. */
    public boolean isTrouble() {
        return this == CRASHED || this == FAILED || this == UNHEALTHY;
    }

    /** Whether the node runs (or is about to) as far as the launcher knows. */
    public boolean isLive() {
        return this == STARTING || this == HEALTHY || this == UNHEALTHY;
    }
}
