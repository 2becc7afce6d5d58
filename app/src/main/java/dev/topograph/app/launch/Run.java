package dev.topograph.app.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A design running on this machine. It starts on the launcher's threads as soon as it exists;
 * {@link #awaitStarted} tells how the start ended. Closing it stops everything and leaves nothing behind.
 */
public interface Run extends AutoCloseable {

    /**
     * How a start ended: every node healthy; some node crash-looping (it is being restarted) or not
     * built (a compile error) while the rest runs; or the run gave up and stopped everything
     * ({@code running} false).
     */
    record Outcome(boolean healthy, boolean running, String reason) {
        public static Outcome ok() {
            return new Outcome(true, true, "");
        }

        public static Outcome degraded(String reason) {
            return new Outcome(false, true, reason);
        }

        public static Outcome failed(String reason) {
            return new Outcome(false, false, reason);
        }
    }

    String project();

    RunSettings settings();

    /** The generated system this run built. */
    Path systemFolder();

    /** Every node's status, in start order. */
    List<NodeStatus> statuses();

    Optional<NodeStatus> status(String node);

    /** The most recent lines of a node's log (a bounded window). */
    List<LogLine> log(String node);

    /**
     * Waits until the start has ended. Crash-looping services and services that do not build do not
     * end it: the others keep running. Empty if it has not ended within {@code timeout}.
     */
    Optional<Outcome> awaitStarted(Duration timeout) throws InterruptedException;

    /**
     * Where a service's admin server answers (pprof), e.g. {@code http://127.0.0.1:18081}; empty for
     * servers and for nodes not running.
     */
    default Optional<String> adminUrl(String node) {
        return Optional.empty();
    }

    /** Stops one node and starts it again; a service or gateway is built from its sources first. */
    void restart(String node);

    /**
     * Builds a service or gateway from the sources on disk and, when its binary changed, replaces the
     * running one with it (same ports); nothing for infrastructure. The build comes first: after a
     * build error the previous build keeps running and the node's message carries the error. A run
     * does this by itself when it watches its sources ({@link RunSettings#watchSources}).
     */
    void rebuild(String node);

    /** Stops every node in reverse start order and removes what the run made; waits until done. */
    void stop();

    /** Whether {@link #stop} has finished. */
    boolean isStopped();

    @Override
    default void close() {
        stop();
    }
}
