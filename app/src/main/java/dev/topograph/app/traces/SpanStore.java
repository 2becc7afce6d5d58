package dev.topograph.app.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The spans a run sent, in a ring of fixed capacity: the newest span overwrites the oldest, so memory
 * stays bounded however long a design runs (about 100k spans by default; the figure per span is in
 * docs/benchmarks.md). Spans are indexed by trace as they arrive, so a trace is assembled from its
 * own spans, not from a scan of the ring. Any thread may add and query; listeners hear each batch on
 * the adding thread and must hand work elsewhere (the designer throttles it onto the FX thread).
 */
public final class SpanStore {
    /** Spans kept by default. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Span[] ring;
    /** By trace, in the order each trace's first span came: the newest traces are at the end. */
    private final java.util.LinkedHashMap<String, List<Span>> byTrace = new java.util.LinkedHashMap<>();
    private final List<Consumer<List<Span>>> listeners = new CopyOnWriteArrayList<>();
    private int next;
    private long added;

    public SpanStore() {
        this(DEFAULT_CAPACITY);
    }

    public SpanStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ring = new Span[capacity];
    }

    /** Adds a batch (one export); the oldest spans make room. */
    public void add(List<Span> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (this) {
            for (Span s : batch) {
                Span old = ring[next];
                if (old != null) {
                    forget(old);
                }
                ring[next] = s;
                next = next + 1 == ring.length ? 0 : next + 1;
                byTrace.computeIfAbsent(s.traceId(), k -> new ArrayList<>(4)).add(s);
            }
            added += batch.size();
        }
        for (Consumer<List<Span>> l : listeners) {
            l.accept(batch);
        }
    }

    private void forget(Span old) {
        List<Span> spans = byTrace.get(old.traceId());
        if (spans == null) {
            return;
        }
        // The oldest span of a trace is near the front of its list.
        for (int i = 0; i < spans.size(); i++) {
            if (spans.get(i) == old) {
                spans.remove(i);
                break;
            }
        }
        if (spans.isEmpty()) {
            byTrace.remove(old.traceId());
        }
    }

    /** Hears every batch added, on the thread that added it. */
    public void listen(Consumer<List<Span>> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<List<Span>> listener) {
        listeners.remove(listener);
    }

    /** Forgets every span (a new run begins). */
    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        byTrace.clear();
        next = 0;
    }

    public int capacity() {
        return ring.length;
    }

    /** Spans held now (at most the capacity). */
    public synchronized int size() {
        return added >= ring.length ? ring.length : (int) added;
    }

    /** Spans ever added, the overwritten ones included. */
    public synchronized long added() {
        return added;
    }

    public synchronized int traceCount() {
        return byTrace.size();
    }

    public Optional<Trace> trace(String traceId) {
        List<Span> spans;
        synchronized (this) {
            List<Span> held = byTrace.get(traceId);
            spans = held == null ? List.of() : List.copyOf(held);
        }
        return spans.isEmpty() ? Optional.empty() : Optional.of(new Trace(traceId, spans));
    }

    /**
     * The newest traces that match, newest first, at most {@code limit}: only the traces from the newest
     * back to the {@code limit}th match are assembled, so the designer's refresh stays cheap on a full ring.
     */
    public List<Trace> recent(TraceFilter filter, int limit) {
        Object[] ids;
        synchronized (this) {
            ids = byTrace.keySet().toArray();
        }
        List<Trace> out = new ArrayList<>(Math.min(limit, ids.length));
        for (int i = ids.length - 1; i >= 0 && out.size() < limit; i--) {
            trace((String) ids[i]).filter(filter::matches).ifPresent(out::add);
        }
        out.sort(Comparator.comparingLong(Trace::startNanos).reversed());
        return out;
    }

    /** The slowest traces that match, slowest first, at most {@code limit}. */
    public List<Trace> slowest(TraceFilter filter, int limit) {
        return select(filter, limit, Comparator.comparingLong(Trace::durationNanos).reversed());
    }

    /** Every trace held now (copies: the store goes on filling while the caller reads). */
    public List<Trace> all() {
        List<Trace> out = new ArrayList<>();
        synchronized (this) {
            byTrace.forEach((id, spans) -> out.add(new Trace(id, List.copyOf(spans))));
        }
        return out;
    }

    private List<Trace> select(TraceFilter filter, int limit, Comparator<Trace> order) {
        return all().stream().filter(filter::matches).sorted(order).limit(limit).toList();
    }
}
