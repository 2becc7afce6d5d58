package dev.topograph.app.launch.local;

import static dev.topograph.app.launch.LaunchFixtures.assertNothingLeft;
import static dev.topograph.app.launch.LaunchFixtures.send;
import static dev.topograph.app.launch.LaunchFixtures.settings;
import static dev.topograph.app.launch.LaunchFixtures.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.topology.Topology;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's shop (a handler edited in its code folder) in Docker mode on a real engine: each service
 * and the gateway in a container built
 * {@code FROM scratch} from the binary Go built here, on the host's network (the test engine runs
 * without a bridge). No image can be pulled here, so the servers come from the machine's binaries.
 */
class DockerModeTest {
    private static DockerSupport docker;

    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
        docker = DockerSupport.connect();
        if (!docker.available() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must start a Docker engine (.ci/run does): " + docker.where());
        }
        assumeTrue(docker.available(), "a Docker engine is needed");
    }

    @Test
    void theUsersShopRunsInContainersAndLeavesNoContainerBehind(@TempDir Path code) throws Exception {
        Topology shop = LaunchFixtures.shop();
        Path design = new CodeFolder(code).designFile(shop);
        new CodeFolder(code).regenerate(shop, Optional.empty(), false);
        Path handler = code.resolve("services/orders/internal/handlers/get_orders.go");
        Files.writeString(handler, Files.readString(handler).replace("httpx.Encode(w, r, http.StatusOK, items)",
                "httpx.Encode(w, r, http.StatusOK, map[string]any{\"marker\": \"in-a-container-7\", \"items\": items})"));
        RunSettings s = settings(ProviderKind.DOCKER, ProviderKind.BINARY).withMode(RunSettings.Mode.DOCKER)
                .withNetwork(RunSettings.Network.HOST).withSystemFolder(code);
        Run run = new LocalLauncher(s, design.toString(), docker).launch(shop, RunListener.none());
        List<Long> pids;
        try {
            assertThat(run.awaitStarted(Duration.ofMinutes(6)))
                    .hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
            for (String service : List.of("gateway", "orders", "payments", "catalog", "inventory", "shipping",
                    "notifications")) {
                NodeStatus status = run.status(service).orElseThrow();
                assertThat(status.provider()).as(service).isEqualTo("Docker container");
                assertThat(status.container()).as(service).isPresent();
                // The live figures' source: each container's metrics port, reached from this machine.
                HttpResponse<String> metrics = send("GET", status.metrics().orElseThrow(), null);
                assertThat(metrics.statusCode()).as("%s at %s", service, status.metrics()).isEqualTo(200);
                assertThat(metrics.body()).as(service).contains("go_goroutines");
            }
            assertThat(send("GET", url(run, "gateway") + "/metrics", null).statusCode())
                    .as("the gateway's public port serves no metrics").isEqualTo(404);
            assertThat(run.status("orders-db").orElseThrow().pid()).isPresent();
            // Labelled with the project (what down and the sweep look for), and not taken for leftovers
            // while their launcher runs.
            assertThat(labelledContainers("shop")).hasSize(7);
            assertThat(docker.containers().orElseThrow().labelled("shop")).as("leftovers of a live run").isEmpty();
            HttpResponse<String> order = send("POST", url(run, "gateway") + "/orders", "{\"sku\":\"cup\",\"quantity\":3}");
            assertThat(order.statusCode()).as(order.body()).isBetween(200, 201);
            assertThat(send("GET", url(run, "gateway") + "/orders", null).body())
                    .as("the container runs the user's handler").contains("in-a-container-7");
            assertThat(run.log("orders")).as("container logs reach the node's log")
                    .anyMatch(l -> !l.fromLauncher() && l.text().contains("\"service\":\"orders\""));
            pids = LaunchFixtures.pids(run);
        } finally {
            run.stop();
        }
        assertThat(run.statuses()).allMatch(st -> st.state() == NodeState.STOPPED);
        assertThat(docker.containers().orElseThrow().labelled("shop")).as("containers of the project").isEmpty();
        assertNothingLeft("shop", pids);
        assertThat(new Leftovers(LaunchFixtures.HOME, docker.containers()).of("shop")).isEmpty();
    }

    @Test
    void aSqliteServiceWritesItsDatabaseInAContainerAndStopLeavesNoContainer() throws Exception {
        Topology notes = new dev.topograph.model.file.ProjectFile()
                .load(Path.of("src/test/resources/launch/notes-sqlite.topology.json"));
        RunSettings s = settings(ProviderKind.BINARY).withMode(RunSettings.Mode.DOCKER)
                .withNetwork(RunSettings.Network.HOST);
        Run run = new LocalLauncher(s, "notes-sqlite.topology.json", docker).launch(notes, RunListener.none());
        try {
            assertThat(run.awaitStarted(Duration.ofMinutes(6)))
                    .hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
            assertThat(run.status("notes").orElseThrow().restarts()).as("it never crashed").isZero();
            HttpResponse<String> note = send("POST", url(run, "notes") + "/notes", "{}");
            assertThat(note.statusCode()).as(note.body()).isBetween(200, 201);
            assertThat(send("GET", url(run, "notes") + "/notes", null).statusCode()).isEqualTo(200);
            assertThat(run.log("notes")).noneMatch(l -> l.text().contains("permission denied"));
        } finally {
            run.stop();
        }
        assertThat(docker.containers().orElseThrow().labelled("notes")).as("containers of the project").isEmpty();
        assertNothingLeft("notes", List.of());
    }

    /** The ids of every container, running or not, labelled with project: what the engine itself says. */
    private static List<String> labelledContainers(String project) throws Exception {
        Process ps = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=" + Leftovers.PROJECT_LABEL + "=" + project)
                .redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ps.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
