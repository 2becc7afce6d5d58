package dev.topograph.app.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.app.launch.local.LocalLauncher;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real generated system, run by the launcher with tracing pointed at the app's receiver: requests
 * through the gateway come back as spans of the gateway and the service, recorded under their node ids,
 * joined into one trace that crosses the drawn edge.
 */
class TracesEndToEndTest {

    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
    }

    @Test
    void requestsThroughTheGatewayLandAsSpansOfTheirNodes(@TempDir Path system) throws Exception {
        Topology tiny = LaunchFixtures.tiny();
        new TreeWriter().write(new Generator().generate(tiny), system);
        List<String> refused = new CopyOnWriteArrayList<>();
        try (TraceReceiver receiver = TraceReceiver.start(new SpanStore(), refused::add)) {
            Run run = new LocalLauncher(LaunchFixtures.settings(ProviderKind.BINARY).withSystemFolder(system)
                    .withTraces(receiver.endpoint()), "tiny.topology.json").launch(tiny, RunListener.none());
            try {
                assertThat(run.awaitStarted(Duration.ofMinutes(6)))
                        .hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
                String gateway = LaunchFixtures.url(run, "edge");
                for (int i = 0; i < 5; i++) {
                    assertThat(LaunchFixtures.send("GET", gateway + "/items", null).statusCode()).isEqualTo(200);
                }
                assertThat(LaunchFixtures.send("POST", gateway + "/items", "{\"name\":\"pen\"}").statusCode())
                        .isEqualTo(201);

                SpanStore store = receiver.store();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(store.all())
                        .flatExtracting(Trace::spans).extracting(Span::node).contains("edge", "items"));
                List<Trace> traces = store.recent(TraceFilter.ALL.withNode("items"), 100);
                assertThat(traces).isNotEmpty();
                // Trace context crosses the gateway: a request is one trace of both nodes, the gateway's span its root.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(store.recent(
                        TraceFilter.ALL.withNode("items").withRoute("/items"), 100))
                        .anySatisfy(t -> {
                            assertThat(t.nodes()).contains("edge", "items");
                            assertThat(t.root().node()).isEqualTo("edge");
                            assertThat(TracePath.of(t, tiny)).extracting(TracePath.Hop::edgeKey)
                                    .contains("edge->items:http");
                        }));
                assertThat(traces).flatExtracting(Trace::spans).filteredOn(s -> s.node().equals("items"))
                        .allSatisfy(s -> {
                            assertThat(s.traceId()).hasSize(32);
                            assertThat(s.durationNanos()).isPositive();
                        });
                // The POST publishes item.created: its trace goes on into audit's handling of the message.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(store.recent(
                        TraceFilter.ALL.withNode("audit"), 10)).anySatisfy(t -> {
                            assertThat(t.root().node()).isEqualTo("edge");
                            assertThat(TracePath.of(t, tiny)).extracting(TracePath.Hop::edgeKey).containsExactly(
                                    "edge->items:http", "items->item-events:publish:item.created",
                                    "item-events->audit:subscribe:item.created");
                        }));
                System.out.println("traces of tiny: " + store.traceCount() + " traces, " + store.size() + " spans");
                traces.stream().limit(3).forEach(t -> System.out.println("  " + t.route() + " " + t.nodes() + " "
                        + t.spans().stream().map(s -> s.node() + ":" + s.name() + ":" + s.kind()).toList()));
                assertThat(refused).isEmpty();
            } finally {
                run.stop();
            }
        }
    }
}
