package dev.topograph.app.launch.local;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Launcher;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunRecord;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.RunSettings.Mode;
import dev.topograph.app.launch.infra.BinaryServers;
import dev.topograph.app.launch.infra.EmbeddedServers;
import dev.topograph.app.launch.infra.InfraProvider;
import dev.topograph.app.launch.infra.KafkaBrokers;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.generate.GenerationException;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a design on this machine, as local processes or Docker containers (DESIGN.md §5): checks
 * that the design and the machine can run it, generates the system, picks ports, and hands over
 * to a {@link LocalRun}.
 */
public final class LocalLauncher implements Launcher {
    private final RunSettings settings;
    private final String designFile;
    private final DockerSupport docker;

    /**
     * @param designFile the design's file, recorded so {@code topograph status} can say which run is which
     */
    public LocalLauncher(RunSettings settings, String designFile) {
        this(settings, designFile, DockerSupport.connect());
    }

    LocalLauncher(RunSettings settings, String designFile, DockerSupport docker) {
        this.settings = settings;
        this.designFile = designFile;
        this.docker = docker;
    }

    @Override
    public Run launch(Topology topology, RunListener listener) throws LaunchException {
        List<Diagnostic> errors = new Validator().validate(topology).stream()
                .filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("The design has " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + "; fix " + (errors.size() == 1 ? "it" : "them")
                    + " before running it:");
            errors.forEach(d -> message.append("\n  ").append(d.code()).append(' ')
                    .append(String.join(", ", d.elementIds())).append(": ").append(d.message()));
            throw new LaunchException(message.toString());
        }
        if (topology.nodes().isEmpty()) {
            throw new LaunchException("The design is empty: draw a service first.");
        }
        Optional<GoToolchain> go = GoToolchain.find(settings.searchPath());
        if (go.isEmpty()) {
            throw new LaunchException("Go is not installed (no `go` on PATH or in /usr/local/go/bin): Topograph builds "
                    + "each service with `go build`. Install Go 1.22 or newer from https://go.dev/dl and run again."
                    + (docker.available() ? " (Docker mode needs it too: it puts the binaries Go builds here into "
                    + "images FROM scratch.)" : ""));
        }
        if (settings.mode() == Mode.DOCKER && !docker.available()) {
            throw new LaunchException("No Docker engine answers (" + docker.where() + "): start Docker, set DOCKER_HOST, "
                    + "or run as local processes.");
        }
        String project = RunHome.key(topology.name());
        Path runFolder = settings.home().project(project);
        Optional<RunRecord> previous = RunRecord.read(runFolder);
        if (previous.isPresent() && previous.get().launcherAlive()) {
            throw new LaunchException(topology.name() + " is already running (launcher pid "
                    + previous.get().launcherPid() + ", from " + previous.get().designFile()
                    + "): stop it first (Stop in the designer, or topograph down).");
        }
        Leftovers leftovers = new Leftovers(settings.home(), docker.containers());
        leftovers.of(project).ifPresent(found -> {
            listener.logged(new dev.topograph.app.launch.LogLine("", java.time.Instant.now(),
                    "removing what a killed run left: " + found.describe(), true));
            leftovers.clean(found);
        });
        LaunchPlan plan = LaunchPlan.of(topology);
        Map<String, LocalRun.NodePorts> ports = ports(plan);
        Path system = settings.systemFolder().orElse(runFolder.resolve("system"));
        generate(topology, system, listener);
        RunSettings settings = this.settings;
        ProgramRunner programs = new ProcessPrograms();
        if (settings.mode() == Mode.DOCKER) {
            try {
                programs = docker.programs(settings, project);
            } catch (LaunchException e) {
                if (settings.network() != RunSettings.Network.BRIDGE) {
                    throw e;
                }
                // An engine without bridge networking (rootless, or started with --bridge=none) still runs
                // containers on the host's network.
                listener.logged(new dev.topograph.app.launch.LogLine("", java.time.Instant.now(), e.getMessage()
                        + " — running the containers on the host's network instead", true));
                settings = settings.withNetwork(RunSettings.Network.HOST);
                programs = docker.programs(settings, project);
            }
        }
        List<InfraProvider> providers = new ArrayList<>();
        for (RunSettings.ProviderKind kind : settings.providers()) {
            switch (kind) {
                case DOCKER -> docker.infra(settings, project).ifPresent(providers::add);
                case BINARY -> providers.add(new BinaryServers(settings.searchPath()));
                case JVM -> providers.add(KafkaBrokers.of(settings.searchPath()));
                case EMBEDDED -> providers.add(new EmbeddedServers(go, settings.home().binaries()));
            }
        }
        LocalRun run = new LocalRun(project, designFile, topology.module(), settings, plan, ports, runFolder, system, listener,
                providers, programs, go.get(), () -> docker.release(project));
        run.begin();
        return run;
    }

    /**
     * Brings the code to build up to date: the design's code folder regenerated in place (the user's
     * files kept, nothing overwritten that Topograph did not write), or for a scratch run a throwaway
     * folder generated afresh.
     */
    private void generate(Topology topology, Path system, RunListener listener) throws LaunchException {
        try {
            if (settings.systemFolder().isEmpty()) {
                dev.topograph.app.launch.ProcessInstance.deleteTree(system);
                new TreeWriter().write(new Generator().generate(topology), system);
                note(listener, "running the bare design, generated afresh in " + system + " (none of your code)");
                return;
            }
            Optional<Path> design = designFile.isBlank() ? Optional.empty() : Optional.of(Path.of(designFile));
            TreeWriter.Summary summary = new CodeFolder(system).regenerate(topology, design, false);
            note(listener, "building your code in " + system + " (regenerated: " + summary + ")");
            summary.orphaned().forEach(o -> note(listener, "not used any more: " + o));
            summary.outdated().forEach(o -> note(listener, "yours, to check: " + o));
        } catch (GenerationException e) {
            throw new LaunchException("The design cannot be generated: " + e.getMessage(), e);
        } catch (TreeWriter.RefusedException e) {
            throw new LaunchException("Cannot bring the code in " + system + " up to date: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LaunchException("Cannot write the generated system to " + system + ": " + e.getMessage(), e);
        }
    }

    private static void note(RunListener listener, String text) {
        listener.logged(new dev.topograph.app.launch.LogLine("", java.time.Instant.now(), text, true));
    }

    /**
     * The ports of every node: the design's for services and gateways (checked free, so a clash is
     * told before anything starts), free ones for infrastructure, which no user types by hand.
     */
    private Map<String, LocalRun.NodePorts> ports(LaunchPlan plan) throws LaunchException {
        Map<String, LocalRun.NodePorts> ports = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        try {
            for (PlannedNode n : plan.nodes()) {
                if (!n.isProgram() || settings.ports() == RunSettings.Ports.FREE) {
                    ports.put(n.id(), new LocalRun.NodePorts(Probes.freePort(), n.isProgram() ? Probes.freePort() : 0,
                            Probes.freePort(), n.grpcPort().isPresent() ? Probes.freePort() : 0));
                    continue;
                }
                int grpc = n.grpcPort().orElse(0);
                for (int port : List.of(n.port(), n.metricsPort(), n.adminPort(), grpc)) {
                    if (port != 0 && !Probes.isFree(port)) {
                        clashes.add("port " + port + " (" + n.id() + (port == n.port() ? "" : port == grpc
                                ? "'s gRPC server" : port == n.metricsPort() ? "'s metrics server" : "'s admin server")
                                + ")");
                    }
                }
                ports.put(n.id(), new LocalRun.NodePorts(n.port(), n.metricsPort(), n.adminPort(), grpc));
            }
        } catch (IOException e) {
            throw new LaunchException("No free port is left on this machine: " + e.getMessage(), e);
        }
        if (!clashes.isEmpty()) {
            throw new LaunchException("Another program already listens on " + String.join(", ", clashes)
                    + ". Stop it, give the node another port in the inspector, or run with free ports (--free-ports).");
        }
        return ports;
    }
}
