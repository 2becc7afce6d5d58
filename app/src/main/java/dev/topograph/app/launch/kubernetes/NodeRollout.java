package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How one node's rollout stands: replicas desired, ready and up to date, its pods by phase, their
 * restarts, the state in the launchers' words, and what a user should do when something is wrong.
 *
 * @param workload    "Deployment/orders", "StatefulSet/orders-db", or empty when nothing of the node is on the cluster
 * @param podPhases   pod count by phase ("Running" 2, "Pending" 1), in phase order
 * @param lastWarning the newest warning event about the node's objects ("FailedScheduling: 0/3 nodes …"), if any
 */
public record NodeRollout(String node, String workload, int desired, int ready, int updated,
        Map<String, Integer> podPhases, int restarts, NodeState state, String message, Optional<String> lastWarning) {

    public NodeRollout {
        podPhases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(podPhases));
    }

    /** The node's status for a launcher's listener: the same states and message a local run shows. */
    public NodeStatus status(String provider) {
        return new NodeStatus(node, state, provider, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), restarts, message, Instant.now());
    }

    /** "2/3 ready". */
    public String replicas() {
        return ready + "/" + desired + " ready";
    }
}
