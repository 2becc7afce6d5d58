package dev.topograph.app.metrics;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns the scrape histories of a running design into the figures drawn on its nodes and edges
 * (metric names of DESIGN.md §4), and keeps what judging trends needs: a sparkline per node, a
 * leak detector per node, the backlog trend per queue edge. One per run; call {@link #derive}
 * after every scrape round, from one thread.
 */
public final class FigureDeriver {
    /** gRPC status codes that are the server's fault, as 5xx are for HTTP. */
    private static final List<String> GRPC_SERVER_ERRORS = List.of("Unknown", "Internal", "Unavailable", "DataLoss",
            "Unimplemented", "DeadlineExceeded");
    private static final int TREND = 60;
    /** Requests a user's traffic does not make: the designer's own scrapes and the launcher's probes. */
    private static final SeriesSelector REQUESTS = SeriesSelector.of("http_server_requests_total")
            .where(new LabelMatcher.NotEquals("route", "/metrics"))
            .where(new LabelMatcher.NotEquals("route", "/readyz"))
            .where(new LabelMatcher.NotEquals("route", "/healthz"));

    private final Topology topology;
    private final Duration rateWindow;
    private final Duration latencyWindow;
    private final Map<String, Deque<Double>> trends = new HashMap<>();
    private final Map<String, LeakDetector> leaks = new HashMap<>();
    private final Map<String, Deque<double[]>> backlogs = new HashMap<>();
    private final long leakWindowMs;

    public FigureDeriver(Topology topology) {
        this(topology, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(45));
    }

    public FigureDeriver(Topology topology, Duration rateWindow, Duration latencyWindow, Duration leakWindow) {
        this.topology = topology;
        this.rateWindow = rateWindow;
        this.latencyWindow = latencyWindow;
        this.leakWindowMs = leakWindow.toMillis();
    }

    /**
     * The figures at {@code nowMs}.
     *
     * @param histories what each scraped node said, by node id
     * @param problems  why a node could not be scraped lately, by node id
     */
    public SystemFigures derive(long nowMs, Map<String, ScrapeHistory> histories, Map<String, String> problems) {
        Map<String, NodeFigures> nodes = new HashMap<>();
        for (Map.Entry<String, ScrapeHistory> e : histories.entrySet()) {
            nodes.put(e.getKey(), node(nowMs, e.getKey(), e.getValue(), Optional.ofNullable(problems.get(e.getKey()))));
        }
        problems.forEach((node, problem) -> nodes.putIfAbsent(node, NodeFigures.unknown(node, Optional.of(problem))));
        Map<String, EdgeFigures> edges = new HashMap<>();
        for (Edge edge : topology.edges()) {
            edge(nowMs, edge, histories).ifPresent(f -> edges.put(edge.key(), f));
        }
        return new SystemFigures(nowMs, nodes, edges);
    }

    private NodeFigures node(long nowMs, String id, ScrapeHistory h, Optional<String> problem) {
        OptionalDouble rate = h.rate(REQUESTS, rateWindow);
        OptionalDouble errors = rate.isPresent() && rate.getAsDouble() > 0
                ? OptionalDouble.of(serverErrors(h) / rate.getAsDouble())
                : rate.isPresent() ? OptionalDouble.of(0) : OptionalDouble.empty();
        OptionalDouble p95 = h.histogramQuantile(0.95, REQUESTS.withName("http_server_request_duration_seconds"),
                latencyWindow);
        if (p95.isPresent() && Double.isNaN(p95.getAsDouble())) {
            p95 = OptionalDouble.empty();
        }
        OptionalDouble goroutines = h.latestValue(SeriesSelector.of("go_goroutines"));
        Deque<Double> trend = trends.computeIfAbsent(id, k -> new ArrayDeque<>());
        rate.ifPresent(r -> {
            trend.addLast(r);
            if (trend.size() > TREND) {
                trend.removeFirst();
            }
        });
        List<Alert> alerts = new ArrayList<>();
        LeakDetector leak = leaks.computeIfAbsent(id, k -> new LeakDetector(leakWindowMs, 20));
        if (goroutines.isPresent() && rate.isPresent()) {
            leak.add(nowMs, goroutines.getAsDouble(), rate.getAsDouble());
            leak.judge().ifPresent(alerts::add);
        }
        return new NodeFigures(id, rate, errors, p95, goroutines,
                h.latestValue(SeriesSelector.of("process_resident_memory_bytes")),
                h.latestValue(SeriesSelector.of("go_memstats_heap_inuse_bytes")), List.copyOf(trend), alerts, problem);
    }

    private double serverErrors(ScrapeHistory h) {
        double sum = h.rate(REQUESTS.whereLabelStartsWith("code", "5"), rateWindow).orElse(0);
        for (String code : GRPC_SERVER_ERRORS) {
            sum += h.rate(REQUESTS.whereLabel("code", code), rateWindow).orElse(0);
        }
        return sum;
    }

    /** Forgets the trends of a node whose process restarted (its goroutines start from a new base). */
    public void restarted(String node) {
        Optional.ofNullable(leaks.get(node)).ifPresent(LeakDetector::reset);
    }

    private Optional<EdgeFigures> edge(long nowMs, Edge edge, Map<String, ScrapeHistory> histories) {
        OptionalDouble none = OptionalDouble.empty();
        switch (edge.kind()) {
            case HTTP, GRPC -> {
                ScrapeHistory caller = histories.get(edge.from());
                if (caller == null) {
                    return Optional.empty();
                }
                SeriesSelector calls = SeriesSelector.of("http_client_requests_total").whereLabel("target", edge.to());
                OptionalDouble rate = caller.rate(calls, rateWindow);
                double failed = caller.rate(calls.whereLabelStartsWith("code", "5"), rateWindow).orElse(0)
                        + caller.rate(calls.whereLabel("code", "error"), rateWindow).orElse(0);
                for (String code : GRPC_SERVER_ERRORS) {
                    failed += caller.rate(calls.whereLabel("code", code), rateWindow).orElse(0);
                }
                OptionalDouble errorRatio = rate.isPresent() && rate.getAsDouble() > 0
                        ? OptionalDouble.of(failed / rate.getAsDouble()) : none;
                return Optional.of(new EdgeFigures(edge.key(), edge.kind(), rate, errorRatio, none, none, none, List.of()));
            }
            case PUBLISH -> {
                ScrapeHistory publisher = histories.get(edge.from());
                if (publisher == null) {
                    return Optional.empty();
                }
                OptionalDouble rate = publisher.rate(published(edge), rateWindow);
                return Optional.of(new EdgeFigures(edge.key(), edge.kind(), none, none, rate, none, none, List.of()));
            }
            case SUBSCRIBE -> {
                ScrapeHistory consumer = histories.get(edge.to());
                if (consumer == null) {
                    return Optional.empty();
                }
                SeriesSelector consumed = SeriesSelector.of("messages_consumed_total").whereLabel("topic", topic(edge))
                        .where(new LabelMatcher.NotEquals("result", "retry"));
                OptionalDouble rate = consumer.rate(consumed, rateWindow);
                Duration all = Duration.ofDays(1);
                double in = 0;
                boolean known = false;
                for (Edge pub : topology.edges()) {
                    if (pub.kind() == EdgeKind.PUBLISH && pub.to().equals(edge.from()) && topic(pub).equals(topic(edge))
                            && histories.containsKey(pub.from())) {
                        OptionalDouble inc = histories.get(pub.from()).increase(published(pub), all);
                        if (inc.isPresent()) {
                            known = true;
                            in += inc.getAsDouble();
                        }
                    }
                }
                OptionalDouble out = consumer.increase(consumed, all);
                OptionalDouble backlog = known && out.isPresent() ? OptionalDouble.of(Math.max(0, in - out.getAsDouble()))
                        : none;
                List<Alert> alerts = new ArrayList<>();
                if (backlog.isPresent()) {
                    saturation(nowMs, edge, backlog.getAsDouble()).ifPresent(alerts::add);
                }
                return Optional.of(new EdgeFigures(edge.key(), edge.kind(), none, none, rate, backlog, none, alerts));
            }
            case CACHE -> {
                ScrapeHistory user = histories.get(edge.from());
                if (user == null) {
                    return Optional.empty();
                }
                SeriesSelector lookups = SeriesSelector.of("cache_requests_total").whereLabel("cache", edge.to());
                OptionalDouble hits = user.rate(lookups.whereLabel("result", "hit"), rateWindow);
                OptionalDouble total = OptionalDouble.of(hits.orElse(0)
                        + user.rate(lookups.whereLabel("result", "miss"), rateWindow).orElse(0));
                OptionalDouble ratio = hits.isPresent() && total.getAsDouble() > 0
                        ? OptionalDouble.of(hits.getAsDouble() / total.getAsDouble()) : none;
                return Optional.of(new EdgeFigures(edge.key(), edge.kind(), none, none, none, none, ratio, List.of()));
            }
            case DB -> {
                ScrapeHistory owner = histories.get(edge.from());
                if (owner == null) {
                    return Optional.empty();
                }
                SeriesSelector pool = SeriesSelector.of("db_pool_connections_in_use").whereLabel("pool", edge.to());
                OptionalDouble inUse = owner.latestValue(pool);
                OptionalDouble max = owner.latestValue(pool.withName("db_pool_connections_max"));
                if (inUse.isEmpty() || max.isEmpty() || max.getAsDouble() <= 0) {
                    return Optional.empty();
                }
                double busy = inUse.getAsDouble() / max.getAsDouble();
                OptionalDouble waits = owner.rate(pool.withName("db_pool_waits_total"), rateWindow);
                List<Alert> alerts = new ArrayList<>();
                if (busy >= 1.0 && waits.orElse(0) >= 1.0) {
                    alerts.add(new Alert(Alert.Kind.POOL_SATURATED, String.format(java.util.Locale.ROOT,
                            "%s's pool to %s is saturated: all %.0f connections in use and %.1f requests a second wait"
                                    + " for one (raise the pool size, or find the slow queries)",
                            edge.from(), edge.to(), max.getAsDouble(), waits.getAsDouble())));
                }
                return Optional.of(new EdgeFigures(edge.key(), edge.kind(), none, none, none, none, none,
                        OptionalDouble.of(busy), waits, alerts));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static SeriesSelector published(Edge publish) {
        return SeriesSelector.of("messages_published_total").whereLabel("topic", topic(publish));
    }

    private static String topic(Edge edge) {
        return edge.topic().orElse("");
    }

    /** A consumer is saturated when its backlog is large and has grown steadily over the last 30 s. */
    private Optional<Alert> saturation(long nowMs, Edge edge, double backlog) {
        Deque<double[]> series = backlogs.computeIfAbsent(edge.key(), k -> new ArrayDeque<>());
        series.addLast(new double[] {nowMs, backlog});
        while (nowMs - series.peekFirst()[0] > 30_000) {
            series.removeFirst();
        }
        double[] first = series.peekFirst();
        double seconds = (nowMs - first[0]) / 1000.0;
        if (seconds < 15 || backlog < 50) {
            return Optional.empty();
        }
        double growth = (backlog - first[1]) / seconds;
        if (growth <= 0.5) {
            return Optional.empty();
        }
        return Optional.of(new Alert(Alert.Kind.CONSUMER_SATURATED, String.format(java.util.Locale.ROOT,
                "%s is saturated: %.0f messages of %s wait, %.1f more each second — it handles them slower than"
                        + " they arrive (more workers or replicas)", edge.to(), backlog, topic(edge), growth)));
    }
}
