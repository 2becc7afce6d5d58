package dev.topograph.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures derived from scrapes written as a generated service writes them, one a second. */
class FigureDeriverTest {
    private final PrometheusTextParser parser = new PrometheusTextParser();

    private static Topology tiny() throws Exception {
        return new ProjectFile().load(Path.of("src/test/resources/launch/tiny.topology.json"));
    }

    /** The items service after {@code t} seconds of 10 requests a second, 1 in 10 failing, 40 ms each. */
    private static String items(int t, double goroutines, int published, int hits, int misses) {
        int ok = 9 * t;
        int failed = t;
        return String.format(Locale.ROOT, """
                # TYPE http_server_requests_total counter
                http_server_requests_total{code="200",method="GET",route="/items"} %d
                http_server_requests_total{code="500",method="GET",route="/items"} %d
                http_server_requests_total{code="200",method="GET",route="/metrics"} %d
                # TYPE http_server_request_duration_seconds histogram
                http_server_request_duration_seconds_bucket{method="GET",route="/items",le="0.025"} 0
                http_server_request_duration_seconds_bucket{method="GET",route="/items",le="0.05"} %d
                http_server_request_duration_seconds_bucket{method="GET",route="/items",le="+Inf"} %d
                http_server_request_duration_seconds_sum{method="GET",route="/items"} %f
                http_server_request_duration_seconds_count{method="GET",route="/items"} %d
                # TYPE messages_published_total counter
                messages_published_total{topic="item.created"} %d
                # TYPE cache_requests_total counter
                cache_requests_total{cache="items-cache",result="hit"} %d
                cache_requests_total{cache="items-cache",result="miss"} %d
                # TYPE go_goroutines gauge
                go_goroutines %f
                # TYPE process_resident_memory_bytes gauge
                process_resident_memory_bytes 2.5e+07
                """, ok, failed, 100 * t, ok + failed, ok + failed, 0.04 * (ok + failed), ok + failed, published, hits,
                misses, goroutines);
    }

    private static String edge(int t, double goroutines) {
        return String.format(Locale.ROOT, """
                # TYPE http_server_requests_total counter
                http_server_requests_total{code="200",method="GET",route="/items"} %d
                # TYPE http_client_requests_total counter
                http_client_requests_total{code="200",target="items"} %d
                http_client_requests_total{code="500",target="items"} %d
                # TYPE go_goroutines gauge
                go_goroutines %f
                """, 10 * t, 9 * t, t, goroutines);
    }

    private static String audit(int t, int consumed) {
        return String.format(Locale.ROOT, """
                # TYPE messages_consumed_total counter
                messages_consumed_total{result="ok",topic="item.created"} %d
                messages_consumed_total{result="retry",topic="item.created"} %d
                # TYPE go_goroutines gauge
                go_goroutines 12
                """, consumed, consumed);
    }

