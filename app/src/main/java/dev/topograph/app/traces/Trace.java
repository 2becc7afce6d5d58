package dev.topograph.app.traces;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The spans of one request, as far as they have arrived: sorted by start, with the root (the span
 * without a parent, or the earliest whose parent has not come), where it began and how long it took.
 */
public final class Trace {
    private static final Comparator<Span> BY_START = Comparator.comparingLong(Span::startNanos)
            .thenComparing(Span::spanId);

    private final String traceId;
    private final List<Span> spans;
    // Asked for each trace on each filter and sort: worked out once.
    private final long endNanos;
    private final boolean error;

    public Trace(String traceId, List<Span> spans) {
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("a trace has at least one span");
        }
        List<Span> sorted = new java.util.ArrayList<>(spans);
        sorted.sort(BY_START);
        this.traceId = traceId;
        this.spans = java.util.Collections.unmodifiableList(sorted);
        long end = Long.MIN_VALUE;
        boolean failed = false;
        for (Span s : sorted) {
            end = Math.max(end, s.endNanos());
            failed |= s.error();
        }
        this.endNanos = end;
        this.error = failed;
    }

    public String traceId() {
        return traceId;
    }

    /** Its spans, by start. */
    public List<Span> spans() {
        return spans;
    }

    /** The span the request began with: the one without a parent, else the earliest one whose parent is missing. */
    public Span root() {
        Set<String> ids = spans.stream().map(Span::spanId).collect(Collectors.toSet());
        return spans.stream().filter(Span::isRoot).findFirst()
                .or(() -> spans.stream().filter(s -> !ids.contains(s.parentSpanId())).findFirst())
                .orElse(spans.get(0));
    }

    public long startNanos() {
        return spans.get(0).startNanos();
    }

    public long endNanos() {
        return endNanos;
    }

    public long durationNanos() {
        return endNanos() - startNanos();
    }

    /** Some span of it failed. */
    public boolean error() {
        return error;
    }

    /** The nodes it went through, in the order they first appear. */
    public Set<String> nodes() {
        return spans.stream().map(Span::node).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The root's route: what the user asked for ("GET /items" reads as "/items"). */
    public String route() {
        return root().route();
    }

    public Optional<Span> span(String spanId) {
        return spans.stream().filter(s -> s.spanId().equals(spanId)).findFirst();
    }

    /** The spans by id (the parent of a span, in one look-up). */
    public Map<String, Span> byId() {
        return spans.stream().collect(Collectors.toMap(Span::spanId, Function.identity(), (a, b) -> a));
    }

    /** How deep a span sits below the root (0 for the root and for spans whose parent is missing). */
    public int depth(Span span) {
        Map<String, Span> byId = byId();
        int depth = 0;
        Span s = span;
        while (!s.isRoot() && byId.containsKey(s.parentSpanId()) && depth < 64) {
            s = byId.get(s.parentSpanId());
            depth++;
        }
        return depth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace t && t.traceId.equals(traceId) && t.spans.equals(spans);
    }

    @Override
    public int hashCode() {
        return traceId.hashCode();
    }

    @Override
    public String toString() {
        return "Trace[" + traceId + ", " + spans.size() + " spans]";
    }
}
