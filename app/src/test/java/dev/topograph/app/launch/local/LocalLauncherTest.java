package dev.topograph.app.launch.local;

import static dev.topograph.app.launch.LaunchFixtures.assertNothingLeft;
import static dev.topograph.app.launch.LaunchFixtures.pids;
import static dev.topograph.app.launch.LaunchFixtures.send;
import static dev.topograph.app.launch.LaunchFixtures.settings;
import static dev.topograph.app.launch.LaunchFixtures.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.LaunchFixtures.Recorder;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Topology;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real designs as local processes — real {@code go build}, real NATS, Redis and PostgreSQL, or
 * the embedded dev servers — and checks the result through the gateway, then that nothing is left.
 */
class LocalLauncherTest {
    private static final Duration START = Duration.ofMinutes(6);

    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
    }

    @Test
    void theShopRunsOnServerBinariesAndLeavesNothingBehind() throws Exception {
        Recorder recorder = new Recorder();
        Run run = new LocalLauncher(settings(ProviderKind.BINARY), "shop.topology.json", DockerSupport.none("test"))
                .launch(LaunchFixtures.shop(), recorder);
        List<Long> pids;
        try {
            assertThat(run.awaitStarted(START)).hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
            assertThat(run.statuses()).hasSize(15).allMatch(s -> s.state() == NodeState.HEALTHY);
            assertThat(run.status("order-events").orElseThrow().provider()).isEqualTo("nats-server on PATH");
            assertThat(run.status("catalog-cache").orElseThrow().provider()).isEqualTo("redis-server on PATH");
            assertThat(run.status("orders-db").orElseThrow().provider()).startsWith("PostgreSQL from");
            assertThat(run.status("orders").orElseThrow().provider()).isEqualTo("process");
            // Each node went through its life cycle, in order.
            assertThat(recorder.statuses.stream().filter(s -> s.node().equals("orders")).map(NodeStatus::state)
                    .distinct()).containsSubsequence(NodeState.WAITING, NodeState.BUILDING, NodeState.STARTING,
                    NodeState.HEALTHY);
            String gateway = url(run, "gateway");
            HttpResponse<String> order = send("POST", gateway + "/orders", "{\"sku\":\"pen\",\"quantity\":2}");
            assertThat(order.statusCode()).as(order.body()).isBetween(200, 201);
            assertThat(send("GET", gateway + "/products", null).statusCode()).isEqualTo(200);
            assertThat(run.log("orders")).isNotEmpty();
            pids = pids(run);
            assertThat(pids).hasSize(15);
        } finally {
            run.stop();
        }
        assertThat(run.statuses()).allMatch(s -> s.state() == NodeState.STOPPED);
        assertNothingLeft("shop", pids);
    }

    @Test
    void withoutServerBinariesTheEmbeddedDevServersServeQueuesAndCaches() throws Exception {
        // PATH with Go alone: no nats-server, no redis-server. PostgreSQL has no embedded server and is
        // found where Debian installs it, off PATH.
        String goOnly = LaunchFixtures.onPath("go") ? goFolder() : "";
        RunSettings s = settings(ProviderKind.EMBEDDED, ProviderKind.BINARY).withSearchPath(goOnly);
        Run run = new LocalLauncher(s, "shop.topology.json", DockerSupport.none("test"))
                .launch(LaunchFixtures.shop(), RunListener.none());
        List<Long> pids;
        try {
            assertThat(run.awaitStarted(START)).hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
            for (String node : List.of("order-events", "payment-events", "catalog-cache")) {
                assertThat(run.status(node).orElseThrow().provider()).as(node).isEqualTo("embedded dev server");
            }
            String gateway = url(run, "gateway");
            HttpResponse<String> order = send("POST", gateway + "/orders", "{\"sku\":\"ink\",\"quantity\":1}");
            assertThat(order.statusCode()).as(order.body()).isBetween(200, 201);
            String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(order.body()).get("id").asText();
            assertThat(send("GET", gateway + "/orders/" + id, null).statusCode()).isEqualTo(200);
            pids = pids(run);
        } finally {
            run.stop();
        }
        assertNothingLeft("shop", pids);
    }

    private static String goFolder() {
        for (String dir : RunSettingsAccess.searchPath().split(":")) {
            if (Files.isExecutable(Path.of(dir, "go"))) {
                return dir;
            }
        }
        return "";
    }

    @Test
    void aServiceThatCrashesOnStartIsShownCrashedAndRestartedWhileTheOthersRun(@TempDir Path system) throws Exception {
        Topology tiny = LaunchFixtures.tiny();
        new TreeWriter().write(new Generator().generate(tiny), system);
        Files.writeString(system.resolve("services/audit/cmd/audit/crash.go"), """
                package main

                func init() { panic("audit refuses to start: boom") }
                """);
        Recorder recorder = new Recorder();
        Run run = new LocalLauncher(settings(ProviderKind.BINARY).withSystemFolder(system), "tiny.topology.json",
                DockerSupport.none("test")).launch(tiny, recorder);
        List<Long> pids;
        try {
            Run.Outcome outcome = run.awaitStarted(START).orElseThrow();
            assertThat(outcome.running()).isTrue();
            assertThat(outcome.healthy()).isFalse();
            assertThat(outcome.reason()).contains("audit crashed");
            NodeStatus crashed = recorder.statuses.stream()
                    .filter(st -> st.node().equals("audit") && st.state() == NodeState.CRASHED).findFirst().orElseThrow();
            assertThat(crashed.message()).contains("exited with code 2").contains("panic: audit refuses to start: boom");
            // Restarted with backoff (1 s, then 2 s …), while the rest keeps serving.
            await().atMost(Duration.ofSeconds(30)).until(() -> run.status("audit").orElseThrow().restarts() >= 2);
            assertThat(recorder.saw("audit", NodeState.STARTING)).isTrue();
            assertThat(run.status("items").orElseThrow().state()).isEqualTo(NodeState.HEALTHY);
            assertThat(run.status("edge").orElseThrow().state()).isEqualTo(NodeState.HEALTHY);
            assertThat(send("GET", url(run, "edge") + "/items", null).statusCode()).isEqualTo(200);
            assertThat(run.log("audit")).anyMatch(l -> l.text().contains("restarting in"));
            pids = pids(run);
        } finally {
            run.stop();
        }
        assertNothingLeft("tiny", pids);
    }

    @Test
    void aCompileErrorFailsOnlyItsServiceWithFileAndLineAndTheRestRuns(@TempDir Path system) throws Exception {
        Topology tiny = LaunchFixtures.tiny();
        Path handler = scaffoldedHandler(tiny, system, "items", "get_items.go");
        String broken = handlerAnswering("notDeclared");
        Files.writeString(handler, broken);
        String error = "services/items/internal/handlers/get_items.go:" + lineOf(broken, "notDeclared")
                + ": undefined: notDeclared";
        Recorder recorder = new Recorder();
        // Not watching: the fix below is taken up by Restart alone.
        Run run = new LocalLauncher(settings(ProviderKind.BINARY).withSystemFolder(system).withSourceWatching(false),
                "tiny.topology.json", DockerSupport.none("test")).launch(tiny, recorder);
        List<Long> pids = new java.util.ArrayList<>();
        try {
            Run.Outcome outcome = run.awaitStarted(START).orElseThrow();
            assertThat(outcome.running()).as(outcome.reason()).isTrue();
            assertThat(outcome.healthy()).isFalse();
            assertThat(outcome.reason()).isEqualTo("items failed to build: " + error);
            NodeStatus items = run.status("items").orElseThrow();
            assertThat(items.state()).isEqualTo(NodeState.FAILED);
            assertThat(items.message()).isEqualTo(error);
            assertThat(items.pid()).isEmpty();
            assertThat(run.log("items")).as("the compiler's own output is in the node's log")
                    .anyMatch(l -> l.text().matches("internal/handlers/get_items\\.go:\\d+:\\d+: undefined: notDeclared"));
            assertThat(run.statuses()).filteredOn(st -> !st.node().equals("items"))
                    .allMatch(st -> st.state() == NodeState.HEALTHY);
            // The gateway routes to items, which is not there: it starts anyway, its readiness is its own.
            assertThat(send("GET", url(run, "edge") + "/healthz", null).statusCode()).isEqualTo(200);
            assertThat(send("GET", url(run, "audit") + "/audit", null).statusCode()).isEqualTo(200);
            pids.addAll(pids(run));

            Files.writeString(handler, handlerAnswering("\"fixed\""));
            run.restart("items");
            await().atMost(Duration.ofMinutes(2)).until(() -> run.status("items").orElseThrow().state() == NodeState.HEALTHY);
            assertThat(run.status("items").orElseThrow().message()).isEmpty();
            assertThat(send("GET", url(run, "items") + "/items", null).body()).contains("fixed");
            pids.addAll(pids(run));
        } finally {
            run.stop();
        }
        assertNothingLeft("tiny", pids);
    }

    @Test
    void aDesignWhoseOnlyServiceDoesNotBuildDoesNotRun(@TempDir Path system) throws Exception {
        Topology solo = new ProjectFile().load(Path.of("src", "test", "resources", "launch", "solo.topology.json"));
        Path handler = scaffoldedHandler(solo, system, "lonely", "get_lonely.go");
        Files.writeString(handler, handlerAnswering("notDeclared").replace("HandleGetItems", "HandleGetLonely"));
        Run run = new LocalLauncher(settings(ProviderKind.BINARY).withSystemFolder(system), "solo.topology.json",
                DockerSupport.none("test")).launch(solo, RunListener.none());
        Run.Outcome outcome = run.awaitStarted(START).orElseThrow();
        assertThat(outcome.running()).isFalse();
        assertThat(outcome.reason()).startsWith("lonely failed to build: services/lonely/internal/handlers/get_lonely.go:")
                .endsWith(": undefined: notDeclared");
        await().atMost(Duration.ofSeconds(30)).until(run::isStopped);
        assertNothingLeft("solo", List.of());
    }

    @Test
    void savingAHandlerRebuildsAndRestartsOnlyItsService(@TempDir Path system) throws Exception {
        Topology tiny = LaunchFixtures.tiny();
        Path handler = scaffoldedHandler(tiny, system, "items", "get_items.go");
        Recorder recorder = new Recorder();
        Run run = new LocalLauncher(settings(ProviderKind.BINARY).withSystemFolder(system), "tiny.topology.json",
                DockerSupport.none("test")).launch(tiny, recorder);
        List<Long> pids = new java.util.ArrayList<>();
        try {
            assertThat(run.awaitStarted(START)).hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
            long itemsBefore = pid(run, "items");
            long auditBefore = pid(run, "audit");
            long edgeBefore = pid(run, "edge");
            int seen = recorder.statuses.size();

            Files.writeString(handler, handlerAnswering("map[string]string{\"marker\": \"edited-123\"}"));
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    send("GET", url(run, "items") + "/items", null).body().contains("edited-123"));
            await().atMost(Duration.ofSeconds(10)).until(() -> run.status("items").orElseThrow().state() == NodeState.HEALTHY);
            long itemsAfter = pid(run, "items");
            assertThat(itemsAfter).isNotEqualTo(itemsBefore);
            assertThat(ProcessHandle.of(itemsBefore).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(pid(run, "audit")).isEqualTo(auditBefore);
            assertThat(pid(run, "edge")).isEqualTo(edgeBefore);
            assertThat(recorder.statuses.subList(seen, recorder.statuses.size()).stream()
                    .filter(st -> st.node().equals("items")).map(NodeStatus::state))
                    .containsSubsequence(NodeState.BUILDING, NodeState.STARTING, NodeState.HEALTHY);
            assertThat(recorder.statuses.subList(seen, recorder.statuses.size()))
                    .as("no other node was rebuilt, stopped or started").filteredOn(st -> !st.node().equals("items"))
                    .noneMatch(st -> st.state() == NodeState.BUILDING || st.state() == NodeState.STARTING
                            || st.state() == NodeState.STOPPED);
            assertThat(run.log("items")).anyMatch(l -> l.fromLauncher()
                    && l.text().equals("source changed: internal/handlers/get_items.go — rebuilding"));
            assertThat(send("GET", url(run, "edge") + "/items", null).body()).as("through the gateway").contains("edited-123");

            String broken = handlerAnswering("notDeclared");
            Files.writeString(handler, broken);
            String error = "services/items/internal/handlers/get_items.go:" + lineOf(broken, "notDeclared")
                    + ": undefined: notDeclared";
            await().atMost(Duration.ofSeconds(90)).until(() -> run.status("items").orElseThrow().message().contains(error)
                    && run.status("items").orElseThrow().state() == NodeState.HEALTHY);
            assertThat(pid(run, "items")).as("the previous build runs on").isEqualTo(itemsAfter);
            assertThat(send("GET", url(run, "items") + "/items", null).body()).contains("edited-123");
            assertThat(run.log("items")).anyMatch(l -> l.text().startsWith("build failed, still running the previous build"));
            pids.addAll(pids(run));
            pids.add(itemsBefore);
        } finally {
            run.stop();
        }
        assertNothingLeft("tiny", pids);
    }

    /** The design generated into {@code system}, and a handler file of it that is the user's ("Safe to edit"). */
    private static Path scaffoldedHandler(Topology design, Path system, String service, String file) throws Exception {
        new TreeWriter().write(new Generator().generate(design), system);
        Path handler = system.resolve("services").resolve(service).resolve("internal/handlers").resolve(file);
        assertThat(Files.readString(handler)).contains("Safe to edit");
        return handler;
    }

    /** A GET /items handler answering {@code value} as JSON: a Go expression, or an undefined name for a build error. */
    private static String handlerAnswering(String value) {
        return """
                package handlers

                import (
                	"encoding/json"
                	"net/http"
                )

                // HandleGetItems serves GET /items, edited while the system runs.
                func HandleGetItems(deps Deps) http.Handler {
                	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                		w.Header().Set("Content-Type", "application/json")
                		_ = json.NewEncoder(w).Encode(%s)
                	})
                }
                """.formatted(value);
    }

    private static int lineOf(String text, String needle) {
        return text.substring(0, text.indexOf(needle)).split("\n", -1).length;
    }

    private static long pid(Run run, String node) {
        return run.status(node).orElseThrow().pid().orElseThrow();
    }

    @Test
    void aServiceThatNeverBecomesHealthyFailsTheRunWithTheReason(@TempDir Path system) throws Exception {
        Topology tiny = LaunchFixtures.tiny();
        new TreeWriter().write(new Generator().generate(tiny), system);
        Files.writeString(system.resolve("services/items/cmd/items/slow.go"), """
                package main

                import "time"

                func init() { time.Sleep(time.Minute) }
                """);
        Recorder recorder = new Recorder();
        Run run = new LocalLauncher(settings(ProviderKind.BINARY).withSystemFolder(system)
                .withHealthTimeout(Duration.ofSeconds(3)), "tiny.topology.json", DockerSupport.none("test"))
                .launch(tiny, recorder);
        Run.Outcome outcome = run.awaitStarted(START).orElseThrow();
        assertThat(outcome.running()).isFalse();
        assertThat(outcome.reason()).isEqualTo(run.status("items").orElseThrow().message())
                .startsWith("items did not become healthy within 3 s");
        assertThat(run.status("items").orElseThrow().state()).isEqualTo(NodeState.FAILED);
        await().atMost(Duration.ofSeconds(30)).until(run::isStopped);
        assertNothingLeft("tiny", recorder.statuses.stream().flatMap(st -> st.pid().stream()).toList());
    }

    @Test
    void restartingOneNodeGivesItANewProcessAndLeavesTheOthersAlone() throws Exception {
        Run run = new LocalLauncher(settings(ProviderKind.BINARY), "tiny.topology.json", DockerSupport.none("test"))
                .launch(LaunchFixtures.tiny(), RunListener.none());
        List<Long> pids;
        try {
            assertThat(run.awaitStarted(START)).hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
            long itemsBefore = run.status("items").orElseThrow().pid().orElseThrow();
            long edgeBefore = run.status("edge").orElseThrow().pid().orElseThrow();
            run.restart("items");
            await().atMost(Duration.ofSeconds(30)).until(() -> run.status("items").orElseThrow().pid()
                    .filter(p -> p != itemsBefore).isPresent() && run.status("items").orElseThrow().state() == NodeState.HEALTHY);
            assertThat(ProcessHandle.of(itemsBefore).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(run.status("edge").orElseThrow().pid()).contains(edgeBefore);
            assertThat(send("GET", url(run, "edge") + "/items", null).statusCode()).isEqualTo(200);
            pids = new java.util.ArrayList<>(pids(run));
            pids.add(itemsBefore);
        } finally {
            run.stop();
        }
        assertNothingLeft("tiny", pids);
    }

    @Test
    void aPortInUseIsToldBeforeAnythingStarts() throws Exception {
        RunSettings designPorts = settings(ProviderKind.BINARY).withPorts(RunSettings.Ports.DESIGN);
        try (ServerSocket taken = new ServerSocket(7180)) {
            assertThatThrownBy(() -> new LocalLauncher(designPorts, "tiny.topology.json", DockerSupport.none("test"))
                    .launch(LaunchFixtures.tiny(), RunListener.none()))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageContaining("port 7180 (edge)")
                    .hasMessageContaining("free ports");
        }
        assertNothingLeft("tiny", List.of());
    }

    @Test
    void withoutGoTheRunSaysSoPlainly() {
        RunSettings noGo = settings(ProviderKind.BINARY).withSearchPath("/nonexistent");
        assertThatThrownBy(() -> new LocalLauncher(noGo, "tiny.topology.json", DockerSupport.none("test"))
                .launch(LaunchFixtures.tiny(), RunListener.none()))
                .isInstanceOf(LaunchException.class)
                .hasMessageStartingWith("Go is not installed")
                .hasMessageContaining("https://go.dev/dl");
    }

    @Test
    void aDesignWithErrorsDoesNotRun() throws Exception {
        Topology broken = new ProjectFile().load(Path.of("..", "examples", "anti-patterns.topology.json"));
        assertThatThrownBy(() -> new LocalLauncher(settings(ProviderKind.BINARY), "anti-patterns.topology.json",
                DockerSupport.none("test")).launch(broken, RunListener.none()))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("The design has")
                .hasMessageContaining("TOPO010");
    }

    /** The search path the defaults would use (PATH plus Go's install folder). */
    private static final class RunSettingsAccess {
        static String searchPath() {
            return RunSettings.defaults(LaunchFixtures.HOME).searchPath();
        }
    }
}
