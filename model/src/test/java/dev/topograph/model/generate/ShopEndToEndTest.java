package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.model.generate.SystemView.ClientView;
import dev.topograph.model.generate.SystemView.GatewayView;
import dev.topograph.model.generate.SystemView.RouteView;
import dev.topograph.model.generate.SystemView.ServiceView;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated shop, end to end on real parts: real NATS (JetStream), Redis and PostgreSQL
 * servers, every service and the gateway built with go and run as processes; and the platform's
 * own PostgreSQL tests run on that server. Needs the servers' packages (.ci/run installs them);
 * CI fails without them, elsewhere the test is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopEndToEndTest {
    @TempDir
    static Path work;

    private LocalServers servers;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    /** Where each program serves /metrics: a port of its own, not the one its callers use. */
    private final Map<String, Integer> metricsPorts = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private SystemView system;
    private Path bin;
    private Path tree;
    private int postgresPort;

    @BeforeAll
    void startTheSystem() throws Exception {
        boolean ready = LocalServers.available() && LocalServers.onPath("go");
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install nats-server, redis-server, postgresql and go for this test");
        }
        assumeTrue(ready, "nats-server, redis-server, PostgreSQL or go missing");

        Topology shop = GeneratedTrees.load("shop");
        system = SystemView.of(shop);
        tree = work.resolve("shop");
        new TreeWriter().write(new Generator().generate(shop), tree);
        bin = Files.createDirectories(work.resolve("bin"));
        for (ServiceView s : system.services()) {
            LocalServers.exec(List.of("go", "-C", tree.resolve("services/" + s.id()).toString(), "build", "-o",
                    bin.resolve(s.id()).toString(), "./cmd/" + s.id()));
        }
        LocalServers.exec(List.of("go", "-C", tree.resolve("gateway").toString(), "build", "-o", bin + "/", "./cmd/..."));

        servers = new LocalServers(Files.createDirectories(work.resolve("servers")));
        String nats = servers.nats();
        String redis = servers.redis();
        List<String> databases = new ArrayList<>(system.services().stream().filter(ServiceView::hasDatabase)
                .map(s -> s.database().dbName()).toList());
        // One more for the platform's own PostgreSQL tests.
        databases.add("store_test");
        int pg = servers.postgres(databases);
        postgresPort = pg;

        for (ServiceView s : system.services()) {
            ports.put(s.id(), LocalServers.freePort());
        }
        for (GatewayView g : system.gateways()) {
            ports.put(g.id(), LocalServers.freePort());
        }
        for (ServiceView s : system.services()) {
            Map<String, String> env = baseEnv(s.id());
            env.put("NATS_URL", nats);
            env.put("REDIS_ADDR", redis);
            if (s.hasDatabase()) {
                env.put("DATABASE_URL", "postgres://postgres@127.0.0.1:" + pg + "/" + s.database().dbName()
                        + "?sslmode=disable");
            }
            for (ClientView c : s.clients()) {
                env.put(c.envVar(), "http://127.0.0.1:" + ports.get(c.target()));
            }
            start(s.id(), env);
        }
        for (GatewayView g : system.gateways()) {
            Map<String, String> env = baseEnv(g.id());
            for (RouteView r : g.routes()) {
                env.put(r.envVar(), "http://127.0.0.1:" + ports.get(r.target()));
            }
            start(g.id(), env);
        }
        for (String id : processes.keySet()) {
            awaitReady(id);
        }
    }

    private Map<String, String> baseEnv(String id) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(ports.get(id)));
        metricsPorts.put(id, LocalServers.freePort());
        env.put("METRICS_PORT", String.valueOf(metricsPorts.get(id)));
        env.put("ADMIN_PORT", String.valueOf(LocalServers.freePort()));
        env.put("SHUTDOWN_DRAIN", "1s");
        return env;
    }

    private void start(String id, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(bin.resolve(id).toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve(id + ".log").toFile());
        pb.environment().putAll(env);
        processes.put(id, pb.start());
    }

    @AfterAll
    void stopTheSystem() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void anOrderPostedThroughTheGatewayReachesEverySubscriber() throws Exception {
        HttpResponse<String> created = send("gateway", "POST", "/orders", "{\"sku\":\"book-42\",\"quantity\":2}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"sku\":\"book-42\"").contains("\"id\":\"");
        String id = field(created.body(), "id");
        HttpResponse<String> read = send("gateway", "GET", "/orders/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("book-42");

        for (String subscriber : List.of("payments", "inventory")) {
            awaitMetric(subscriber, "messages_consumed_total{result=\"ok\",topic=\"order.created\"}", 1);
        }
        assertThat(metric("orders", "messages_published_total{topic=\"order.created\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric("orders", "http_client_requests_total{code=\"200\",target=\"catalog\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric("gateway", "http_client_requests_total{code=\"201\",target=\"orders\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void aSecondReadOfAProductIsACacheHit() throws Exception {
        HttpResponse<String> created = send("gateway", "POST", "/products", "{\"name\":\"Lamp\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = field(created.body(), "id");
        double hitsBefore = metric("catalog", "cache_requests_total{cache=\"catalog-cache\",result=\"hit\"}");
        assertThat(send("gateway", "GET", "/products/" + id, null).statusCode()).isEqualTo(200);
        assertThat(send("gateway", "GET", "/products/" + id, null).body()).contains("Lamp");
        assertThat(metric("catalog", "cache_requests_total{cache=\"catalog-cache\",result=\"miss\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric("catalog", "cache_requests_total{cache=\"catalog-cache\",result=\"hit\"}")).isEqualTo(hitsBefore + 1);
    }

    /**
     * Every process's live /metrics passes client_golang's promlint, scraped after traffic that
     * fills the labelled series: requests through the gateway, calls between services, messages
     * published and consumed, cache hits and misses, a 404.
     */
    @Test
    @Order(3)
    void everyProcesssLiveMetricsPassPromlint() throws Exception {
        assumeTrue(EcosystemValidators.require(), "go is not on PATH");
        HttpResponse<String> created = send("gateway", "POST", "/orders", "{\"sku\":\"lamp-7\",\"quantity\":1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> product = send("gateway", "POST", "/products", "{\"name\":\"Desk\"}");
        String id = field(product.body(), "id");
        send("gateway", "GET", "/products/" + id, null);
        send("gateway", "GET", "/products/" + id, null);
        assertThat(send("gateway", "GET", "/no-such-route", null).statusCode()).isEqualTo(404);
        awaitMetric("payments", "messages_consumed_total{result=\"ok\",topic=\"order.created\"}", 1);
        assertThat(scrape("catalog"))
                .as("the scrape holds labelled counters and histograms")
                .contains("http_server_requests_total{", "http_server_request_duration_seconds_bucket{",
                        "cache_requests_total{");

        List<String> scrapes = processes.keySet().stream().map(this::metricsUrl).toList();
        EcosystemValidators.Outcome lint = EcosystemValidators.run(work, "promlint", scrapes);
        System.out.printf("promlint on %d live scrapes: %.2f s%n", scrapes.size(), lint.seconds());
        assertThat(lint.output()).as("promlint's findings").isBlank();
        assertThat(lint.exitCode()).isZero();
    }

    /**
     * An order posted twice through the gateway under one Idempotency-Key: one order is stored,
     * the second answer is the first replayed, its event reaches each subscriber once; the same
     * key with another body is refused.
     */
    @Test
    @Order(4)
    void anOrderPostedTwiceWithOneIdempotencyKeyIsStoredAndAnnouncedOnce() throws Exception {
        String series = "messages_consumed_total{result=\"ok\",topic=\"order.created\"}";
        // Every order so far announced once and handled once: payments' count settles there.
        int ordersBefore = send("gateway", "GET", "/orders", null).body().split("\"sku\":", -1).length - 1;
        awaitMetric("payments", series, ordersBefore);
        double consumedBefore = metric("payments", series);
        assertThat(consumedBefore).as("order events handled by payments").isEqualTo(ordersBefore);
        String body = "{\"sku\":\"pen-7\",\"quantity\":1}";
        HttpResponse<String> first = sendWithKey("/orders", body, "order-key-1");
        HttpResponse<String> second = sendWithKey("/orders", body, "order-key-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        HttpResponse<String> other = sendWithKey("/orders", "{\"sku\":\"pen-8\"}", "order-key-1");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(422);

        String orders = send("gateway", "GET", "/orders", null).body();
        assertThat(orders.split("pen-7", -1).length - 1).as("orders stored under one key: %s", orders).isEqualTo(1);
        awaitMetric("payments", series, consumedBefore + 1);
        Thread.sleep(500);
        assertThat(metric("payments", series)).as("payments handled the order's event once").isEqualTo(consumedBefore + 1);
    }

    private HttpResponse<String> sendWithKey(String path, String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("gateway") + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * SIGTERM in the middle of 200 requests/s. The service first reports draining on /readyz
     * while it keeps serving (SHUTDOWN_DRAIN); the load generator, like a load balancer, stops
     * sending once it sees that; then the server finishes what it accepted and exits 0. Every
     * request sent must get its answer.
     */
    @Test
    @Order(5)
    void sigtermUnderLoadLosesNoRequest() throws Exception {
        int port = ports.get("catalog");
        int rate = 200;
        int seconds = 5;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger held = new AtomicInteger();
        List<String> lost = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<?>> sent = new ArrayList<>();
        Process catalog = processes.get("catalog");
        Thread watcher = new Thread(() -> {
            while (!draining.get() && catalog.isAlive()) {
                try {
                    if (rawGet(port, "/readyz") == 503) {
                        draining.set(true);
                    }
                } catch (IOException e) {
                    draining.set(true);
                }
                sleepQuietly(20);
            }
        });
        Instant start = Instant.now();
        boolean signalled = false;
        for (int i = 0; i < rate * seconds; i++) {
            long due = start.toEpochMilli() + i * 1000L / rate;
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            if (!signalled && i >= rate * seconds / 2) {
                catalog.destroy(); // SIGTERM
                watcher.start();
                signalled = true;
            }
            if (draining.get()) {
                held.incrementAndGet();
                continue;
            }
            sent.add(pool.submit(() -> {
                try {
                    int status = rawGet(port, "/products");
                    if (status == 200) {
                        ok.incrementAndGet();
                    } else {
                        lost.add("status " + status);
                    }
                } catch (IOException e) {
                    lost.add(e.toString());
                }
            }));
        }
        for (Future<?> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(catalog.waitFor(30, TimeUnit.SECONDS)).as("catalog exits after SIGTERM").isTrue();
        assertThat(catalog.exitValue()).as("a graceful shutdown exits 0").isZero();
        assertThat(draining.get()).as("/readyz reported draining before the server closed").isTrue();
        assertThat(lost).as("requests sent but not answered").isEmpty();
        assertThat(ok.get()).isGreaterThan(rate * seconds / 3);
        System.out.printf("SIGTERM under %d req/s: %d answered 200 (some during the drain), %d held back once "
                + "/readyz said draining, %d lost%n", rate, ok.get(), held.get(), lost.size());
    }

    /**
     * The PostgreSQL store's Go tests that skip without a server, run on this one: a round trip,
     * a broken migration that stops at once, and failing Lists that give their connections back.
     */
    @Test
    @Order(6)
    void thePlatformsPostgresStoreTestsPassOnARealServer() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("go", "test", "-count=1", "-v", "-run", "PostgreSQL",
                "./store/postgresdb/").directory(tree.resolve("platform").toFile()).redirectErrorStream(true);
        pb.environment().put("CGO_ENABLED", "0");
        pb.environment().put("POSTGRES_DSN",
                "postgres://postgres@127.0.0.1:" + postgresPort + "/store_test?sslmode=disable");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("go test finishes").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("ran on the server, none skipped").doesNotContain("--- SKIP")
                .contains("--- PASS: TestItemsRoundTripOnPostgreSQL",
                        "--- PASS: TestABrokenMigrationStopsMigratingAtOnceAndLeavesNoTraceOnPostgreSQL",
                        "--- PASS: TestListsThatFailToDecodeGiveTheirConnectionBackOnPostgreSQL",
                        "--- PASS: TestTheOutboxInboxAndIdempotencyKeysOnPostgreSQL",
                        "--- PASS: TestTheOutboxInboxAndIdempotencyKeysOnPostgreSQL/relays_of_several_replicas_send_each_event_once");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request on its own connection (Connection: close), so a refused connect is never a lost request. */
    private static int rawGet(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP response: " + response.length() + " bytes");
            }
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    private HttpResponse<String> send(String node, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node) + path))
                .timeout(Duration.ofSeconds(10));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = send(id, "GET", "/readyz", null);
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " never became ready: " + last + "\n" + Files.readString(work.resolve(id + ".log")));
    }

    /** Where node serves its metrics: the one place the tests scrape from. */
    private String metricsUrl(String node) {
        return "http://127.0.0.1:" + metricsPorts.get(node) + "/metrics";
    }

    private String scrape(String node) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(metricsUrl(node))).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private double metric(String node, String series) throws Exception {
        String body = scrape(node);
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private void awaitMetric(String node, String series, double atLeast) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        double value = 0;
        while (Instant.now().isBefore(deadline)) {
            value = metric(node, series);
            if (value >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(node + " " + series + " stayed at " + value + "\n"
                + Files.readString(work.resolve(node + ".log")));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }
}
