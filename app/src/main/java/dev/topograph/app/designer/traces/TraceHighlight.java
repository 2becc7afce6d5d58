package dev.topograph.app.designer.traces;

import java.util.List;

/**
 * The selected trace's way through the design, for the canvas: each hop (a drawn edge, by its ends),
 * numbered in order with its time; one of them is the slowest.
 */
public record TraceHighlight(List<Hop> hops) {
    public static final TraceHighlight NONE = new TraceHighlight(List.of());

    /** A crossing of the edge {@code from → to}: the {@code order}th of the trace, {@code label} its time. */
    public record Hop(String from, String to, int order, String label, boolean slowest) {
    }

    public TraceHighlight {
        hops = List.copyOf(hops);
    }

    public boolean isEmpty() {
        return hops.isEmpty();
    }
}
