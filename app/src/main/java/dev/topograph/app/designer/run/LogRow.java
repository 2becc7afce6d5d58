package dev.topograph.app.designer.run;

/** One line of the Logs panel: when, what, and whether the launcher wrote it rather than the node. */
public record LogRow(String time, String text, boolean fromLauncher) {

    @Override
    public String toString() {
        return time + "  " + text;
    }
}
