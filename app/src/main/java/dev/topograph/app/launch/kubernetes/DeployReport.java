package dev.topograph.app.launch.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deploy (or re-apply) did, exactly: the objects applied, in order; the one that failed and why;
 * the objects not attempted after it. A deploy stops at the first failure, so together the three lists
 * name every object of the design, and nothing is half-applied without the user being told.
 *
 * @param deployed what the cluster now runs (the images of this deploy), for drift checks and re-apply
 * @param removed  objects a re-apply deleted because they carry the project's label but are not in the design
 * @param warnings things the user should know that did not stop the deploy (a Secret the pods need is missing)
 * @param created  the credentials Secrets this deploy created, with random passwords, because they were missing
 */
public record DeployReport(Deployed deployed, List<ObjectRef> applied, List<ObjectRef> removed,
        Optional<Failure> failure, List<ObjectRef> notAttempted, List<String> warnings, List<ObjectRef> created) {

    /** Why a deploy stopped; {@code object} is empty when it stopped before applying (an image build). */
    public record Failure(String node, Optional<ObjectRef> object, String reason) {
    }

    /** A design as deployed: its project, where, and the image each program runs. */
    public record Deployed(String project, DeployTarget target, Map<String, String> images) {
        public Deployed {
            images = Map.copyOf(images);
        }
    }

    public DeployReport {
        applied = List.copyOf(applied);
        removed = List.copyOf(removed);
        notAttempted = List.copyOf(notAttempted);
        warnings = List.copyOf(warnings);
        created = List.copyOf(created);
    }

    /** A report of a deploy that created no Secret. */
    public DeployReport(Deployed deployed, List<ObjectRef> applied, List<ObjectRef> removed, Optional<Failure> failure,
            List<ObjectRef> notAttempted, List<String> warnings) {
        this(deployed, applied, removed, failure, notAttempted, warnings, List.of());
    }

    /** Whether every object was applied. */
    public boolean complete() {
        return failure.isEmpty();
    }

    /** A few lines a user reads: what was applied, what failed and why, what was not attempted. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        String where = deployed.target().describe();
        if (failure.isEmpty()) {
            lines.add("Applied " + count(applied.size()) + " of " + deployed.project() + " to " + where + ".");
        } else {
            Failure f = failure.get();
            lines.add("The deploy of " + deployed.project() + " to " + where + " stopped"
                    + f.object().map(o -> " at " + o).orElse(" before applying the design's objects") + ": " + f.reason());
            lines.add(applied.isEmpty() ? "Nothing was applied."
                    : "Applied before it (these are on the cluster now): " + names(applied) + ".");
            if (!notAttempted.isEmpty()) {
                lines.add("Not attempted: " + names(notAttempted) + ".");
            }
        }
        if (!created.isEmpty()) {
            lines.add(createdLine());
        }
        if (!removed.isEmpty()) {
            lines.add("Removed (not in the design): " + names(removed) + ".");
        }
        warnings.forEach(w -> lines.add("warning: " + w));
        return String.join("\n", lines);
    }

    /** What was said of the Secrets this deploy created. */
    public String createdLine() {
        return "Created " + (created.size() == 1 ? "1 credentials Secret" : created.size() + " credentials Secrets")
                + " with random passwords: " + names(created) + " (never changed by a later deploy; undeploy keeps "
                + (created.size() == 1 ? "it" : "them") + " with the databases' data unless told to delete the data: "
                + "--delete-data, or the Undeploy question's box).";
    }

    private static String count(int n) {
        return n + (n == 1 ? " object" : " objects");
    }

    private static String names(List<ObjectRef> refs) {
        return String.join(", ", refs.stream().map(ObjectRef::toString).toList());
    }
}
