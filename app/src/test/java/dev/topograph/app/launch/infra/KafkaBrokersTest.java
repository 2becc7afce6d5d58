package dev.topograph.app.launch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.generate.LaunchPlan.Role;
import dev.topograph.model.topology.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Kafka provider needs before it starts anything, and how it says what is missing. */
class KafkaBrokersTest {

    private static PlannedNode node(Engine engine) {
        return new PlannedNode("events", Role.INFRA, Optional.of(engine), 0, 0, 0, Optional.empty(), "", "", List.of(),
                List.of(), List.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void theBuildCarriesKafkasJarsBesideTheAppsClasses() {
        // app/target/classes in this build: the kafka-broker module copied the jars to app/target/lib/kafka.
        Optional<Path> lib = KafkaBrokers.carriedJars();
        assertThat(lib).hasValueSatisfying(l -> assertThat(l).endsWith(Path.of("lib", "kafka")));
        assertThat(KafkaBrokers.version(lib.orElseThrow())).hasValueSatisfying(v -> assertThat(v).startsWith("4."));
        KafkaBrokers brokers = KafkaBrokers.of(System.getenv().getOrDefault("PATH", ""));
        assertThat(brokers.cannotServe(node(Engine.KAFKA))).isEmpty();
        assertThat(brokers.provider()).matches("Apache Kafka 4\\.\\d+\\.\\d+ \\(KRaft\\) on Java");
    }

    @Test
    void itServesKafkaAlone() {
        KafkaBrokers brokers = new KafkaBrokers(Optional.of(Path.of("lib")), Optional.of(Path.of("java")));
        for (Engine engine : Engine.values()) {
            if (engine != Engine.KAFKA) {
                assertThat(brokers.cannotServe(node(engine))).as(engine.json()).contains("the Kafka jars serve kafka alone");
            }
        }
    }

    @Test
    void withoutJarsOrJavaItSaysWhichIsMissing(@TempDir Path empty) throws Exception {
        assertThat(new KafkaBrokers(Optional.empty(), Optional.of(Path.of("java"))).cannotServe(node(Engine.KAFKA)))
                .contains("this build of Topograph carries no Kafka jars (lib/kafka)");
        assertThat(new KafkaBrokers(Optional.of(empty), Optional.empty()).cannotServe(node(Engine.KAFKA)))
                .contains("no java to run the Kafka broker on");
        assertThat(KafkaBrokers.version(empty)).as("a folder without kafka_2.13-*.jar").isEmpty();
        Files.createFile(empty.resolve("kafka_2.13-4.4.0.jar"));
        assertThat(KafkaBrokers.version(empty)).contains("4.4.0");
    }

    @Test
    void aClusterIdIsSixteenBytesInUrlSafeBase64() {
        String id = KafkaBrokers.clusterId();
        assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        assertThat(KafkaBrokers.clusterId()).isNotEqualTo(id);
    }
}
