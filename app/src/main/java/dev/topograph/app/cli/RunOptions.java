package dev.topograph.app.cli;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code topograph up} that shape a run, shared with the detached launcher it spawns. */
final class RunOptions {

    enum ModeOption { process, docker }

    enum NetworkOption { bridge, host }

    enum ProviderOption { docker, binary, jvm, embedded }

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "process",
            description = "process (default: local processes) or docker (containers built FROM scratch).")
    ModeOption mode;

    @Option(names = "--network", paramLabel = "NET", defaultValue = "bridge",
            description = "Docker mode: bridge (a network of the project, default) or host.")
    NetworkOption network;

    @Option(names = "--free-ports", description = "Listen on free ports instead of the design's (run two designs side by side).")
    boolean freePorts;

    @Option(names = "--infra", paramLabel = "LIST", split = ",", defaultValue = "docker,binary,jvm,embedded",
            description = "Who may serve queues, caches and databases, in order: docker,binary,jvm,embedded (default all;"
                    + " jvm: a real Kafka broker from the jars the app carries).")
    List<ProviderOption> infra;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Build the code in DIR, regenerated in place (default: the design's code folder).")
    Path out;

    @Option(names = "--scratch",
            description = "Run the bare design: generated afresh into a throwaway folder, none of your code.")
    boolean scratch;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long each node may take to become healthy (default 60).")
    int timeoutSeconds;

    @Option(names = "--no-watch", description = "Do not rebuild and restart a service when one of its source files is saved.")
    boolean noWatch;

    /** The settings of a run that builds {@code codeFolder}, or, empty, a scratch run. */
    RunSettings settings(java.util.Optional<Path> codeFolder) {
        List<RunSettings.ProviderKind> providers = new ArrayList<>();
        infra.forEach(p -> providers.add(RunSettings.ProviderKind.valueOf(p.name().toUpperCase())));
        RunSettings s = RunSettings.defaults(RunHome.of(UserDirectories.fromSystem()))
                .withMode(mode == ModeOption.docker ? RunSettings.Mode.DOCKER : RunSettings.Mode.PROCESS)
                .withNetwork(network == NetworkOption.host ? RunSettings.Network.HOST : RunSettings.Network.BRIDGE)
                .withPorts(freePorts ? RunSettings.Ports.FREE : RunSettings.Ports.DESIGN)
                .withProviders(providers)
                .withHealthTimeout(Duration.ofSeconds(Math.max(1, timeoutSeconds)))
                .withSourceWatching(!noWatch);
        return codeFolder.map(s::withSystemFolder).orElse(s);
    }

    /** The same options as arguments, for the detached launcher. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>(List.of("--mode", mode.name(), "--network", network.name(), "--infra",
                String.join(",", infra.stream().map(Enum::name).toList()), "--timeout", String.valueOf(timeoutSeconds)));
        if (freePorts) {
            args.add("--free-ports");
        }
        if (noWatch) {
            args.add("--no-watch");
        }
        if (out != null) {
            args.addAll(List.of("--out", out.toAbsolutePath().toString()));
        }
        if (scratch) {
            args.add("--scratch");
        }
        return args;
    }
}
