package dev.topograph.app.designer.deploy;

import dev.topograph.app.designer.canvas.RunBadge.Tone;

/**
 * One node's line in the Deployment panel: its state, ready/desired replicas, pods by phase,
 * restarts, what to do when something is wrong, and how it drifted from the design.
 *
 * @param ready "2/3", or empty before the node's workload is on the cluster
 * @param pods  "2 Running, 1 Pending", or empty
 * @param drift how the node's objects differ from the design, or empty
 */
public record RolloutRow(String node, String state, Tone tone, String ready, String pods, int restarts,
        String message, String drift) {
}
