package dev.topograph.app.designer.export;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What generating into a code folder did, file by file (paths relative to the folder), with what
 * needs the user's attention first, and what to run next.
 *
 * @param unchanged how many files were already as the design wants them
 * @param movedInto the design file in the code folder, when this generation put the design there
 *                  (the window edits it from now on)
 * @param unsaved   the design has changes its file in the code folder does not hold yet
 */
public record GenerationSummary(Path folder, List<Line> lines, int unchanged, Optional<Path> movedInto,
        boolean unsaved) {

    /** What happened to a file; the ones that need the user's attention come first. */
    public enum Change {
        ORPHANED("orphaned", true),
        TO_CHECK("to check", true),
        COPY_KEPT("copy kept", true),
        ADDED("added", false),
        CHANGED("changed", false),
        REMOVED("removed", false),
        KEPT("kept", false);

        private final String label;
        private final boolean attention;

        Change(String label, boolean attention) {
            this.label = label;
            this.attention = attention;
        }

        /** The word the list shows ("copy kept"). */
        public String label() {
            return label;
        }

        /** The user should look at this file. */
        public boolean needsAttention() {
            return attention;
        }
    }

    /** One file: what happened to it, and for some, why or what to do. */
    public record Line(Change change, String path, String note) {
        /** "orphaned  services/…/on_paid.go — advice". */
        public String text() {
            return String.format("%-10s%s", change.label(), path) + (note.isEmpty() ? "" : " — " + note);
        }
    }

    public GenerationSummary {
        lines = lines.stream().sorted(Comparator.comparing(Line::change)).toList();
    }

    /** The paths of the files a change happened to, in order. */
    public List<String> paths(Change change) {
        return lines.stream().filter(l -> l.change() == change).map(Line::path).toList();
    }

    /**
     * Some file needs the user's attention (a user file the design no longer uses, or now means for
     * something else; a copy kept).
     */
    public boolean needsAttention() {
        return lines.stream().anyMatch(l -> l.change().needsAttention());
    }

    /** The command that builds and tests the generated system. */
    public String nextCommand() {
        return "cd " + folder + " && make build test";
    }

    /** "12 added, 3 changed, 0 removed, 2 kept (yours), 1 orphaned, 40 unchanged, 1 copy kept, 1 to check". */
    public String counts() {
        int copies = paths(Change.COPY_KEPT).size();
        int toCheck = paths(Change.TO_CHECK).size();
        return paths(Change.ADDED).size() + " added, " + paths(Change.CHANGED).size() + " changed, "
                + paths(Change.REMOVED).size() + " removed, " + (paths(Change.KEPT).size() + toCheck)
                + " kept (yours), " + paths(Change.ORPHANED).size() + " orphaned, " + unchanged + " unchanged"
                + (copies == 0 ? "" : ", " + copies + (copies == 1 ? " copy kept" : " copies kept"))
                + (toCheck == 0 ? "" : ", " + toCheck + " to check");
    }
}
