package dev.topograph.app.launch.kubernetes;

import java.util.List;

/**
 * One way the cluster differs from the design: an object changed by hand (replicas, an image), one
 * deleted, or one that carries the project's label but is not in the design.
 *
 * @param differences for a changed object, each field that differs: "spec.replicas: 3 on the cluster, 1 in the design"
 */
public record Drift(String node, ObjectRef object, Kind kind, List<String> differences) {

    /** How an object drifted. */
    public enum Kind {
        /** Differs from the design in a field the design sets. */
        CHANGED,
        /** In the design, not on the cluster. */
        MISSING,
        /** On the cluster with the project's label, not in the design. */
        EXTRA,
        /**
         * A workload whose count the design leaves to its autoscaler was scaled by another hand
         * ({@code kubectl scale}); the differences say the count, the autoscaler's last and its range.
         */
        SCALED
    }

    public Drift {
        differences = List.copyOf(differences);
    }

    /** One line a user reads on the node or in the terminal. */
    public String describe() {
        return switch (kind) {
            case CHANGED -> object + " was changed on the cluster: " + String.join("; ", differences);
            case MISSING -> object + " is missing from the cluster";
            case EXTRA -> object + " carries the project's label but is not in the design";
            case SCALED -> object + " was scaled by hand: " + String.join("; ", differences);
        };
    }
}
