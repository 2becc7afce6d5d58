package dev.topograph.app.launch.docker;

/**
 * A Docker engine call that failed, with a message a user can act on: which engine, what was
 * being done, and the engine's own words (or that it did not answer in time).
 */
public final class DockerEngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DockerEngineException(String message) {
        super(message);
    }

    public DockerEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
