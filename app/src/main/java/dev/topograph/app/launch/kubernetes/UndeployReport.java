package dev.topograph.app.launch.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * What an undeploy removed: every object with the project's label, by kind, and the kinds it could
 * not list or delete (with why), so a partial teardown is never mistaken for a whole one.
 */
public record UndeployReport(String project, String where, List<ObjectRef> deleted, List<String> failures) {

    public UndeployReport {
        deleted = List.copyOf(deleted);
        failures = List.copyOf(failures);
    }

    public boolean complete() {
        return failures.isEmpty();
    }

    public String describe() {
        List<String> lines = new ArrayList<>();
        lines.add(deleted.isEmpty() ? "Nothing of " + project + " was left in " + where + "."
                : "Deleted " + deleted.size() + (deleted.size() == 1 ? " object" : " objects") + " of " + project
                        + " from " + where + ": " + String.join(", ", deleted.stream().map(ObjectRef::toString).toList()) + ".");
        failures.forEach(f -> lines.add("not deleted: " + f));
        return String.join("\n", lines);
    }
}
