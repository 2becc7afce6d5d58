package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.RunListener;

/** Hears a rollout watch, on the watcher's thread (never the FX thread): a ViewModel hands calls on to its UI executor. */
public interface RolloutListener {

    /** A node's rollout changed (and once for every node at the first look). */
    void rolloutChanged(NodeRollout rollout);

    /** The cluster could not be asked this time; the watch goes on and says when it recovers. */
    default void watchFailed(String reason) {
    }

    /** Passes each change on as a node status, the way local runs report. */
    static RolloutListener forwardingTo(RunListener listener, String provider) {
        return rollout -> listener.statusChanged(rollout.status(provider));
    }
}
