package dev.topograph.app.traces;

import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each drawn edge's p50 and p95 over the hops of the traces held: what an edge's tooltip says of its spans. */
public record EdgeLatency(String edgeKey, int hops, long p50Nanos, long p95Nanos) {

    public static Map<String, EdgeLatency> of(List<Trace> traces, Topology topology) {
        Map<String, List<Long>> times = new HashMap<>();
        for (Trace t : traces) {
            for (TracePath.Hop h : TracePath.of(t, topology)) {
                times.computeIfAbsent(h.edgeKey(), k -> new ArrayList<>()).add(h.nanos());
            }
        }
        Map<String, EdgeLatency> out = new HashMap<>();
        times.forEach((edge, list) -> {
            long[] sorted = list.stream().mapToLong(Long::longValue).sorted().toArray();
            out.put(edge, new EdgeLatency(edge, sorted.length, quantile(sorted, 0.50), quantile(sorted, 0.95)));
        });
        return Map.copyOf(out);
    }

    /** The nearest-rank quantile. */
    static long quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
