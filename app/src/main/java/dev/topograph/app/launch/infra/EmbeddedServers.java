package dev.topograph.app.launch.infra;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.ProcessInstance;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.app.launch.local.GoToolchain;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.topology.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Dev servers written in Go that this app carries as source ({@code devserver/} next to this class):
 * the NATS server library with JetStream, miniredis, and franz-go's kfake. Built once with the
 * machine's Go into the run home's cache; the last resort when neither Docker nor a binary can serve.
 */
public final class EmbeddedServers implements InfraProvider {
    /** The files of the dev server module, as resources next to this class. */
    static final List<String> SOURCES = List.of("go.mod", "go.sum", "main.go");

    private final Optional<GoToolchain> go;
    private final Path cache;
    private Path binary;

    public EmbeddedServers(Optional<GoToolchain> go, Path cache) {
        this.go = go;
        this.cache = cache;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.EMBEDDED;
    }

    static Optional<String> kindOf(Engine engine) {
        return switch (engine) {
            case NATS -> Optional.of("nats");
            case REDIS -> Optional.of("redis");
            case KAFKA -> Optional.of("kafka");
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<String> cannotServe(PlannedNode node) {
        return cannotServe(node.engine().orElseThrow());
    }

    private Optional<String> cannotServe(Engine engine) {
        if (kindOf(engine).isEmpty()) {
            return Optional.of("no embedded dev server serves " + engine.json());
        }
        return go.isPresent() ? Optional.empty() : Optional.of("the embedded dev servers are built with Go, which is not installed");
    }

    @Override
    public Instance start(String project, PlannedNode node, int port, Consumer<String> log, Duration timeout)
            throws LaunchException, InterruptedException {
        Engine engine = node.engine().orElseThrow();
        Optional<String> why = cannotServe(engine);
        if (why.isPresent()) {
            throw new LaunchException(node.id() + ": " + why.get());
        }
        Path devserver = binary(log);
        try {
            Path data = RunHome.newDataFolder(project, node.id());
            if (engine == Engine.KAFKA) {
                log.accept("kfake serves this queue: an in-memory stand-in for Kafka, not a real broker"
                        + " (a real one runs from the Kafka jars of a full build of Topograph, on Java)");
            }
            Instance instance = ProcessInstance.start(provider(engine), List.of(devserver.toString(), "-kind",
                    kindOf(engine).orElseThrow(), "-addr", "127.0.0.1:" + port, "-dir", data.toString()), Map.of(),
                    Optional.of(data), Optional.of(data), log);
            try {
                Probes.awaitPort(node.id() + " (" + provider(engine) + ")", port, instance, timeout);
            } catch (LaunchException | InterruptedException | RuntimeException e) {
                instance.stop(Duration.ofSeconds(5));
                throw e;
            }
            return instance;
        } catch (IOException e) {
            throw new LaunchException(node.id() + ": could not start the embedded dev server: " + e.getMessage(), e);
        }
    }

    /** What the UI shows as this node's provider: the Kafka fake says it is one. */
    static String provider(Engine engine) {
        return engine == Engine.KAFKA ? "embedded dev server (kfake, in memory)" : "embedded dev server";
    }

    private synchronized Path binary(Consumer<String> log) throws LaunchException, InterruptedException {
        if (binary == null) {
            Path source = cache.resolveSibling("devserver-src").resolve("devserver");
            try {
                Files.createDirectories(source);
                for (String name : SOURCES) {
                    try (InputStream in = EmbeddedServers.class.getResourceAsStream("/dev/topograph/app/launch/devserver/" + name)) {
                        if (in == null) {
                            throw new LaunchException("this build of Topograph lacks the dev server source " + name);
                        }
                        byte[] bytes = in.readAllBytes();
                        Path target = source.resolve(name);
                        if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                            Files.write(target, bytes);
                        }
                    }
                }
            } catch (IOException e) {
                throw new LaunchException("cannot write the dev server source to " + source + ": " + e.getMessage(), e);
            }
            binary = go.orElseThrow().buildOwn(source, "devserver", cache, log);
        }
        return binary;
    }
}
