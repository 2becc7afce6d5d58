package dev.topograph.app.designer.traces;

/**
 * One span of the waterfall: its row, how deep it sits, and where its bar lies as fractions of the
 * trace's time (0 = the trace's start, 1 = its end).
 */
public record SpanBar(String spanId, String node, String name, String kind, int depth, double offset, double width,
        double millis, boolean error, String details) {
}
