package dev.topograph.app.launch.local;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.docker.ContainerInstance;
import dev.topograph.app.launch.docker.ContainerSpec;
import dev.topograph.app.launch.docker.DockerEngine;
import dev.topograph.app.launch.docker.DockerEngineException;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs each service and gateway in a container: an image {@code FROM scratch} holding the static
 * binary the run built (no base image to pull), labelled with the project. On the project's network
 * containers reach each other by name; when some server runs on this machine instead of in a
 * container, every program uses the host's network so it can reach it.
 */
final class ContainerPrograms implements ProgramRunner {
    private final DockerEngine engine;
    private final String project;
    private Optional<String> network;

    /** @param network the project's network, or empty for the host's */
    ContainerPrograms(DockerEngine engine, String project, Optional<String> network) {
        this.engine = engine;
        this.project = project;
        this.network = network;
    }

    @Override
    public synchronized void prepare(Collection<Instance> infrastructure, Consumer<String> log) {
        if (network.isPresent() && !infrastructure.stream().allMatch(i -> i.inNetwork().isPresent())) {
            log.accept("some servers run on this machine, not in containers: the services use the host's network");
            network = Optional.empty();
        }
    }

    @Override
    public synchronized Instance start(String project, PlannedNode node, Path binary, Map<String, String> env,
            Path workDir, Consumer<String> log) throws LaunchException {
        Map<String, String> labels = Map.of(Leftovers.PROJECT_LABEL, this.project, "io.topograph.node", node.id(),
                Leftovers.LAUNCHER_LABEL, RunHome.launcherLabel());
        try {
            // The binary's folder is named for the hash of its sources: an image of that tag holds the same binary.
            String tag = "topograph-" + this.project + "-" + node.id() + ":"
                    + binary.getParent().getFileName().toString().substring(0, 12);
            String image = engine.hasImage(tag) ? tag : engine.buildScratchImage(tag, binary, node.id(), labels);
            String name = this.project + "-" + node.id();
            int port = Integer.parseInt(env.get("PORT"));
            int metricsPort = Integer.parseInt(env.get("METRICS_PORT"));
            // A SQLite store's file is data/<db>.sqlite under the working folder, / in an image FROM scratch,
            // whose user may not write there: /data is writable, in memory, the run's throwaway data.
            ContainerSpec spec = ContainerSpec.of(name, image).withEnv(env).withLabels(labels).withScratch("/data");
            if (network.isPresent()) {
                // Both on loopback: the API for the user, the metrics port for the designer's scraper.
                spec = spec.withNetwork(ContainerSpec.Network.named(network.get()),
                        Map.of(port, port, metricsPort, metricsPort));
            }
            return ContainerInstance.run(engine, spec, "Docker container", network.map(n -> name + ":" + port), log);
        } catch (DockerEngineException | IllegalArgumentException e) {
            throw new LaunchException(node.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean sharesLoopback() {
        return network.isEmpty();
    }

    @Override
    public synchronized String reach(Instance target, int hostPort) {
        if (network.isPresent() && target != null && target.inNetwork().isPresent()) {
            return target.inNetwork().get();
        }
        return "127.0.0.1:" + hostPort;
    }
}
