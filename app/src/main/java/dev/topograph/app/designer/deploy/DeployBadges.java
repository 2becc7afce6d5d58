package dev.topograph.app.designer.deploy;

import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.kubernetes.Drift;
import dev.topograph.app.launch.kubernetes.NodeRollout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the canvas shows of a deployment's nodes, on the run badges: the deployer's state while it
 * builds and applies; then the rollout ("2/3 ready" on the pill, what to do about a problem under the
 * node); a drift mark over it after a drift check.
 */
final class DeployBadges {
    private DeployBadges() {
    }

    /** A node while the deploy builds and applies it. */
    static RunBadge of(NodeStatus s) {
        List<String> details = new ArrayList<>();
        details.add(s.state().label() + (s.provider().isEmpty() ? "" : " · " + s.provider()));
        if (!s.message().isEmpty()) {
            details.add(s.message());
        }
        // a waiting node's message ("not applied: the deploy stopped at …") is the report's: the tooltip has it
        String note = s.state() == NodeState.WAITING ? "" : s.message();
        return new RunBadge(s.state().label(), RunViewModel.toneOf(s.state()), note, s.state().isTrouble(), String.join("\n", details));
    }

    /** A node's rollout: "2/3 ready" on the badge, what to do about a problem under it. */
    static RunBadge of(NodeRollout r, String where) {
        boolean troubled = r.state().isTrouble();
        String word = r.workload().isEmpty() ? r.state().label() : r.replicas();
        String note;
        boolean noteProblem = troubled;
        if (troubled) {
            note = r.message();
        } else if (r.state() == NodeState.HEALTHY) {
            note = r.restarts() > 0 ? "restarted " + times(r.restarts()) : "";
        } else if (r.state() == NodeState.STARTING) {
            note = r.lastWarning().orElse(phases(r));
            noteProblem = r.lastWarning().isPresent();
        } else {
            note = r.message();
        }
        List<String> details = new ArrayList<>();
        details.add(r.state().label() + " · Kubernetes " + where);
        if (!r.workload().isEmpty()) {
            details.add(r.workload() + ": " + r.ready() + " of " + r.desired() + " ready, " + r.updated() + " up to date");
        }
        if (!r.podPhases().isEmpty()) {
            details.add("pods: " + phases(r));
        }
        if (r.restarts() > 0) {
            details.add("restarted " + times(r.restarts()));
        }
        details.add(r.message());
        r.lastWarning().ifPresent(w -> details.add("last warning: " + w));
        return new RunBadge(word, RunViewModel.toneOf(r.state()), note, noteProblem, String.join("\n", details));
    }

    /** A node whose objects differ from the design: marked over its rollout, which the tooltip keeps. */
    static RunBadge ofDrift(List<Drift> drift, Optional<RunBadge> under) {
        boolean missing = drift.stream().anyMatch(d -> d.kind() == Drift.Kind.MISSING);
        Drift first = drift.get(0);
        // under the node there is room for a few words: the field and its values; the tooltip says it all
        String note = switch (first.kind()) {
            case CHANGED -> first.differences().isEmpty() ? first.object() + " changed"
                    : first.differences().get(0).replaceFirst("^spec\\.(template\\.spec\\.)?", "");
            case MISSING -> first.object() + " deleted from the cluster";
            case EXTRA -> "extra " + first.object() + ", not in the design";
            case SCALED -> "scaled by hand: " + first.differences().get(0).replaceFirst("^spec\\.", "");
        } + (drift.size() > 1 ? " (and " + (drift.size() - 1) + " more)" : "");
        List<String> details = new ArrayList<>();
        details.add("drift: the cluster differs from the design");
        drift.forEach(d -> details.add(d.describe()));
        under.ifPresent(b -> details.add(b.details()));
        return new RunBadge("drift", missing ? Tone.DANGER : Tone.WARN, note, true, String.join("\n", details));
    }

    /** "2 Running, 1 Pending". */
    static String phases(NodeRollout r) {
        return String.join(", ", r.podPhases().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }

    private static String times(int n) {
        return n + (n == 1 ? " time" : " times");
    }
}
