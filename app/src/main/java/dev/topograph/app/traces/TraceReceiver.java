package dev.topograph.app.traces;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An OTLP/HTTP trace receiver on loopback: services POST {@code ExportTraceServiceRequest}s to
 * {@code /v1/traces} (protobuf, or JSON), the spans land in a {@link SpanStore}. A body that is not
 * an export gets 400 and one log line; nothing a service sends can stop the receiver. It also answers
 * {@code GET /api/traces?slowest=N&route=R&node=X&limit=N} with traces as JSON, for
 * {@code topograph traces}. Two threads serve it: decoding is quick, and no request waits on the UI.
 */
public final class TraceReceiver implements AutoCloseable {
    /** The largest export body taken (the Go SDK sends at most 512 spans a batch: a few hundred KiB). */
    static final int MAX_BODY_BYTES = 16 << 20;
    private static final byte[] EMPTY_RESPONSE = new byte[0]; // an empty ExportTraceServiceResponse

    private final SpanStore store;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Consumer<String> log;
    private final AtomicLong rejected = new AtomicLong();

    private TraceReceiver(SpanStore store, HttpServer server, ExecutorService threads, Consumer<String> log) {
        this.store = store;
        this.server = server;
        this.threads = threads;
        this.log = log;
    }

    /** Starts a receiver on a free loopback port. */
    public static TraceReceiver start(SpanStore store, Consumer<String> log) throws IOException {
        return start(store, 0, log);
    }

    /** Starts a receiver on {@code port} of loopback (0: a free one). */
    public static TraceReceiver start(SpanStore store, int port, Consumer<String> log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "topograph-otlp");
            t.setDaemon(true);
            return t;
        });
        TraceReceiver receiver = new TraceReceiver(store, server, threads, log);
        server.createContext("/v1/traces", receiver::export);
        server.createContext("/api/traces", receiver::query);
        server.setExecutor(threads);
        server.start();
        return receiver;
    }

    /** The base URL services send to (OTEL_EXPORTER_OTLP_ENDPOINT): {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    public SpanStore store() {
        return store;
    }

    /** Export bodies refused as malformed since the start. */
    public long rejected() {
        return rejected.get();
    }

    private void export(HttpExchange x) throws IOException {
        try (x) {
            if (!"POST".equals(x.getRequestMethod())) {
                reply(x, 405, "text/plain", "POST an OTLP ExportTraceServiceRequest here\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            boolean gzip = "gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"));
            Optional<byte[]> body;
            try {
                body = read(gzip ? new java.util.zip.GZIPInputStream(x.getRequestBody()) : x.getRequestBody());
            } catch (java.util.zip.ZipException e) {
                rejected.incrementAndGet();
                log.accept("traces: refused an export that is not gzip as it says: " + e.getMessage());
                reply(x, 400, "text/plain", "the body is not gzip\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (body.isEmpty()) {
                reply(x, 413, "text/plain", ("an export is at most " + MAX_BODY_BYTES + " bytes\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = Optional.ofNullable(x.getRequestHeaders().getFirst("Content-Type")).orElse("")
                    .toLowerCase(Locale.ROOT);
            boolean json = type.startsWith("application/json");
            List<Span> spans;
            try {
                spans = json ? OtlpDecoder.json(body.get()) : OtlpDecoder.protobuf(body.get());
            } catch (OtlpFormatException | RuntimeException e) {
                rejected.incrementAndGet();
                log.accept("traces: refused an export from " + x.getRemoteAddress().getAddress().getHostAddress()
                        + " (" + body.get().length + " bytes): " + e.getMessage());
                reply(x, 400, "text/plain", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            store.add(spans);
            reply(x, 200, json ? "application/json" : "application/x-protobuf",
                    json ? "{}".getBytes(StandardCharsets.UTF_8) : EMPTY_RESPONSE);
        } catch (IOException | RuntimeException e) {
            log.accept("traces: an export failed: " + e);
        }
    }

    private void query(HttpExchange x) throws IOException {
        try (x) {
            Map<String, String> q = parameters(x.getRequestURI());
            TraceFilter filter = TraceFilter.ALL.withRoute(q.get("route")).withNode(q.get("node"));
            List<Trace> traces;
            if (q.containsKey("id")) {
                traces = store.trace(q.get("id")).map(List::of).orElse(List.of());
            } else if (q.containsKey("slowest")) {
                traces = store.slowest(filter, number(q.get("slowest"), 10));
            } else {
                traces = store.recent(filter, number(q.get("limit"), 50));
            }
            reply(x, 200, "application/json", TraceJson.write(traces).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.accept("traces: a query failed: " + e);
        }
    }

    private static int number(String s, int otherwise) {
        try {
            return s == null ? otherwise : Math.max(1, Math.min(10_000, Integer.parseInt(s)));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Map<String, String> parameters(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The body, or empty when it is larger than {@link #MAX_BODY_BYTES}. */
    private static Optional<byte[]> read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(body);
    }

    private static void reply(HttpExchange x, int code, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
