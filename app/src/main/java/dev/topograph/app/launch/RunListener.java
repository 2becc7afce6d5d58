package dev.topograph.app.launch;

/**
 * Hears what a run does, on the launcher's threads (never the FX thread): a ViewModel hands the
 * calls on to its UI executor, the command line prints them.
 */
public interface RunListener {

    void statusChanged(NodeStatus status);

    void logged(LogLine line);

    /** A listener that ignores everything. */
    static RunListener none() {
        return new RunListener() {
            @Override
            public void statusChanged(NodeStatus status) {
            }

            @Override
            public void logged(LogLine line) {
            }
        };
    }
}
