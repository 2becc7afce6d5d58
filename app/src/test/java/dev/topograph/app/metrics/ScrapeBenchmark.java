package dev.topograph.app.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.topograph.app.live.MetricsScraper;
import dev.topograph.model.topology.Topology;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU the designer spends scraping 20 services every second: 20 loopback HTTP targets each
 * serving the 296-series body of {@link ParserBenchmark} (counters moving between scrapes), the
 * real {@link MetricsScraper} with the figures derived every round. Counts the CPU time of the
 * scraper's threads and the HTTP client's (not the fake targets') over 60 s; prints it as a share
 * of one core; also the delay from a counter changing on a target to the round that shows it.
 *
 * <pre>./mvnw -q -o -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.topograph.app.metrics.ScrapeBenchmark</pre>
 */
public final class ScrapeBenchmark {
    private ScrapeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = ParserBenchmark.serviceBody();
        AtomicInteger tick = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-target");
            t.setDaemon(true);
            return t;
        }));
        AtomicLong changedAt = new AtomicLong();
        server.createContext("/", exchange -> {
            byte[] body = (base + "# TYPE bench_tick counter\nbench_tick_total " + tick.get() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Topology none = Topology.empty("bench");
        List<Long> delays = new ArrayList<>();
        AtomicInteger seenTick = new AtomicInteger(-1);
        List<MetricsScraper.Target> targets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            targets.add(new MetricsScraper.Target("svc" + i,
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/svc" + i + "/metrics")));
        }
        MetricsScraper[] holder = new MetricsScraper[1];
        holder[0] = new MetricsScraper(none, MetricsScraper.Settings.DEFAULT, figures -> {
            double value = holder[0].history("svc0").flatMap(h -> {
                var v = h.latestValue(SeriesSelector.of("bench_tick_total"));
                return v.isPresent() ? java.util.Optional.of(v.getAsDouble()) : java.util.Optional.empty();
            }).orElse(-1.0);
            if ((int) value == tick.get() && seenTick.getAndSet((int) value) != (int) value && changedAt.get() > 0) {
                delays.add((System.nanoTime() - changedAt.get()) / 1_000_000);
            }
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        holder[0].targets(targets);
        holder[0].start();
        Thread.sleep(5_000); // warm-up
        long cpuBefore = scraperCpu(threads);
        long wallBefore = System.nanoTime();
        for (int s = 0; s < 60; s++) {
            // At a random moment of the interval, so the delays spread over the scrape grid as real requests do.
            long at = java.util.concurrent.ThreadLocalRandom.current().nextLong(1000);
            Thread.sleep(at);
            tick.incrementAndGet();
            changedAt.set(System.nanoTime());
            Thread.sleep(1000 - at);
        }
        long cpu = scraperCpu(threads) - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        holder[0].close();
        server.stop(0);
        List<Long> sorted = delays.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "scraping 20 targets every second: %.2f %% of one core (%d ms CPU in %.0f s)%n",
                100.0 * cpu / wall, cpu / 1_000_000, wall / 1e9);
        if (!sorted.isEmpty()) {
            System.out.printf(Locale.ROOT, "change on a target to the round that shows it: median %d ms, max %d ms (%d samples)%n",
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
        }
        System.exit(0);
    }

    /** CPU time of the scraper's own threads and the HTTP client's. */
    private static long scraperCpu(ThreadMXBean threads) {
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("topograph-scrape")
                    || info.getThreadName().startsWith("HttpClient"))) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    sum += t;
                }
            }
        }
        return sum;
    }
}
