package dev.topograph.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.topograph.app.metrics.SystemFigures;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scraper against real HTTP servers that misbehave: one hangs, one answers garbage, one sends
 * 10 MB. The good one is scraped every round regardless, and each bad one gets its own problem.
 */
class MetricsScraperTest {
    private HttpServer server;
    private final AtomicInteger goodRequests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/good", exchange -> {
            int n = goodRequests.incrementAndGet();
            reply(exchange, ("# TYPE http_server_requests_total counter\n"
                    + "http_server_requests_total{code=\"200\",method=\"GET\",route=\"/items\"} " + 10 * n + "\n"
                    + "# TYPE go_goroutines gauge\ngo_goroutines 7\n").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/hang", exchange -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/garbage", exchange -> reply(exchange, "<html>not metrics</html>\n".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] line = "# a comment line of a body far too large for a scrape ..............\n".getBytes(StandardCharsets.UTF_8);
                for (int written = 0; written < 10 * 1024 * 1024; written += line.length) {
                    out.write(line);
                }
            } catch (IOException e) {
                // The scraper stopped reading: as it should.
            }
        });
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void badTargetsNeverDelayOrSpoilTheGoodOne() throws Exception {
        Topology tiny = new ProjectFile().load(Path.of("src/test/resources/launch/tiny.topology.json"));
        List<SystemFigures> rounds = new CopyOnWriteArrayList<>();
        MetricsScraper.Settings settings = new MetricsScraper.Settings(Duration.ofMillis(500), Duration.ofMillis(300),
                1024 * 1024, MetricsScraper.Settings.DEFAULT.limits());
        try (MetricsScraper scraper = new MetricsScraper(tiny, settings, f -> {
            rounds.add(f);
        })) {
            scraper.targets(List.of(new MetricsScraper.Target("items", url("/good")),
                    new MetricsScraper.Target("audit", url("/hang")),
                    new MetricsScraper.Target("edge", url("/garbage")),
                    new MetricsScraper.Target("item-events", url("/huge"))));
            scraper.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> rounds.size() >= 12);
        }
        SystemFigures last = rounds.get(rounds.size() - 1);
        assertThat(last.node("items").orElseThrow().requestsPerSecond().getAsDouble()).isCloseTo(20.0,
                org.assertj.core.data.Offset.offset(8.0));
        assertThat(last.node("items").orElseThrow().problem()).isEmpty();
        assertThat(rounds).allSatisfy(r -> assertThat(r.node("items").flatMap(n -> n.problem())).isEmpty());
        assertThat(last.node("audit").orElseThrow().problem()).contains("/metrics did not answer within 300 ms");
        assertThat(last.node("edge").orElseThrow().problem().orElseThrow()).startsWith("/metrics is not in the Prometheus text format");
        assertThat(last.node("item-events").orElseThrow().problem().orElseThrow()).contains("more than 1 MB");
        // The good target answered in every round although the others hang, garble or flood.
        assertThat(goodRequests.get()).isGreaterThanOrEqualTo(rounds.size() - 1);
    }
}
