package dev.topograph.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.app.launch.local.LocalLauncher;
import dev.topograph.app.metrics.Alert;
import dev.topograph.app.metrics.EdgeFigures;
import dev.topograph.app.metrics.NodeFigures;
import dev.topograph.app.metrics.SystemFigures;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real generated services, real traffic, real scrapes: the figures land on the right nodes and
 * edges, an injected error rate shows on the node that fails, and a handler that leaks a goroutine
 * per request is flagged while the healthy services are not.
 */
class LiveMetricsEndToEndTest {

    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
    }

    @Test
    void trafficErrorsAndALeakShowWhereTheyHappen(@TempDir Path system) throws Exception {
        Topology tiny = LaunchFixtures.tiny();
        new TreeWriter().write(new Generator().generate(tiny), system);
        // items fails one request in ten (those asking ?fail=1); audit leaks a goroutine per request.
        Path items = system.resolve("services/items/internal/handlers/get_items.go");
        Files.writeString(items, Files.readString(items).replace(
                "items, err := deps.Items.List(", "if r.URL.Query().Get(\"fail\") != \"\" {\n"
                        + "\t\t\thttp.Error(w, \"injected failure\", http.StatusInternalServerError)\n\t\t\treturn\n\t\t}\n"
                        + "\t\titems, err := deps.Items.List("));
        Path audit = system.resolve("services/audit/internal/handlers/get_audit.go");
        Files.writeString(audit, Files.readString(audit).replace(
                "items, err := deps.Items.List(", "go func() { select {} }() // the leak under test\n"
                        + "\t\titems, err := deps.Items.List("));

        Run run = new LocalLauncher(LaunchFixtures.settings(ProviderKind.BINARY).withSystemFolder(system),
                "tiny.topology.json").launch(tiny, RunListener.none());
        AtomicReference<SystemFigures> latest = new AtomicReference<>(SystemFigures.NONE);
        try (MetricsScraper scraper = new MetricsScraper(tiny, MetricsScraper.Settings.DEFAULT, latest::set)) {
            assertThat(run.awaitStarted(Duration.ofMinutes(6)))
                    .hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
            List<NodeStatus> programs = run.statuses().stream()
                    .filter(s -> tiny.node(s.node()).orElseThrow().listenPort().isPresent()).toList();
            scraper.targets(programs.stream()
                    .map(s -> new MetricsScraper.Target(s.node(), URI.create(s.metrics().orElseThrow()))).toList());
            scraper.start();
            // Metrics come from each program's metrics port; the port its clients use has none.
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (NodeStatus s : programs) {
                assertThat(s.metrics().orElseThrow()).as(s.node()).isNotEqualTo(s.url().orElseThrow() + "/metrics");
                HttpResponse<String> publicPort = http.send(HttpRequest.newBuilder(
                        URI.create(s.url().orElseThrow() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(publicPort.statusCode()).as("GET /metrics on %s's public port", s.node()).isEqualTo(404);
            }
            String edge = LaunchFixtures.url(run, "edge");
            String auditUrl = LaunchFixtures.url(run, "audit");
            Duration steady = Duration.ofSeconds(55);
            List<CompletableFuture<TrafficGenerator.Summary>> load = List.of(
                    send("GET", edge + "/items", "", 18, steady),
                    send("GET", edge + "/items?fail=1", "", 2, steady),
                    send("POST", edge + "/items", "{\"name\":\"pen\"}", 5, steady),
                    send("GET", edge + "/items/no-such-item", "", 5, steady),
                    send("GET", auditUrl + "/audit", "", 10, steady));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    latest.get().node("audit").map(n -> n.alerts().stream()
                            .anyMatch(a -> a.kind() == Alert.Kind.GOROUTINE_LEAK)).orElse(false));
            SystemFigures f = latest.get();
            NodeFigures itemsFigures = f.node("items").orElseThrow();
            assertThat(itemsFigures.requestsPerSecond().getAsDouble()).isGreaterThan(10);
            assertThat(itemsFigures.errorRatio().getAsDouble()).as("2 of 25 requests a second fail").isBetween(0.03, 0.15);
            assertThat(itemsFigures.alerts()).as("items does not leak").isEmpty();
            assertThat(f.node("edge").orElseThrow().alerts()).as("the gateway does not leak").isEmpty();
            assertThat(f.node("audit").orElseThrow().errorRatio().getAsDouble()).isZero();
            assertThat(f.node("audit").orElseThrow().goroutines().getAsDouble()).isGreaterThan(100);
            assertThat(edgeFigures(tiny, f, EdgeKind.HTTP).callsPerSecond().getAsDouble()).isGreaterThan(10);
            assertThat(edgeFigures(tiny, f, EdgeKind.PUBLISH).messagesPerSecond().getAsDouble()).isGreaterThan(2);
            assertThat(edgeFigures(tiny, f, EdgeKind.SUBSCRIBE).messagesPerSecond().getAsDouble()).isGreaterThan(2);
            assertThat(edgeFigures(tiny, f, EdgeKind.CACHE).hitRatio()).as("reads by id go through the cache").isPresent();
            senders.forEach(TrafficGenerator::stop);
            assertThat(load).allSatisfy(l -> assertThat(l.get(30, java.util.concurrent.TimeUnit.SECONDS).sent()).isPositive());
        } finally {
            senders.forEach(TrafficGenerator::stop);
            run.stop();
        }
    }

    private static EdgeFigures edgeFigures(Topology t, SystemFigures f, EdgeKind kind) {
        Edge edge = t.edges().stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
        return f.edge(edge.key()).orElseThrow();
    }

    private final List<TrafficGenerator> senders = new java.util.concurrent.CopyOnWriteArrayList<>();

    private CompletableFuture<TrafficGenerator.Summary> send(String method, String url, String body, double rate,
            Duration duration) {
        TrafficGenerator traffic = new TrafficGenerator();
        senders.add(traffic);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return traffic.send(new TrafficGenerator.Plan(method, URI.create(url), body, rate, duration), n -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
