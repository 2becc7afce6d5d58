package dev.topograph.app.launch.docker;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.topology.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Infrastructure from the public images the compose file names (nats, redis, postgres …), when the
 * engine has the image or can pull it. On the host's network a server is told the port to listen
 * on; on the project's network it listens on its usual port, published on the chosen host port.
 */
public final class DockerImages implements dev.topograph.app.launch.infra.InfraProvider {
    /** Whether an image is here or pullable, asked once per image for the life of the app. */
    private static final Map<String, Boolean> AVAILABLE = new ConcurrentHashMap<>();
    private static final Duration PULL = Duration.ofSeconds(60);

    private final DockerEngine engine;
    private final Optional<String> network;

    /** @param network the project's network, or empty for the host's */
    public DockerImages(DockerEngine engine, Optional<String> network) {
        this.engine = engine;
        this.network = network;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.DOCKER;
    }

    @Override
    public Optional<String> cannotServe(PlannedNode node) {
        Optional<String> image = node.image().filter(i -> !i.isBlank());
        if (image.isEmpty() || node.engine().orElseThrow() == Engine.KAFKA) {
            // A Kafka broker tells clients where to connect, which differs inside and outside a network:
            // the embedded kfake serves Kafka for local runs.
            return Optional.of("no image is run for " + node.engine().orElseThrow().json() + " by a local run");
        }
        boolean here = AVAILABLE.computeIfAbsent(image.get(), i -> engine.hasImage(i) || engine.pull(i, PULL));
        return here ? Optional.empty() : Optional.of("Docker has no " + image.get() + " and cannot pull it");
    }

    @Override
    public Instance start(String project, PlannedNode node, int port, Consumer<String> log, Duration timeout)
            throws LaunchException, InterruptedException {
        Engine kind = node.engine().orElseThrow();
        String image = node.image().orElseThrow();
        int inner = network.isPresent() ? node.port() : port;
        String name = project + "-" + node.id();
        ContainerSpec spec = ContainerSpec.of(name, image)
                .withLabels(Map.of(Leftovers.PROJECT_LABEL, project, "io.topograph.node", node.id(),
                        Leftovers.LAUNCHER_LABEL, dev.topograph.app.launch.RunHome.launcherLabel()))
                .withEnv(env(kind, node, inner))
                .withArgs(args(kind, inner));
        if (network.isPresent()) {
            spec = spec.withNetwork(ContainerSpec.Network.named(network.get()), Map.of(node.port(), port));
        }
        Instance instance;
        try {
            instance = ContainerInstance.run(engine, spec, "Docker " + image,
                    network.map(n -> name + ":" + node.port()), log);
        } catch (DockerEngineException e) {
            throw new LaunchException(node.id() + ": " + e.getMessage(), e);
        }
        try {
            Probes.awaitPort(node.id() + " (" + image + ")", port, instance, timeout);
        } catch (LaunchException | InterruptedException | RuntimeException e) {
            instance.stop(Duration.ofSeconds(5));
            throw e;
        }
        return instance;
    }

    private static Map<String, String> env(Engine kind, PlannedNode node, int port) {
        return switch (kind) {
            case POSTGRES -> Map.of("POSTGRES_DB", node.database().orElseThrow(), "POSTGRES_USER", "postgres",
                    "POSTGRES_HOST_AUTH_METHOD", "trust", "PGPORT", String.valueOf(port));
            case MYSQL -> Map.of("MYSQL_DATABASE", node.database().orElseThrow(), "MYSQL_ALLOW_EMPTY_PASSWORD", "yes",
                    "MYSQL_TCP_PORT", String.valueOf(port));
            case RABBITMQ -> Map.of("RABBITMQ_NODE_PORT", String.valueOf(port),
                    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-rabbit loopback_users []");
            default -> Map.of();
        };
    }

    private static List<String> args(Engine kind, int port) {
        String p = String.valueOf(port);
        return switch (kind) {
            case NATS -> List.of("-js", "-p", p);
            case REDIS -> List.of("redis-server", "--port", p, "--save", "", "--appendonly", "no");
            case MEMCACHED -> List.of("-p", p, "-m", "64");
            default -> List.of();
        };
    }
}
