package dev.topograph.app.traces;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The way a trace took through a design: one hop per drawn edge a span crossed, in the order the
 * spans started, each with its time. A call between services is the callee's server span (timed by
 * the caller's client span when there is one: the network counts); a query or cache look-up is the
 * caller's child span ({@code db.system.name}, or {@code cache.name} naming the cache node); a publish is
 * the producer span and the handling of the message the consumer's.
 */
public final class TracePath {

    /**
     * One crossing of a drawn edge: {@code edgeKey} as the design knows it, from the span {@code spanId};
     * {@code selfNanos} is its time less the hops made within it (a handler's time less its query's).
     */
    public record Hop(String edgeKey, String from, String to, long nanos, String spanId, long selfNanos) {
        Hop(String edgeKey, String from, String to, long nanos, String spanId) {
            this(edgeKey, from, to, nanos, spanId, nanos);
        }

        Hop less(long inner) {
            return new Hop(edgeKey, from, to, nanos, spanId, Math.max(0, selfNanos - inner));
        }
    }

    private TracePath() {
    }

    public static List<Hop> of(Trace trace, Topology topology) {
        Map<String, Span> byId = trace.byId();
        Set<String> calledOut = new HashSet<>(); // client spans whose callee's server span is here
        List<Hop> hops = new ArrayList<>();
        for (Span s : trace.spans()) {
            Span parent = s.isRoot() ? null : byId.get(s.parentSpanId());
            Optional<Hop> hop = Optional.empty();
            if (parent != null && !parent.node().equals(s.node())
                    && (s.kind() == Span.Kind.SERVER || s.kind() == Span.Kind.CONSUMER)) {
                String caller = parent.node();
                if (s.kind() == Span.Kind.CONSUMER) {
                    hop = subscribeEdge(topology, s).map(e -> new Hop(e.key(), e.from(), e.to(), s.durationNanos(),
                            s.spanId()));
                } else {
                    long nanos = parent.kind() == Span.Kind.CLIENT ? parent.durationNanos() : s.durationNanos();
                    hop = callEdge(topology, caller, s.node()).map(e -> new Hop(e.key(), e.from(), e.to(), nanos,
                            s.spanId()));
                    calledOut.add(parent.spanId());
                }
            } else if (s.kind() == Span.Kind.PRODUCER) {
                hop = edgeOf(topology, s.node(), EdgeKind.PUBLISH, s.destination())
                        .map(e -> new Hop(e.key(), e.from(), e.to(), s.durationNanos(), s.spanId()));
            } else if (s.attribute("cache.name").isPresent()) {
                String cache = s.attribute("cache.name").get();
                hop = topology.edges().stream().filter(e -> e.kind() == EdgeKind.CACHE && e.from().equals(s.node())
                        && e.to().equals(cache)).findFirst()
                        .or(() -> edgeOf(topology, s.node(), EdgeKind.CACHE, Optional.empty()))
                        .map(e -> new Hop(e.key(), e.from(), e.to(), s.durationNanos(), s.spanId()));
            } else if (s.dbSystem().isPresent()) {
                EdgeKind kind = isCache(s.dbSystem().get()) ? EdgeKind.CACHE : EdgeKind.DB;
                hop = edgeOf(topology, s.node(), kind, Optional.empty())
                        .map(e -> new Hop(e.key(), e.from(), e.to(), s.durationNanos(), s.spanId()));
            }
            hop.ifPresent(hops::add);
        }
        // One hop per edge crossing: a client span and its callee's server span are the same crossing.
        hops.removeIf(h -> calledOut.contains(h.spanId()));
        return withSelfTimes(hops, byId);
    }

    /** Each hop's time less that of the hops nearest below it in the span tree. */
    private static List<Hop> withSelfTimes(List<Hop> hops, Map<String, Span> byId) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < hops.size(); i++) {
            index.put(hops.get(i).spanId(), i);
        }
        List<Hop> out = new ArrayList<>(hops);
        for (Hop h : hops) {
            Span s = byId.get(h.spanId());
            for (int depth = 0; s != null && !s.isRoot() && depth < 64; depth++) {
                s = byId.get(s.parentSpanId());
                if (s != null && index.containsKey(s.spanId())) {
                    int parent = index.get(s.spanId());
                    out.set(parent, out.get(parent).less(h.nanos()));
                    break;
                }
            }
        }
        return out;
    }

    /** The hop where most time went: the longest time of its own, not counting the hops made within it. */
    public static Optional<Hop> slowest(List<Hop> hops) {
        return hops.stream().max(Comparator.comparingLong(Hop::selfNanos));
    }

    private static boolean isCache(String system) {
        return system.equals("redis") || system.equals("memcached");
    }

    private static Optional<Edge> callEdge(Topology t, String from, String to) {
        return t.edges().stream().filter(e -> e.from().equals(from) && e.to().equals(to)
                && (e.kind() == EdgeKind.HTTP || e.kind() == EdgeKind.GRPC)).findFirst();
    }

    private static Optional<Edge> subscribeEdge(Topology t, Span consumer) {
        List<Edge> in = t.edges().stream()
                .filter(e -> e.kind() == EdgeKind.SUBSCRIBE && e.to().equals(consumer.node())).toList();
        return pick(in, consumer.destination());
    }

    private static Optional<Edge> edgeOf(Topology t, String from, EdgeKind kind, Optional<String> topic) {
        return pick(t.edges().stream().filter(e -> e.kind() == kind && e.from().equals(from)).toList(), topic);
    }

    /** The edge of that topic; without a topic to tell them apart, the only one. */
    private static Optional<Edge> pick(List<Edge> edges, Optional<String> topic) {
        if (topic.isPresent()) {
            Optional<Edge> named = edges.stream().filter(e -> e.topic().equals(topic)).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return edges.size() == 1 ? Optional.of(edges.get(0)) : Optional.empty();
    }
}
