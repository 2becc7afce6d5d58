package dev.topograph.app.designer.live;

import dev.topograph.app.metrics.LabelMatcher;
import dev.topograph.app.metrics.NodeFigures;
import dev.topograph.app.metrics.ScrapeHistory;
import dev.topograph.app.metrics.SeriesSelector;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Each measured node's figures through the last fifteen minutes, one point per scrape round, for
 * the Metrics panel's charts: what the node's card showed at each round, plus the p50 and p99
 * latency, read from its {@link ScrapeHistory} when the round came in. Bounded (a ring of
 * {@value #CAPACITY} points per node); written on the scraper's thread, read on the UI thread.
 */
final class LiveSeries {
    /** Fifteen minutes at one round a second, as a {@link ScrapeHistory} holds. */
    static final int CAPACITY = ScrapeHistory.DEFAULT_CAPACITY;
    /** The latency window of the figures on the nodes (FigureDeriver's), so p50 and p99 sit with its p95. */
    static final Duration LATENCY_WINDOW = Duration.ofSeconds(30);
    /** The user's requests: the designer's scrapes and the launcher's probes left out, as the figures leave them. */
    static final SeriesSelector LATENCY = SeriesSelector.of("http_server_request_duration_seconds")
            .where(new LabelMatcher.NotEquals("route", "/metrics"))
            .where(new LabelMatcher.NotEquals("route", "/readyz"))
            .where(new LabelMatcher.NotEquals("route", "/healthz"));

    /** What each point holds. */
    enum Figure {
        /** Requests per second. */
        RATE,
        /** Server errors, percent of requests. */
        ERRORS,
        /** Latency percentiles, milliseconds. */
        P50, P95, P99,
        GOROUTINES,
        /** Memory, MB. */
        RESIDENT, HEAP
    }

    /** A node's points, oldest first: their times (ms, the scraper's clock) and one array per {@link Figure}; NaN where unknown. */
    record Points(long[] times, double[][] values) {
        static final Points NONE = new Points(new long[0], new double[Figure.values().length][0]);

        int size() {
            return times.length;
        }

        double[] of(Figure figure) {
            return values[figure.ordinal()];
        }
    }

    private final Map<String, Ring> nodes = new HashMap<>();

    /** Keeps a round's figures of a node, with the percentiles its history gives. */
    void record(long atMs, NodeFigures f, Optional<ScrapeHistory> history) {
        double[] v = new double[Figure.values().length];
        v[Figure.RATE.ordinal()] = value(f.requestsPerSecond(), 1);
        v[Figure.ERRORS.ordinal()] = value(f.errorRatio(), 100);
        v[Figure.P95.ordinal()] = value(f.p95Seconds(), 1000);
        v[Figure.P50.ordinal()] = history.map(h -> value(h.histogramQuantile(0.5, LATENCY, LATENCY_WINDOW), 1000))
                .orElse(Double.NaN);
        v[Figure.P99.ordinal()] = history.map(h -> value(h.histogramQuantile(0.99, LATENCY, LATENCY_WINDOW), 1000))
                .orElse(Double.NaN);
        v[Figure.GOROUTINES.ordinal()] = value(f.goroutines(), 1);
        v[Figure.RESIDENT.ordinal()] = value(f.residentBytes(), 1e-6);
        v[Figure.HEAP.ordinal()] = value(f.heapBytes(), 1e-6);
        Ring ring;
        synchronized (nodes) {
            ring = nodes.computeIfAbsent(f.node(), n -> new Ring());
        }
        ring.add(atMs, v);
    }

    private static double value(OptionalDouble v, double scale) {
        return FigureText.known(v) ? v.getAsDouble() * scale : Double.NaN;
    }

    /** A copy of a node's points; none when it was never measured. */
    Points of(String node) {
        Ring ring;
        synchronized (nodes) {
            ring = nodes.get(node);
        }
        return ring == null ? Points.NONE : ring.copy();
    }

    /** One node's points, a ring of {@link #CAPACITY}. */
    private static final class Ring {
        private final long[] times = new long[CAPACITY];
        private final double[][] values = new double[CAPACITY][];
        private int next;
        private int size;

        synchronized void add(long atMs, double[] v) {
            times[next] = atMs;
            values[next] = v;
            next = (next + 1) % CAPACITY;
            size = Math.min(size + 1, CAPACITY);
        }

        synchronized Points copy() {
            long[] t = new long[size];
            double[][] v = new double[Figure.values().length][size];
            int oldest = (next - size + CAPACITY) % CAPACITY;
            for (int k = 0; k < size; k++) {
                int slot = (oldest + k) % CAPACITY;
                t[k] = times[slot];
                for (int f = 0; f < v.length; f++) {
                    v[f][k] = values[slot][f];
                }
            }
            return new Points(t, v);
        }
    }
}
