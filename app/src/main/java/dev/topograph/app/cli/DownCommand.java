package dev.topograph.app.cli;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.Processes;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.local.DockerSupport;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph down FILE}: stops a detached run, or removes what a killed one left. */
@Command(name = "down",
        description = "Stop a design started with `up --detach`, or remove what a killed run left behind.%n"
                + "Exit codes: 0 stopped (or nothing was running), 1 it could not be stopped, 2 unusable input.",
        mixinStandardHelpOptions = true)
final class DownCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Topology> loaded = Designs.load(file, err);
        if (loaded.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Topology topology = loaded.get();
        RunHome home = RunHome.of(UserDirectories.fromSystem());
        String project = RunHome.key(topology.name());
        Optional<ProcessHandle> running = Designs.running(topology)
                .flatMap(r -> Processes.find(r.launcherPid(), r.launcherStart()));
        if (running.isPresent()) {
            ProcessHandle launcher = running.get();
            out.println("stopping " + topology.name() + " (launcher pid " + launcher.pid() + ")…");
            out.flush();
            // The launcher's shutdown hook stops every node in reverse order; give it time to.
            if (!Processes.stop(launcher, Duration.ofSeconds(90))) {
                err.println("topograph down: the launcher (pid " + launcher.pid() + ") did not stop");
                return 1;
            }
        }
        Leftovers leftovers = new Leftovers(home, DockerSupport.connect().containers());
        Optional<Leftovers.Found> found = leftovers.of(project);
        if (found.isPresent() && !found.get().isEmpty()) {
            out.println("removing what was left: " + found.get().describe());
        }
        found.ifPresent(leftovers::clean);
        out.println(topology.name() + " is stopped.");
        return 0;
    }
}
