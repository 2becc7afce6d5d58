package dev.topograph.app.launch.local;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.ProcessInstance;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs each service and gateway as a process of this machine. */
final class ProcessPrograms implements ProgramRunner {

    @Override
    public Instance start(String project, PlannedNode node, Path binary, Map<String, String> env, Path workDir,
            Consumer<String> log) throws LaunchException {
        try {
            Files.createDirectories(workDir);
            return ProcessInstance.start("process", List.of(binary.toString()), env, Optional.of(workDir),
                    Optional.empty(), log);
        } catch (IOException e) {
            throw new LaunchException(node.id() + ": could not start " + binary + ": " + e.getMessage(), e);
        }
    }
}
