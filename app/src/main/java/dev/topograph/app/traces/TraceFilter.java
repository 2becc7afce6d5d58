package dev.topograph.app.traces;

import java.util.Optional;

/**
 * Which traces to list: through a node, on a route (the root's, or any span's, by prefix), by status,
 * taking at least so long. Empty parts match everything.
 */
public record TraceFilter(Optional<String> node, Optional<String> route, Status status, long minDurationNanos) {
    public static final TraceFilter ALL = new TraceFilter(Optional.empty(), Optional.empty(), Status.ANY, 0);

    /** Failed, succeeded or either. */
    public enum Status { ANY, OK, ERROR }

    public TraceFilter {
        node = node.filter(s -> !s.isBlank());
        route = route.filter(s -> !s.isBlank());
    }

    public boolean matches(Trace t) {
        if (t.durationNanos() < minDurationNanos) {
            return false;
        }
        if (status == Status.ERROR && !t.error() || status == Status.OK && t.error()) {
            return false;
        }
        if (node.isPresent() && !t.nodes().contains(node.get())) {
            return false;
        }
        return route.isEmpty() || t.route().startsWith(route.get())
                || t.spans().stream().anyMatch(s -> s.route().startsWith(route.get()));
    }

    public TraceFilter withNode(String n) {
        return new TraceFilter(Optional.ofNullable(n), route, status, minDurationNanos);
    }

    public TraceFilter withRoute(String r) {
        return new TraceFilter(node, Optional.ofNullable(r), status, minDurationNanos);
    }

    public TraceFilter withStatus(Status s) {
        return new TraceFilter(node, route, s, minDurationNanos);
    }

    public TraceFilter withMinDurationNanos(long nanos) {
        return new TraceFilter(node, route, status, Math.max(0, nanos));
    }
}
