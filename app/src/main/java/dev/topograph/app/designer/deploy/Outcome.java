package dev.topograph.app.designer.deploy;

import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.launch.kubernetes.DeployReport;
import dev.topograph.app.launch.kubernetes.Drift;
import dev.topograph.app.launch.kubernetes.ObjectRef;
import dev.topograph.app.launch.kubernetes.UndeployReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deploy, drift check, re-apply or undeploy came to, in words a user can act on: a headline
 * (what happened, and where it stopped and why), the details (what is on the cluster, what was not
 * attempted, warnings, each drift), and a tone for its colour.
 */
public record Outcome(String headline, List<String> details, Tone tone) {
    /** Nothing done yet. */
    public static final Outcome NONE = new Outcome("", List.of(), Tone.MUTED);

    public Outcome {
        details = List.copyOf(details);
    }

    /** A deploy's or re-apply's report: what was applied, what failed and why, what was not attempted. */
    static Outcome ofReport(DeployReport report, String verb) {
        String where = report.deployed().target().describe();
        String project = report.deployed().project();
        List<String> details = new ArrayList<>();
        String headline;
        Tone tone;
        if (report.complete()) {
            headline = "Applied " + objects(report.applied().size()) + " of " + project + " to " + where + ".";
            tone = report.warnings().isEmpty() ? Tone.OK : Tone.WARN;
        } else {
            DeployReport.Failure f = report.failure().orElseThrow();
            String node = f.node().isEmpty() ? "" : " (" + f.node() + ")";
            headline = "The " + verb + " of " + project + " stopped "
                    + f.object().map(o -> "at " + o + node).orElse("before applying anything" + node) + ": " + f.reason();
            tone = Tone.DANGER;
            details.add(report.applied().isEmpty() ? "Nothing was applied."
                    : "Applied " + objects(report.applied().size()) + " before it (on the cluster now): "
                            + names(report.applied()) + ".");
            if (!report.notAttempted().isEmpty()) {
                details.add("Not attempted (" + report.notAttempted().size() + "): " + names(report.notAttempted()) + ".");
            }
        }
        if (!report.created().isEmpty()) {
            details.add(report.createdLine());
        }
        if (!report.removed().isEmpty()) {
            details.add("Removed " + objects(report.removed().size()) + " not in the design: "
                    + names(report.removed()) + ".");
        }
        report.warnings().forEach(w -> details.add("Warning: " + w));
        return new Outcome(headline, details, tone);
    }

    /** A drift check: each difference, or that there is none. */
    static Outcome ofDrift(List<Drift> drift) {
        if (drift.isEmpty()) {
            return new Outcome("No drift: the cluster matches the design.", List.of(), Tone.OK);
        }
        List<String> details = new ArrayList<>(drift.stream().map(Drift::describe).toList());
        details.add("Re-apply makes the cluster as designed again.");
        return new Outcome(drift.size() + (drift.size() == 1 ? " difference" : " differences")
                + " between the cluster and the design:", details, Tone.WARN);
    }

    /** An undeploy: what was deleted, and what could not be. */
    static Outcome ofUndeploy(UndeployReport report) {
        String[] all = report.describe().split("\n");
        return new Outcome(all[0], List.of(all).subList(1, all.length), report.complete() ? Tone.OK : Tone.DANGER);
    }

    /** Something refused before the cluster was asked: the first line heads, the others follow. */
    static Outcome refused(String what, String message) {
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end);
        first = first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
        List<String> rest = end < 0 ? List.of() : message.substring(end + 1).strip().lines().map(String::strip).toList();
        return new Outcome(what + ": " + first, rest, Tone.DANGER);
    }

    private static String objects(int n) {
        return n + (n == 1 ? " object" : " objects");
    }

    private static String names(List<ObjectRef> refs) {
        return String.join(", ", refs.stream().map(ObjectRef::toString).toList());
    }
}
