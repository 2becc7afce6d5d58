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

    /** The host a program uses to reach {@code target}, which listens on {@code port} of this machine. */
    default String hostOf(String target) {
        return "127.0.0.1";
    }
}