    @Test
    void nodesShowTrafficErrorsLatencyAndEdgesTheirCallsMessagesAndHits() throws Exception {
        Topology tiny = tiny();
        FigureDeriver deriver = new FigureDeriver(tiny);
        Map<String, ScrapeHistory> h = new HashMap<>();
        h.put("items", new ScrapeHistory());
        h.put("edge", new ScrapeHistory());
        h.put("audit", new ScrapeHistory());
        SystemFigures f = SystemFigures.NONE;
        for (int t = 0; t <= 20; t++) {
            h.get("items").add(t * 1000L, parser.parse(items(t, 15, 5 * t, 3 * t, t)));
            h.get("edge").add(t * 1000L, parser.parse(edge(t, 10)));
            h.get("audit").add(t * 1000L, parser.parse(audit(t, 4 * t)));
            f = deriver.derive(t * 1000L, h, Map.of());
        }
        NodeFigures items = f.node("items").orElseThrow();
        // 10 requests a second of the user's; the 100 scrapes a second of /metrics are not traffic.
        assertThat(items.requestsPerSecond().getAsDouble()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(items.errorRatio().getAsDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        // Every observation in (0.025, 0.05]: p95 interpolates to 0.025 + 0.95 × 0.025.
        assertThat(items.p95Seconds().getAsDouble()).isCloseTo(0.04875, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(items.goroutines()).hasValue(15);
        assertThat(items.residentBytes()).hasValue(2.5e7);
        assertThat(items.requestTrend()).hasSize(20).allMatch(r -> Math.abs(r - 10) < 1e-9);
        assertThat(items.alerts()).isEmpty();
        assertThat(Thresholds.DEFAULT.judge(items)).isEqualTo(Thresholds.Health.DANGER); // 10 % errors > 5 %

        EdgeFigures call = f.edge(edgeKey(tiny, EdgeKind.HTTP)).orElseThrow();
        assertThat(call.callsPerSecond().getAsDouble()).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(call.errorRatio().getAsDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        EdgeFigures publish = f.edge(edgeKey(tiny, EdgeKind.PUBLISH)).orElseThrow();
        assertThat(publish.messagesPerSecond().getAsDouble()).isCloseTo(5, org.assertj.core.data.Offset.offset(1e-9));
        EdgeFigures subscribe = f.edge(edgeKey(tiny, EdgeKind.SUBSCRIBE)).orElseThrow();
        // Retries are not handled messages: 4 a second consumed of 5 published.
        assertThat(subscribe.messagesPerSecond().getAsDouble()).isCloseTo(4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(subscribe.backlog().getAsDouble()).isCloseTo(20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(subscribe.alerts()).as("20 waiting is no saturation yet").isEmpty();
        EdgeFigures cache = f.edge(edgeKey(tiny, EdgeKind.CACHE)).orElseThrow();
        assertThat(cache.hitRatio().getAsDouble()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static String edgeKey(Topology t, EdgeKind kind) {
        return t.edges().stream().filter(e -> e.kind() == kind).map(Edge::key).findFirst().orElseThrow();
    }

    @Test
    void aConsumerFallingBehindIsSaturated() throws Exception {
        Topology tiny = tiny();
        FigureDeriver deriver = new FigureDeriver(tiny);
        Map<String, ScrapeHistory> h = Map.of("items", new ScrapeHistory(), "audit", new ScrapeHistory());
        SystemFigures f = SystemFigures.NONE;
        for (int t = 0; t <= 40; t++) {
            h.get("items").add(t * 1000L, parser.parse(items(t, 15, 20 * t, 0, 0)));
            h.get("audit").add(t * 1000L, parser.parse(audit(t, 5 * t)));
            f = deriver.derive(t * 1000L, h, Map.of());
        }
        EdgeFigures subscribe = f.edge(edgeKey(tiny, EdgeKind.SUBSCRIBE)).orElseThrow();
        assertThat(subscribe.backlog().getAsDouble()).isCloseTo(600, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(subscribe.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.CONSUMER_SATURATED);
            assertThat(a.message()).contains("audit is saturated").contains("item.created").contains("15.0 more each second");
        });
    }

    @Test
    void goroutinesClimbingUnderFlatTrafficIsALeakAndUnderRisingTrafficIsNot() throws Exception {
        Topology tiny = tiny();
        FigureDeriver leaking = new FigureDeriver(tiny, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(45));
        Map<String, ScrapeHistory> h = Map.of("items", new ScrapeHistory());
        SystemFigures f = SystemFigures.NONE;
        for (int t = 0; t <= 45; t++) {
            h.get("items").add(t * 1000L, parser.parse(items(t, 15 + 10 * t, 0, 0, 0)));
            f = leaking.derive(t * 1000L, h, Map.of());
        }
        assertThat(f.node("items").orElseThrow().alerts()).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(Alert.Kind.GOROUTINE_LEAK));

        LeakDetector underLoad = new LeakDetector(45_000, 20);
        for (int t = 0; t <= 45; t++) {
            underLoad.add(t * 1000L, 15 + 10 * t, 10 + 5 * t); // traffic rises with the goroutines
        }
        assertThat(underLoad.judge()).isEmpty();
        LeakDetector steady = new LeakDetector(45_000, 20);
        for (int t = 0; t <= 45; t++) {
            steady.add(t * 1000L, 40 + (t % 3), 10); // noise around a base
        }
        assertThat(steady.judge()).isEmpty();
    }

    @Test
    void aPoolWithEveryConnectionInUseAndRequestsWaitingIsSaturated() throws Exception {
        Topology shop = new ProjectFile().load(Path.of("..", "examples", "shop.topology.json"));
        String dbEdge = shop.edges().stream().filter(e -> e.kind() == EdgeKind.DB && e.from().equals("orders"))
                .map(Edge::key).findFirst().orElseThrow();
        FigureDeriver deriver = new FigureDeriver(shop);
        Map<String, ScrapeHistory> h = Map.of("orders", new ScrapeHistory());
        SystemFigures calm = SystemFigures.NONE;
        SystemFigures busy = SystemFigures.NONE;
        for (int t = 0; t <= 20; t++) {
            boolean saturated = t > 10;
            int waits = saturated ? 30 * (t - 10) : 0;
            h.get("orders").add(t * 1000L, parser.parse(String.format(Locale.ROOT, """
                    # TYPE db_pool_connections_in_use gauge
                    db_pool_connections_in_use{pool="orders-db"} %d
                    # TYPE db_pool_connections_max gauge
                    db_pool_connections_max{pool="orders-db"} 10
                    # TYPE db_pool_waits_total counter
                    db_pool_waits_total{pool="orders-db"} %d
                    """, saturated ? 10 : 3, waits)));
            SystemFigures f = deriver.derive(t * 1000L, h, Map.of());
            if (t == 10) {
                calm = f;
            }
            busy = f;
        }
        EdgeFigures before = calm.edge(dbEdge).orElseThrow();
        assertThat(before.poolBusy().getAsDouble()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(before.alerts()).isEmpty();
        EdgeFigures after = busy.edge(dbEdge).orElseThrow();
        assertThat(after.poolBusy().getAsDouble()).isEqualTo(1.0);
        assertThat(after.poolWaitsPerSecond().getAsDouble()).isGreaterThan(20);
        assertThat(after.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.POOL_SATURATED);
            assertThat(a.message()).startsWith("orders's pool to orders-db is saturated: all 10 connections in use");
        });
    }

    @Test
    void aTargetThatCannotBeScrapedShowsItsProblemInRed() throws Exception {
        SystemFigures f = new FigureDeriver(tiny()).derive(0, Map.of(), Map.of("items", "/metrics did not answer within 800 ms"));
        NodeFigures items = f.node("items").orElseThrow();
        assertThat(items.problem()).contains("/metrics did not answer within 800 ms");
        assertThat(items.requestsPerSecond()).isEmpty();
        assertThat(Thresholds.DEFAULT.judge(items)).isEqualTo(Thresholds.Health.DANGER);
    }
}
