package dev.topograph.app.launch.infra;

import dev.topograph.app.launch.Commands;
import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.ProcessInstance;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.topology.Engine;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one JVM, listeners on 127.0.0.1)
 * from the Kafka jars the build copies into {@code lib/kafka/} next to the app, run with this machine's
 * Java as a child process: its storage formatted by {@code kafka.tools.StorageTool}, then
 * {@code kafka.Kafka}. Served between the server binaries (Debian packages no Kafka) and the
 * embedded in-memory fake.
 */
public final class KafkaBrokers implements InfraProvider {
    /** Overrides where the Kafka jars are (a folder of jars). */
    public static final String LIB_PROPERTY = "topograph.kafkaLib";
    private static final String READY = "Kafka Server started";

    private final Optional<Path> lib;
    private final Optional<Path> java;

    KafkaBrokers(Optional<Path> lib, Optional<Path> java) {
        this.lib = lib;
        this.java = java;
    }

    /** The jars this app carries and the Java it runs on (or one on {@code searchPath}). */
    public static KafkaBrokers of(String searchPath) {
        return new KafkaBrokers(carriedJars(), javaCommand(searchPath));
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.JVM;
    }

    @Override
    public Optional<String> cannotServe(PlannedNode node) {
        if (node.engine().orElseThrow() != Engine.KAFKA) {
            return Optional.of("the Kafka jars serve kafka alone");
        }
        if (lib.isEmpty()) {
            return Optional.of("this build of Topograph carries no Kafka jars (lib/kafka)");
        }
        return java.isPresent() ? Optional.empty() : Optional.of("no java to run the Kafka broker on");
    }

    /** "Apache Kafka 4.4.0 (KRaft) on Java", the version read from the jar's name. */
    String provider() {
        String version = lib.flatMap(KafkaBrokers::version).orElse("");
        return "Apache Kafka " + (version.isEmpty() ? "" : version + " ") + "(KRaft) on Java";
    }

    @Override
    public Instance start(String project, PlannedNode node, int port, Consumer<String> log, Duration timeout)
            throws LaunchException, InterruptedException {
        Optional<String> why = cannotServe(node);
        if (why.isPresent()) {
            throw new LaunchException(node.id() + ": " + why.get());
        }
        try {
            Path data = RunHome.newDataFolder(project, node.id());
            Instance instance;
            CountDownLatch ready = new CountDownLatch(1);
            try {
                Path properties = writeConfig(data, port, Probes.freePort());
                log.accept("formatting " + data.resolve("logs"));
                Commands.run(java(data, "-Xmx256m", "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
                        properties.toString(), "--standalone"), Optional.of(data), List.of(), timeout, log);
                instance = ProcessInstance.start(provider(), java(data, "-Xmx512m", "kafka.Kafka", properties.toString()),
                        Map.of(), Optional.of(data), Optional.of(data), line -> {
                            log.accept(line);
                            if (line.contains(READY)) {
                                ready.countDown();
                            }
                        });
            } catch (IOException | InterruptedException | RuntimeException e) {
                ProcessInstance.deleteTree(data);
                throw e;
            }
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                Probes.awaitPort(node.id() + " (" + provider() + ")", port, instance, timeout);
                // The port opens a moment before the broker has its metadata: ready is when it says so.
                while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                    if (instance.exit().isDone() || System.nanoTime() > deadline) {
                        throw new LaunchException(node.id() + ": the Kafka broker did not say \"" + READY + "\""
                                + (instance.exit().isDone() ? " before it exited" : " within " + timeout.toSeconds() + " s"));
                    }
                }
            } catch (LaunchException | InterruptedException | RuntimeException e) {
                instance.stop(Duration.ofSeconds(5));
                throw e;
            }
            return instance;
        } catch (IOException e) {
            throw new LaunchException(node.id() + ": could not start the Kafka broker: " + e.getMessage(), e);
        }
    }

    /** A java command on the Kafka jars: a small JVM that starts quickly, its logging set up by our file. */
    private List<String> java(Path data, String heap, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(java.orElseThrow().toString(), heap, "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + data.resolve("log4j2.yaml"),
                "-Dkafka.logs.dir=" + data.resolve("server-logs"), "-cp", lib.orElseThrow() + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** server.properties for one node that is broker and controller, and a log4j2 file that keeps the log short. */
    private static Path writeConfig(Path data, int port, int controllerPort) throws IOException {
        Path properties = data.resolve("server.properties");
        Files.writeString(properties, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, data.resolve("logs")));
        Files.writeString(data.resolve("log4j2.yaml"), """
                Configuration:
                  Appenders:
                    Console:
                      name: STDOUT
                      PatternLayout:
                        pattern: "%p %m (%c)%n"
                  Loggers:
                    Root:
                      level: WARN
                      AppenderRef:
                        - ref: STDOUT
                    Logger:
                      - name: kafka.server.KafkaRaftServer
                        level: INFO
                """);
        return properties;
    }

    /** A Kafka cluster id: 16 random bytes, base64 in the URL alphabet without padding. */
    static String clusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /**
     * {@code lib/kafka/} beside the app's jar (or beside {@code target/classes} when run from a build), or
     * the folder {@value #LIB_PROPERTY} names; present only when it holds Kafka's server jar.
     */
    static Optional<Path> carriedJars() {
        Optional<Path> configured = Optional.ofNullable(System.getProperty(LIB_PROPERTY)).map(Path::of);
        Optional<Path> folder = configured.or(() -> {
            try {
                Path code = Path.of(KafkaBrokers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return Optional.ofNullable(code.getParent()).map(p -> p.resolve("lib").resolve("kafka"));
            } catch (URISyntaxException | RuntimeException e) {
                return Optional.empty();
            }
        });
        return folder.filter(f -> version(f).isPresent()).map(Path::toAbsolutePath);
    }

    /** The Kafka version of the server jar in {@code lib} ({@code kafka_2.13-4.4.0.jar}). */
    static Optional<String> version(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.matches("kafka_2\\.\\d+-.+\\.jar"))
                    .map(n -> n.substring(n.indexOf('-') + 1, n.length() - ".jar".length())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The java of the JVM this app runs on, else one on JAVA_HOME or {@code searchPath}. A packaged app's
     * own runtime has no java command (jpackage strips it), so there the machine's Java is needed.
     */
    static Optional<Path> javaCommand(String searchPath) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(h -> !h.isBlank())
                .ifPresent(h -> candidates.add(Path.of(h, "bin", "java")));
        Stream.of(searchPath.split(File.pathSeparator)).filter(d -> !d.isBlank())
                .forEach(d -> candidates.add(Path.of(d, "java")));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
