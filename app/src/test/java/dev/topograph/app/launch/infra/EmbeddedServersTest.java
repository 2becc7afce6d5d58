package dev.topograph.app.launch.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.local.GoToolchain;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.generate.LaunchPlan.Role;
import dev.topograph.model.topology.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The embedded dev servers, built with Go from the source the app carries, serve each engine and clean up. */
class EmbeddedServersTest {
    private static Optional<GoToolchain> go;

    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
        go = GoToolchain.find(RunSettings.defaults(LaunchFixtures.HOME).searchPath());
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"NATS", "REDIS", "KAFKA"})
    void eachEngineAnswersOnItsPortAndLeavesNoDataBehind(Engine engine) throws Exception {
        EmbeddedServers servers = new EmbeddedServers(go, LaunchFixtures.HOME.binaries());
        PlannedNode node = new PlannedNode("dev-" + engine.json(), Role.INFRA, Optional.of(engine), 0, 0, 0,
                Optional.empty(), "", "", List.of(), List.of(), List.of(), Optional.empty(), Optional.empty());
        assertThat(servers.cannotServe(node)).isEmpty();
        int port = Probes.freePort();
        // Written by the thread that reads the server's output: its "ready" line may come just after the port opens.
        List<String> log = new CopyOnWriteArrayList<>();
        Instance instance = servers.start("embedded-test", node, port, log::add, Duration.ofMinutes(5));
        try {
            assertThat(instance.provider()).isEqualTo(engine == Engine.KAFKA ? "embedded dev server (kfake, in memory)"
                    : "embedded dev server");
            assertThat(Probes.answers(port, Duration.ofSeconds(1))).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(log).anyMatch(l -> l.startsWith("ready " + engine.json())));
        } finally {
            instance.stop(Duration.ofSeconds(5));
        }
        assertThat(instance.exit().get()).isZero();
        assertThat(instance.dataDir().orElseThrow()).doesNotExist();
        assertThat(Probes.answers(port, Duration.ofMillis(300))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRES", "MYSQL", "RABBITMQ", "MEMCACHED"})
    void enginesWithoutAnEmbeddedServerSaySo(Engine engine) {
        EmbeddedServers servers = new EmbeddedServers(go, LaunchFixtures.HOME.binaries());
        PlannedNode node = new PlannedNode("x", Role.INFRA, Optional.of(engine), 0, 0, 0, Optional.empty(), "", "",
                List.of(), List.of(), List.of(), Optional.empty(), Optional.empty());
        assertThat(servers.cannotServe(node)).contains("no embedded dev server serves " + engine.json());
        assertThat(new EmbeddedServers(Optional.empty(), Path.of("unused")).cannotServe(
                new PlannedNode("y", Role.INFRA, Optional.of(Engine.NATS), 0, 0, 0, Optional.empty(), "", "", List.of(),
                        List.of(), List.of(), Optional.empty(), Optional.empty())))
                .contains("the embedded dev servers are built with Go, which is not installed");
        assertThat(Files.exists(Path.of("unused"))).isFalse();
    }
}
