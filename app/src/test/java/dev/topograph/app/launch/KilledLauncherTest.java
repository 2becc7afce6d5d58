package dev.topograph.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.local.DockerSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code topograph up} in a process of its own, killed with SIGKILL mid-run: its services and
 * servers live on, and the sweep finds every one of them by the run's record and removes them.
 */
class KilledLauncherTest {

    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "docker"})
    void theSweepRemovesWhatAKilledLauncherLeft(String mode) throws Exception {
        DockerSupport docker = DockerSupport.connect();
        if (mode.equals("docker") && !docker.available()) {
            org.junit.jupiter.api.Assumptions.assumeTrue("true".equals(System.getenv("CI")) , "no Docker engine");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-D" + UserDirectories.DATA_DIR_PROPERTY + "=" + LaunchFixtures.HOME.root(),
                "-cp", System.getProperty("java.class.path"), "dev.topograph.app.Main", "up",
                Path.of("src/test/resources/launch/tiny.topology.json").toAbsolutePath().toString(),
                "--scratch", "--free-ports", "--infra", "binary", "--mode", mode, "--network", "host"));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LaunchFixtures.HOME.root().resolve("killed-" + mode + ".log").toFile()).start();
        Path folder = LaunchFixtures.HOME.project("tiny");
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !launcher.isAlive() || RunRecord.read(folder)
                            .filter(r -> r.launcherPid() == launcher.pid() && r.outcome().equals("started")).isPresent());
            assertThat(launcher.isAlive()).as("the launcher started the run").isTrue();
        } finally {
            launcher.destroyForcibly().waitFor();
        }
        RunRecord record = RunRecord.read(folder).orElseThrow();
        List<Long> pids = record.nodes().stream().map(RunRecord.Node::pid).filter(p -> p > 0).toList();
        assertThat(pids).allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));

        Leftovers leftovers = new Leftovers(LaunchFixtures.HOME, docker.containers());
        Optional<Leftovers.Found> found = leftovers.of("tiny");
        assertThat(found).isPresent();
        assertThat(leftovers.find()).extracting(Leftovers.Found::project).contains("tiny");
        if (mode.equals("process")) {
            assertThat(found.get().processes()).hasSize(5);
        } else {
            assertThat(found.get().processes()).hasSize(2);
            assertThat(found.get().containers()).hasSize(3);
        }
        assertThat(found.get().dataDirs()).hasSize(2);
        assertThat(found.get().describe()).startsWith("tiny: ");

        leftovers.clean(found.get());

        LaunchFixtures.assertNothingLeft("tiny", pids);
        assertThat(docker.containers().map(c -> c.labelled("tiny")).orElse(List.of())).isEmpty();
        assertThat(leftovers.of("tiny")).isEmpty();
    }

    @Test
    void theSweepRemovesEveryServerOfTheOtherEnginesAndRabbitMqsOwnEpmd() throws Exception {
        Path design = Path.of("src/test/resources/launch/engines/all-engines.topology.json").toAbsolutePath();
        boolean servers = Stream.of("mariadbd", "rabbitmq-server").allMatch(b -> LaunchFixtures.onPath(b)
                || Files.isExecutable(Path.of("/usr/sbin", b))) && LaunchFixtures.onPath("memcached");
        LaunchFixtures.assumeServer(servers, "mariadb-server, rabbitmq-server and memcached");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-D" + UserDirectories.DATA_DIR_PROPERTY + "=" + LaunchFixtures.HOME.root(),
                "-cp", System.getProperty("java.class.path"), "dev.topograph.app.Main", "up", design.toString(),
                "--scratch", "--free-ports", "--infra", "binary,jvm"));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LaunchFixtures.HOME.root().resolve("killed-engines.log").toFile()).start();
        Path folder = LaunchFixtures.HOME.project("engines");
        try {
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !launcher.isAlive() || RunRecord.read(folder)
                            .filter(r -> r.launcherPid() == launcher.pid() && r.outcome().equals("started")).isPresent());
            assertThat(launcher.isAlive()).as("the launcher started the run").isTrue();
        } finally {
            launcher.destroyForcibly().waitFor();
        }
        RunRecord record = RunRecord.read(folder).orElseThrow();
        assertThat(record.nodes()).extracting(RunRecord.Node::provider).contains("mariadbd on PATH", "memcached on PATH",
                "rabbitmq-server on PATH").anyMatch(p -> p.startsWith("Apache Kafka"));
        List<Long> pids = new ArrayList<>(record.nodes().stream().map(RunRecord.Node::pid).filter(p -> p > 0).toList());
        // Every process under the servers too: RabbitMQ's Erlang VM and its own epmd.
        pids.addAll(pids.stream().flatMap(p -> ProcessHandle.of(p).stream()).flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid).toList());
        assertThat(pids.stream().flatMap(p -> ProcessHandle.of(p).stream()).flatMap(p -> p.info().command().stream()))
                .anyMatch(c -> c.endsWith("/epmd")).anyMatch(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld"));

        Leftovers leftovers = new Leftovers(LaunchFixtures.HOME, Optional.empty());
        Leftovers.Found found = leftovers.of("engines").orElseThrow();
        assertThat(found.dataDirs()).hasSize(4);
        leftovers.clean(found);

        LaunchFixtures.assertNothingLeft("engines", pids);
        assertThat(leftovers.of("engines")).isEmpty();
    }
}
