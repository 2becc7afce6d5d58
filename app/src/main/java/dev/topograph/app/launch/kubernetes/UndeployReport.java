package dev.topograph.app.launch.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * What an undeploy removed: every object with the project's label, by kind, and the kinds it could
 * not list or delete (with why), so a partial teardown is never mistaken for a whole one.
 *
 * @param kept the databases' data and the passwords that open it (volume claims, Secrets), left because
 *             the user did not ask to delete the data
 */
public record UndeployReport(String project, String where, List<ObjectRef> deleted, List<String> failures,
        List<ObjectRef> kept) {

    public UndeployReport {
        deleted = List.copyOf(deleted);
        failures = List.copyOf(failures);
        kept = List.copyOf(kept);
    }

    /** A report of an undeploy that kept nothing. */
    public UndeployReport(String project, String where, List<ObjectRef> deleted, List<String> failures) {
        this(project, where, deleted, failures, List.of());
    }

    public boolean complete() {
        return failures.isEmpty();
    }

    public String describe() {
        List<String> lines = new ArrayList<>();
        lines.add(deleted.isEmpty() ? "Nothing of " + project + " was left in " + where + "."
                : "Deleted " + deleted.size() + (deleted.size() == 1 ? " object" : " objects") + " of " + project
                        + " from " + where + ": " + String.join(", ", deleted.stream().map(ObjectRef::toString).toList()) + ".");
        if (!kept.isEmpty()) {
            lines.add("Kept the databases' data and passwords (" + kept.size() + (kept.size() == 1 ? " object" : " objects")
                    + ": " + String.join(", ", kept.stream().map(ObjectRef::toString).toList()) + "): a later deploy "
                    + "finds them again; undeploy --delete-data removes them too.");
        }
        failures.forEach(f -> lines.add("not deleted: " + f));
        return String.join("\n", lines);
    }
}
