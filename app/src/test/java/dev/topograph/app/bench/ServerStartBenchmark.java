package dev.topograph.app.bench;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.infra.BinaryServers;
import dev.topograph.app.launch.infra.InfraProvider;
import dev.topograph.app.launch.infra.KafkaBrokers;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.generate.LaunchPlan.Role;
import dev.topograph.model.topology.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Start to ready for each server a local run starts, as its provider does it for Run ▶: from the
 * call (throwaway folder, initdb / mariadb-install-db / Kafka's storage format included) to the
 * server ready (a TCP answer; an AMQP Connection.Start for RabbitMQ; "Kafka Server started" for
 * Kafka; the database created for PostgreSQL), then Stop. Prints every sample and the median;
 * a program, not a test. Engines whose server is missing here are reported and skipped.
 *
 * <pre>./mvnw -q -pl app -am test-compile
 * ./mvnw -q -pl app exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.topograph.app.bench.ServerStartBenchmark [-Dexec.args="3 kafka rabbitmq"]</pre>
 */
public final class ServerStartBenchmark {
    private ServerStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Engine> engines = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            engines.add(Engine.valueOf(args[i].toUpperCase()));
        }
        if (engines.isEmpty()) {
            engines.addAll(List.of(Engine.NATS, Engine.REDIS, Engine.POSTGRES, Engine.MEMCACHED, Engine.MYSQL,
                    Engine.RABBITMQ, Engine.KAFKA));
        }
        String path = RunSettings.defaults(LaunchFixtures.HOME).searchPath();
        List<InfraProvider> providers = List.of(new BinaryServers(path), KafkaBrokers.of(path));
        System.out.printf("%-10s %-40s %s%n", "engine", "provider", "start to ready, s (median; samples)");
        for (Engine engine : engines) {
            PlannedNode node = new PlannedNode("bench-" + engine.json(), Role.INFRA, Optional.of(engine), 0, 0, 0,
                    Optional.empty(), "", "", List.of(), List.of(), List.of(),
                    engine == Engine.POSTGRES || engine == Engine.MYSQL ? Optional.of("bench") : Optional.empty(),
                    Optional.empty());
            Optional<InfraProvider> provider = providers.stream().filter(p -> p.cannotServe(node).isEmpty()).findFirst();
            if (provider.isEmpty()) {
                System.out.printf("%-10s skipped: %s%n", engine.json(), providers.get(0).cannotServe(node).orElse(""));
                continue;
            }
            List<Double> samples = new ArrayList<>();
            String name = "";
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                Instance instance = provider.get().start("bench", node, Probes.freePort(), line -> { },
                        Duration.ofMinutes(3));
                samples.add((System.nanoTime() - start) / 1e9);
                name = instance.provider();
                instance.stop(Duration.ofSeconds(10));
            }
            List<Double> sorted = samples.stream().sorted().toList();
            System.out.printf("%-10s %-40s %.2f; %s%n", engine.json(), name, sorted.get(sorted.size() / 2),
                    samples.stream().map(s -> String.format("%.2f", s)).toList());
        }
    }
}
