package dev.topograph.app.launch.kubernetes;

/** A cluster could not be reached or refused what was asked; the message says which cluster, what and why. */
public final class ClusterException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
