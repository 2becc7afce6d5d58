package dev.topograph.app.traces;

import java.util.Map;
import java.util.Optional;

/**
 * One span as the designer keeps it: ids in lower-case hex (as logs and W3C headers print them),
 * the node that recorded it (its {@code service.name}), times in Unix nanoseconds, and the few
 * attributes worth showing, each value a string.
 *
 * @param parentSpanId empty for a root span
 * @param node         the resource's {@code service.name}: the node id, since the launcher names each program so
 * @param error        the span's status is ERROR
 */
public record Span(String traceId, String spanId, String parentSpanId, String node, String name, Kind kind,
        long startNanos, long endNanos, boolean error, Map<String, String> attributes) {

    /** The span kinds of OTLP, in its numbering. */
    public enum Kind {
        UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

        private static final Kind[] ALL = values();

        static Kind of(int number) {
            return number >= 0 && number < ALL.length ? ALL[number] : UNSPECIFIED;
        }
    }

    public Span {
        attributes = Map.copyOf(attributes);
        endNanos = Math.max(endNanos, startNanos);
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /**
     * The route a server span served ({@code http.route}, else the span's name without its method),
     * or the RPC method; a client or child span's own name otherwise.
     */
    public String route() {
        String route = attributes.get("http.route");
        if (route != null && !route.isEmpty()) {
            return route;
        }
        String rpc = attributes.get("rpc.method");
        if (rpc != null && !rpc.isEmpty()) {
            return attributes.getOrDefault("rpc.service", "") + "/" + rpc;
        }
        int space = name.indexOf(' ');
        return space > 0 && name.substring(0, space).chars().allMatch(Character::isUpperCase)
                ? name.substring(space + 1) : name;
    }

    /** The database or cache system a child span talked to ({@code db.system}), if any. */
    public Optional<String> dbSystem() {
        return attribute("db.system.name").or(() -> attribute("db.system"));
    }

    /** The topic or queue a publish or consume span used, if any. */
    public Optional<String> destination() {
        return attribute("messaging.destination.name").or(() -> attribute("messaging.destination"));
    }
}
