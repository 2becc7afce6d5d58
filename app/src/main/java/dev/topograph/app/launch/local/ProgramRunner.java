package dev.topograph.app.launch.local;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** How a run starts a built service or gateway: as a local process, or in a container. */
interface ProgramRunner {

    /**
     * Starts {@code binary} for {@code node} with {@code env}; returns at once (the run waits for health).
     *
     * @param workDir a folder of the node's own (SQLite files live there)
     */
    Instance start(String project, PlannedNode node, Path binary, Map<String, String> env, Path workDir,
            Consumer<String> log) throws LaunchException;

    /**
     * Called once all infrastructure runs, before the first program starts: a runner may choose how
     * its programs reach the servers (containers on a network of their own, or the host's).
     */
    default void prepare(java.util.Collection<Instance> infrastructure, Consumer<String> log) {
    }

    /** {@code host:port} where a program reaches a node served by {@code target} on {@code hostPort} of this machine. */
    default String reach(Instance target, int hostPort) {
        return "127.0.0.1:" + hostPort;
    }

    /** Whether its programs share this machine's loopback (processes, containers on the host's network). */
    default boolean sharesLoopback() {
        return true;
    }

    /** Removes what the runner made for the run (a network). */
    default void close() {
    }
}
