package dev.topograph.app.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver takes OTLP/HTTP exports as services send them, assembles traces, and refuses junk with a 400. */
class TraceReceiverTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private TraceReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = TraceReceiver.start(new SpanStore(1000), log::add);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(receiver.endpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void spansFromTwoServicesAssembleIntoOneTrace() throws Exception {
        String trace = Exports.traceId(7);
        long t0 = 1_700_000_000_000_000_000L;
        post("application/x-protobuf", Exports.request("edge", List.of(
                Exports.span(trace, Exports.spanId(1), "", "GET /items", SpanKind.SPAN_KIND_SERVER, t0, t0 + 9_000_000,
                        false, Map.of("http.route", "/items")),
                Exports.span(trace, Exports.spanId(2), Exports.spanId(1), "GET", SpanKind.SPAN_KIND_CLIENT,
                        t0 + 1_000_000, t0 + 8_000_000, false, Map.of()))).toByteArray(), 200);
        post("application/x-protobuf", Exports.request("items", List.of(
                Exports.span(trace, Exports.spanId(3), Exports.spanId(2), "GET /items", SpanKind.SPAN_KIND_SERVER,
                        t0 + 2_000_000, t0 + 7_000_000, false, Map.of("http.route", "/items")),
                Exports.span(trace, Exports.spanId(4), Exports.spanId(3), "redis GET", SpanKind.SPAN_KIND_CLIENT,
                        t0 + 3_000_000, t0 + 4_000_000, true, Map.of("db.system", "redis")))).toByteArray(), 200);

        Trace t = receiver.store().trace(trace).orElseThrow();
        assertThat(t.spans()).extracting(Span::node).containsExactly("edge", "edge", "items", "items");
        assertThat(t.root().spanId()).isEqualTo(Exports.spanId(1));
        assertThat(t.route()).isEqualTo("/items");
        assertThat(t.durationNanos()).isEqualTo(9_000_000);
        assertThat(t.error()).isTrue();
        assertThat(t.depth(t.span(Exports.spanId(4)).orElseThrow())).isEqualTo(3);
        assertThat(t.span(Exports.spanId(4)).orElseThrow().kind()).isEqualTo(Span.Kind.CLIENT);
    }

    @Test
    void theJsonFormOfAnExportIsTakenToo() throws Exception {
        String body = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"items"}}]},
                 "scopeSpans":[{"spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
                  "name":"POST /items","kind":2,"startTimeUnixNano":"1544712660000000000",
                  "endTimeUnixNano":"1544712661000000000","status":{"code":2},
                  "attributes":[{"key":"http.response.status_code","value":{"intValue":"500"}}]}]}]}]}
                """;
        post("application/json", body.getBytes(StandardCharsets.UTF_8), 200);
        Trace t = receiver.store().trace("5b8efff798038103d269b633813fc60c").orElseThrow();
        assertThat(t.root().node()).isEqualTo("items");
        assertThat(t.root().kind()).isEqualTo(Span.Kind.SERVER);
        assertThat(t.root().error()).isTrue();
        assertThat(t.root().attribute("http.response.status_code")).contains("500");
        assertThat(t.durationNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void aMalformedExportGetsA400AndALogLineAndTheReceiverGoesOn() throws Exception {
        HttpResponse<String> junk = post("application/x-protobuf", new byte[] {(byte) 0xff, (byte) 0xff, 0x01}, 400);
        assertThat(junk.body()).contains("ExportTraceServiceRequest");
        post("application/json", "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8), 400);
        post("application/json", "[1,2".getBytes(StandardCharsets.UTF_8), 400);
        // a trace id of the wrong length is malformed too
        post("application/x-protobuf", Exports.request("items", List.of(Exports.span("abcd", Exports.spanId(1), "",
                "x", SpanKind.SPAN_KIND_SERVER, 1, 2, false, Map.of()))).toByteArray(), 400);
        assertThat(log).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("traces: refused an export"));
        assertThat(receiver.rejected()).isEqualTo(4);
        assertThat(receiver.store().size()).isZero();

        post("application/x-protobuf", Exports.request("items", List.of(Exports.span(Exports.traceId(1),
                Exports.spanId(1), "", "x", SpanKind.SPAN_KIND_SERVER, 1, 2, false, Map.of()))).toByteArray(), 200);
        assertThat(receiver.store().size()).isOne();
    }

    @Test
    void theQueryApiAnswersTheSlowestTracesOfARoute() throws Exception {
        for (int i = 0; i < 20; i++) {
            String route = i % 2 == 0 ? "/items" : "/audit";
            post("application/x-protobuf", Exports.request("items", List.of(Exports.span(Exports.traceId(i),
                    Exports.spanId(i), "", "GET " + route, SpanKind.SPAN_KIND_SERVER, 1000L * i, 1000L * i + i * 1_000_000L,
                    false, Map.of("http.route", route)))).toByteArray(), 200);
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create(receiver.endpoint() + "/api/traces?slowest=3&route=/items")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Trace> traces = TraceJson.read(answer.body());
        assertThat(traces).extracting(Trace::traceId)
                .containsExactly(Exports.traceId(18), Exports.traceId(16), Exports.traceId(14));
    }

    @Test
    void theRingKeepsTheNewestSpansAndForgetsTracesWholly() {
        SpanStore store = new SpanStore(10);
        for (int i = 0; i < 25; i++) {
            store.add(List.of(new Span(Exports.traceId(i / 5), Exports.spanId(i), "", "items", "s", Span.Kind.SERVER,
                    i, i + 1, false, Map.of())));
        }
        assertThat(store.size()).isEqualTo(10);
        assertThat(store.added()).isEqualTo(25);
        assertThat(store.traceCount()).isEqualTo(2);
        assertThat(store.trace(Exports.traceId(0))).isEmpty();
        assertThat(store.trace(Exports.traceId(4)).orElseThrow().spans()).hasSize(5);
    }

    @Test
    void listenersHearEachBatch() throws Exception {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        receiver.store().listen(b -> batches.add(b.size()));
        post("application/x-protobuf", Exports.request("items", List.of(
                Exports.span(Exports.traceId(1), Exports.spanId(1), "", "a", SpanKind.SPAN_KIND_SERVER, 1, 2, false, Map.of()),
                Exports.span(Exports.traceId(1), Exports.spanId(2), Exports.spanId(1), "b", SpanKind.SPAN_KIND_INTERNAL,
                        1, 2, false, Map.of()))).toByteArray(), 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.equals(List.of(2)));
    }

    private HttpResponse<String> post(String type, byte[] body, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/traces"))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return r;
    }
}
