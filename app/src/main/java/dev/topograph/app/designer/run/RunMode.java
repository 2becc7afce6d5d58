package dev.topograph.app.designer.run;

/** How Run starts the design: each service a local process, or each in a Docker container. */
public enum RunMode {
    PROCESSES("Processes"),
    DOCKER("Docker");

    private final String label;

    RunMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
