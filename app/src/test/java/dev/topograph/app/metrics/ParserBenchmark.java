package dev.topograph.app.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of {@link PrometheusTextParser} on the body one generated service of a 20-service
 * system serves: the Go runtime and process figures client_golang writes, 8 routes with their
 * status codes and latency histograms, calls to the 19 other services, 3 topics published,
 * consumed and timed, 2 caches; about 300 series, a third of them histogram buckets. Parses it
 * for a few seconds of warm-up, then in rounds of {@code bench.seconds} (default 2), and prints
 * samples per second for each round and their median, then what feeding a {@link ScrapeHistory}
 * and asking it for a rate and a p95 costs. A program that prints figures, not a test:
 *
 * <pre>
 * ./mvnw -q -o -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.topograph.app.metrics.ParserBenchmark
 * </pre>
 */
public final class ParserBenchmark {
    private static final int ROUNDS = 7;

    private ParserBenchmark() {
    }

    public static void main(String[] args) throws MetricsFormatException {
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "2"));
        String body = serviceBody();
        PrometheusTextParser parser = new PrometheusTextParser();
        Scrape scrape = parser.parse(body);
        int series = scrape.seriesCount();
        int buckets = (int) scrape.samples().stream().filter(s -> s.name().endsWith("_bucket")).count();
        System.out.printf(Locale.ROOT, "body: %d series (%d buckets) in %d families, %,d bytes, %d lines%n",
                series, buckets, scrape.families().size(), body.getBytes(StandardCharsets.UTF_8).length,
                body.chars().filter(c -> c == '\n').count());

        parseFor(parser, body, 3.0);
        double[] samplesPerSecond = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long[] parsesAndNanos = parseFor(parser, body, seconds);
            samplesPerSecond[round] = parsesAndNanos[0] * (double) series / (parsesAndNanos[1] / 1e9);
            System.out.printf(Locale.ROOT, "round %d: %,.0f samples/s (%,.1f µs per body)%n", round + 1,
                    samplesPerSecond[round], parsesAndNanos[1] / 1e3 / parsesAndNanos[0]);
        }
        double[] sorted = samplesPerSecond.clone();
        Arrays.sort(sorted);
        double median = sorted[ROUNDS / 2];
        System.out.printf(Locale.ROOT, "median: %,.0f samples/s = %,.0f bodies/s; 20 services scraped every second use %.2f%% of one core%n",
                median, median / series, 20 * series / median * 100);

        historyCost(scrape);
    }

    /** Parses for about the given time; returns {parses, nanoseconds}. */
    private static long[] parseFor(PrometheusTextParser parser, String body, double seconds) throws MetricsFormatException {
        long parses = 0;
        long sink = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 50; i++) {
                sink += parser.parse(body).families().size();
            }
            parses += 50;
            now = System.nanoTime();
        } while (now < end);
        if (sink == 42) {
            System.out.println();
        }
        return new long[] {parses, now - start};
    }

    /** What a scraper thread and a UI pay per target and second: one add, a request rate, a p95. */
    private static void historyCost(Scrape scrape) {
        ScrapeHistory history = new ScrapeHistory();
        SeriesSelector requests = SeriesSelector.of("http_server_requests_total");
        SeriesSelector latency = SeriesSelector.of("http_server_request_duration_seconds");
        long time = 0;
        for (int i = 0; i < 2_000; i++) {
            history.add(time += 1_000, scrape);
            history.rate(requests, Duration.ofMinutes(1));
            history.histogramQuantile(0.95, latency, Duration.ofMinutes(1));
        }
        int n = 5_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            history.add(time += 1_000, scrape);
        }
        long added = System.nanoTime();
        double sink = 0;
        for (int i = 0; i < n; i++) {
            sink += history.rate(requests, Duration.ofMinutes(1)).orElse(0);
            sink += history.histogramQuantile(0.95, latency, Duration.ofMinutes(1)).orElse(0);
        }
        long queried = System.nanoTime();
        System.out.printf(Locale.ROOT, "history: add %.1f µs; rate + p95 over 1 min (60 scrapes) %.1f µs%s%n",
                (added - start) / 1e3 / n, (queried - added) / 1e3 / n, Double.isNaN(sink) ? "" : "");
    }

    /** One service's metrics in a 20-service system, as its generated code registers them. */
    static String serviceBody() {
        StringBuilder text = new StringBuilder(PrometheusTextParserTest.resource("client_golang-1.25.0.txt")
                .replaceAll("(?ms)^# HELP http_.*?(?=^# HELP process_)", ""));
        List<String> routes = List.of("GET /orders", "GET /orders/{id}", "POST /orders", "PUT /orders/{id}",
                "DELETE /orders/{id}", "GET /orders/{id}/items", "POST /orders/{id}/pay", "GET /healthz");
        family(text, "http_server_requests_total", "counter", "HTTP requests served, by route pattern, method and status code.");
        int n = 0;
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            for (String code : List.of("200", "404", "503")) {
                text.append("http_server_requests_total{code=\"").append(code).append("\",method=\"").append(method)
                        .append("\",route=\"").append(route).append("\"} ").append(1000 + 37 * n++).append('\n');
            }
        }
        family(text, "http_server_request_duration_seconds", "histogram", "Time to serve an HTTP request, by route pattern and method.");
        for (String route : routes) {
            String labels = "method=\"" + route.substring(0, route.indexOf(' ')) + "\",route=\"" + route + "\"";
            histogram(text, "http_server_request_duration_seconds", labels,
                    List.of("0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5"));
        }
        family(text, "http_client_requests_total", "counter", "Calls to other services, by target service and status code (\"error\" when no response).");
        for (int target = 1; target <= 19; target++) {
            for (String code : List.of("200", "error")) {
                text.append("http_client_requests_total{code=\"").append(code).append("\",target=\"service-").append(target)
                        .append("\"} ").append(400 + target).append('\n');
            }
        }
        List<String> topics = List.of("orders.placed", "orders.paid", "stock.reserved");
        family(text, "messages_published_total", "counter", "Messages published, by topic.");
        for (String topic : topics) {
            text.append("messages_published_total{topic=\"").append(topic).append("\"} 812\n");
        }
        family(text, "messages_consumed_total", "counter", "Messages handled, by topic and result (ok, retry, dead_letter).");
        for (String topic : topics) {
            for (String result : List.of("ok", "retry", "dead_letter")) {
                text.append("messages_consumed_total{result=\"").append(result).append("\",topic=\"").append(topic).append("\"} 77\n");
            }
        }
        family(text, "message_handle_duration_seconds", "histogram", "Time to handle one message, by topic.");
        for (String topic : topics) {
            histogram(text, "message_handle_duration_seconds", "topic=\"" + topic + "\"",
                    List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"));
        }
        family(text, "cache_requests_total", "counter", "Cache lookups, by cache and result (hit, miss).");
        text.append("cache_requests_total{cache=\"orders\",result=\"hit\"} 9120\n");
        text.append("cache_requests_total{cache=\"orders\",result=\"miss\"} 311\n");
        return text.toString();
    }

    private static void family(StringBuilder text, String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void histogram(StringBuilder text, String name, String labels, List<String> bounds) {
        long count = 0;
        for (String bound : bounds) {
            count += 3 + bound.length();
            text.append(name).append("_bucket{").append(labels).append(",le=\"").append(bound).append("\"} ").append(count).append('\n');
        }
        count += 2;
        text.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count).append('\n');
        text.append(name).append("_sum{").append(labels).append("} ").append(count * 0.0173).append('\n');
        text.append(name).append("_count{").append(labels).append("} ").append(count).append('\n');
    }
}
