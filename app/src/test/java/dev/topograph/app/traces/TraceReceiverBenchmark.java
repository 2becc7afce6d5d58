package dev.topograph.app.traces;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the designer's trace receiver takes: exports of 512 spans (the Go SDK's batch), five spans a
 * trace with the attributes a generated service sets. Prints, per round, spans per second decoded
 * and stored on one thread (the receiver's work per request), then over HTTP on loopback from one
 * sender (what a service sees), then the heap a full ring of {@link SpanStore#DEFAULT_CAPACITY}
 * spans holds. A program that prints figures, not a test:
 *
 * <pre>
 * ./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.topograph.app.traces.TraceReceiverBenchmark
 * </pre>
 */
public final class TraceReceiverBenchmark {
    private static final int BATCH = 512;
    private static final int ROUNDS = 5;

    private TraceReceiverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "2"));
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            bodies.add(body(b));
        }
        System.out.printf(Locale.ROOT, "export: %d spans, %,d bytes%n", BATCH, bodies.get(0).length);

        ringMemory();

        SpanStore store = new SpanStore();
        decodeFor(store, bodies, 3.0);
        double[] local = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            local[r] = decodeFor(store, bodies, seconds);
            System.out.printf(Locale.ROOT, "round %d, decode + store on one thread: %,.0f spans/s%n", r + 1, local[r]);
        }
        System.out.printf(Locale.ROOT, "median decode + store: %,.0f spans/s%n", median(local));

        try (TraceReceiver receiver = TraceReceiver.start(new SpanStore(), line -> System.out.println(line))) {
            HttpClient http = HttpClient.newHttpClient();
            URI url = URI.create(receiver.endpoint() + "/v1/traces");
            postFor(http, url, bodies, 3.0);
            double[] overHttp = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                overHttp[r] = postFor(http, url, bodies, seconds);
                System.out.printf(Locale.ROOT, "round %d, OTLP/HTTP from one sender: %,.0f spans/s%n", r + 1, overHttp[r]);
            }
            System.out.printf(Locale.ROOT, "median OTLP/HTTP: %,.0f spans/s%n", median(overHttp));
        }

    }

    private static void ringMemory() throws Exception {
        long before = usedAfterGc();
        SpanStore full = new SpanStore();
        for (int i = 0; full.size() < full.capacity(); i++) {
            full.add(OtlpDecoder.protobuf(body(1000 + i)));
        }
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "full ring: %,d spans in %,d traces: %.1f MiB (%,d bytes a span)%n",
                full.size(), full.traceCount(), (after - before) / 1048576.0, (after - before) / full.size());
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            int found = full.recent(TraceFilter.ALL.withMinDurationNanos(1_000_000), 200).size();
            System.out.printf(Locale.ROOT, "newest 200 traces of over 1 ms from the full ring: %d in %.1f ms%n", found,
                    (System.nanoTime() - t0) / 1e6);
        }

    }

    private static double decodeFor(SpanStore store, List<byte[]> bodies, double seconds) throws OtlpFormatException {
        long spans = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            List<Span> batch = OtlpDecoder.protobuf(bodies.get(i++ % bodies.size()));
            store.add(batch);
            spans += batch.size();
        }
        return spans / ((System.nanoTime() - start) / 1e9);
    }

    private static double postFor(HttpClient http, URI url, List<byte[]> bodies, double seconds) throws Exception {
        long spans = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i++ % bodies.size()))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the receiver answered " + r.statusCode());
            }
            spans += BATCH;
        }
        return spans / ((System.nanoTime() - start) / 1e9);
    }

    /** One export: 512 spans of a gateway → service → SQL + cache + publish request, five spans a trace. */
    static byte[] body(int batch) {
        List<io.opentelemetry.proto.trace.v1.Span> spans = new ArrayList<>();
        long t0 = 1_700_000_000_000_000_000L + batch * 1_000_000_000L;
        for (int i = 0; i < BATCH / 5 + 1 && spans.size() < BATCH; i++) {
            long n = (long) batch * BATCH + i;
            String trace = Exports.traceId(n);
            long s = t0 + i * 100_000L;
            String root = Exports.spanId(n * 8);
            spans.add(Exports.span(trace, root, "", "GET /orders/{id}", SpanKind.SPAN_KIND_SERVER, s, s + 4_000_000,
                    false, Map.of("http.route", "/orders/{id}", "http.request.method", "GET",
                            "http.response.status_code", "200", "url.path", "/orders/" + n, "server.address", "orders")));
            spans.add(Exports.span(trace, Exports.spanId(n * 8 + 1), root, "SELECT orders", SpanKind.SPAN_KIND_CLIENT,
                    s + 100_000, s + 1_900_000, false, Map.of("db.system", "postgresql",
                            "db.query.text", "SELECT id, total FROM orders WHERE id = $1", "db.operation.name", "SELECT")));
            spans.add(Exports.span(trace, Exports.spanId(n * 8 + 2), root, "redis GET", SpanKind.SPAN_KIND_CLIENT,
                    s + 2_000_000, s + 2_300_000, false, Map.of("db.system", "redis", "db.operation.name", "GET")));
            spans.add(Exports.span(trace, Exports.spanId(n * 8 + 3), root, "order.read publish",
                    SpanKind.SPAN_KIND_PRODUCER, s + 2_400_000, s + 2_600_000, false, Map.of("messaging.system", "nats",
                            "messaging.destination.name", "order.read", "messaging.operation.type", "publish")));
            spans.add(Exports.span(trace, Exports.spanId(n * 8 + 4), root, "encode", SpanKind.SPAN_KIND_INTERNAL,
                    s + 2_700_000, s + 3_900_000, false, Map.of()));
        }
        return Exports.request("orders", spans.subList(0, BATCH)).toByteArray();
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
