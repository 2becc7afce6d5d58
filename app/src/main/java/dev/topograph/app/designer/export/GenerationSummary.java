package dev.topograph.app.designer.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What generating into a folder did, file by file (paths relative to the folder), and what to
 * run next.
 */
public record GenerationSummary(Path folder, List<String> added, List<String> changed, List<String> kept,
        List<String> unchanged) {
    public GenerationSummary {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        kept = List.copyOf(kept);
        unchanged = List.copyOf(unchanged);
    }

    /** The command that builds and tests the generated system. */
    public String nextCommand() {
        return "cd " + folder + " && make build test";
    }

    /** "12 added, 3 changed, 2 kept (yours), 40 unchanged". */
    public String counts() {
        return added.size() + " added, " + changed.size() + " changed, " + kept.size() + " kept (yours), "
                + unchanged.size() + " unchanged";
    }
}
