package dev.topograph.app.launch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.generate.LaunchPlan.Role;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated platform's Kafka client tested against a real Apache Kafka broker (the one Run ▶
 * starts, from the jars this build carries) instead of franz-go's in-memory kfake: its own
 * {@code go test ./events/kafkabus/}, given {@code KAFKA_BROKERS}, runs publish → handle → retry →
 * dead letter → commit, and a consumer restarted mid-stream that loses nothing.
 */
class KafkaBusOnARealBrokerTest {

    @Test
    void theGeneratedKafkaClientPassesItsTestsOnARealBroker(@TempDir Path tree) throws Exception {
        LaunchFixtures.assumeServer(LaunchFixtures.onPath("go"), "go");
        PlannedNode queue = new PlannedNode("events", Role.INFRA, Optional.of(Engine.KAFKA), 0, 0, 0, Optional.empty(),
                "", "", List.of(), List.of(), List.of(), Optional.empty(), Optional.empty());
        KafkaBrokers brokers = KafkaBrokers.of(LaunchFixtures.settings(RunSettings.ProviderKind.JVM).searchPath());
        LaunchFixtures.assumeServer(brokers.cannotServe(queue).isEmpty(),
                "the Kafka jars in app/target/lib/kafka (built by the kafka-broker module) and Java");
        new TreeWriter().write(new Generator().generate(LaunchFixtures.shop()), tree);

        int port = Probes.freePort();
        StringBuilder brokerLog = new StringBuilder();
        Instance broker = brokers.start("kafka-bus-test", queue, port, line -> {
            synchronized (brokerLog) {
                brokerLog.append(line).append('\n');
            }
        }, Duration.ofMinutes(2));
        try {
            ProcessBuilder test = new ProcessBuilder("go", "test", "-count=1", "-v", "./events/kafkabus/")
                    .directory(tree.resolve("platform").toFile()).redirectErrorStream(true);
            test.environment().put("KAFKA_BROKERS", "127.0.0.1:" + port);
            test.environment().put("CGO_ENABLED", "0");
            Process p = test.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("go test ended within 10 minutes").isTrue();
            assertThat(p.exitValue()).as("go test ./events/kafkabus/ on a real Kafka:%n%s%nbroker log:%n%s", output,
                    brokerLog).isZero();
            assertThat(output).as("the tests ran rather than skipped").contains(
                    "--- PASS: TestPublishedMessagesAreHandledRetriedDeadLetteredAndCommitted",
                    "--- PASS: TestAFailingMessageIsRetriedThenDeadLetteredOnKafka",
                    "--- PASS: TestAConsumerRestartedMidStreamLosesNothingOnKafka");
        } finally {
            broker.stop(Duration.ofSeconds(10));
        }
    }
}
