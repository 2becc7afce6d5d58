package dev.topograph.model.topology;

/** The range of TCP ports a node may listen on. */
public final class Ports {
    public static final int MIN = 1;
    public static final int MAX = 65535;

    private Ports() {
    }

    static void require(int port) {
        if (port < MIN || port > MAX) {
            throw new IllegalArgumentException("port must be between " + MIN + " and " + MAX + ", was " + port);
        }
    }
}
