package dev.topograph.app.designer.run;

/**
 * Whose lines the Logs panel shows: a node of the run, or the run itself (what the launcher says
 * of no node in particular: leftovers removed, why the run stopped).
 */
public record LogSource(String node, String label) {
    /** The launcher's own lines. */
    public static final LogSource RUN = new LogSource("", "run");

    public static LogSource of(String node) {
        return node.isEmpty() ? RUN : new LogSource(node, node);
    }

    @Override
    public String toString() {
        return label;
    }
}
