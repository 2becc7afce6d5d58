package dev.topograph.app.designer.traces;

/** One trace in the list: when, which route, how long, through which nodes, its slowest hop. */
public record TraceRow(String traceId, String start, String route, String nodes, int spans, double millis,
        boolean error, String slowestHop) {
}
