package dev.topograph.app.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How spans map onto the drawn edges of the shop example, and the p50/p95 an edge's tooltip gives. */
class TracePathTest {
    private static final String T = "0000000000000000000000000000abcd";

    private static Span span(String id, String parent, String node, Span.Kind kind, long start, long end,
            Map<String, String> attributes) {
        return new Span(T, id, parent, node, "s" + id, kind, start, end, false, attributes);
    }

    private static Topology shop() throws Exception {
        return new ProjectFile().load(Path.of("..", "examples", "shop.topology.json"));
    }

    @Test
    void aCallIsOneHopTimedByTheCallerAndChildSpansCrossTheirStoresAndTopics() throws Exception {
        Trace trace = new Trace(T, List.of(
                span("1", "", "gateway", Span.Kind.SERVER, 0, 100, Map.of()),
                span("2", "1", "gateway", Span.Kind.CLIENT, 5, 95, Map.of()),
                span("3", "2", "orders", Span.Kind.SERVER, 10, 90, Map.of()),
                span("4", "3", "orders", Span.Kind.CLIENT, 11, 30, Map.of("db.system", "postgresql")),
                span("5", "3", "orders", Span.Kind.PRODUCER, 31, 35, Map.of("messaging.destination.name", "order.created")),
                span("6", "5", "payments", Span.Kind.CONSUMER, 40, 80, Map.of("messaging.destination.name", "order.created")),
                span("7", "3", "orders", Span.Kind.CLIENT, 50, 60, Map.of()),
                span("8", "7", "catalog", Span.Kind.SERVER, 52, 58, Map.of()),
                span("9", "8", "catalog", Span.Kind.INTERNAL, 53, 54, Map.of("cache.name", "catalog-cache")),
                span("10", "8", "catalog", Span.Kind.CLIENT, 54, 57, Map.of("db.system.name", "postgres"))));
        List<TracePath.Hop> hops = TracePath.of(trace, shop());
        assertThat(hops).extracting(TracePath.Hop::edgeKey).containsExactly("gateway->orders:http", "orders->orders-db:db",
                "orders->order-events:publish:order.created", "order-events->payments:subscribe:order.created",
                "orders->catalog:http", "catalog->catalog-cache:cache", "catalog->catalog-db:db");
        assertThat(hops.get(0).nanos()).as("the gateway's client span, not the server's 80").isEqualTo(90);
        assertThat(TracePath.slowest(hops).orElseThrow().edgeKey()).isEqualTo("gateway->orders:http");
    }

    @Test
    void anEdgeGetsTheNearestRankP50AndP95OfItsHops() throws Exception {
        List<Trace> traces = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            String id = String.format("%032x", i);
            traces.add(new Trace(id, List.of(
                    new Span(id, "01", "", "orders", "POST /orders", Span.Kind.SERVER, 0, 1000, false, Map.of()),
                    new Span(id, "02", "01", "orders", "INSERT", Span.Kind.CLIENT, 0, i * 1_000_000L, false,
                            Map.of("db.system", "postgresql")))));
        }
        EdgeLatency l = EdgeLatency.of(traces, shop()).get("orders->orders-db:db");
        assertThat(l.hops()).isEqualTo(100);
        assertThat(l.p50Nanos()).isEqualTo(50_000_000);
        assertThat(l.p95Nanos()).isEqualTo(95_000_000);
    }
}
