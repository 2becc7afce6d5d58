package dev.topograph.model.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * A typed connection between two nodes, by id. {@code route} is the path prefix a gateway
 * forwards; {@code topic} the subject a publish or subscribe edge uses.
 */
public record Edge(
        Optional<String> id,
        String from,
        String to,
        EdgeKind kind,
        Optional<String> route,
        Optional<String> topic) {

    public Edge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(topic, "topic");
    }

    public static Edge of(String from, String to, EdgeKind kind) {
        return new Edge(Optional.empty(), from, to, kind, Optional.empty(), Optional.empty());
    }

    public static Edge route(String gateway, String service, String prefix) {
        return new Edge(Optional.empty(), gateway, service, EdgeKind.HTTP, Optional.of(prefix), Optional.empty());
    }

    public static Edge topic(String from, String to, EdgeKind kind, String topic) {
        return new Edge(Optional.empty(), from, to, kind, Optional.empty(), Optional.of(topic));
    }

    /** How the edge is known: its explicit id, else {@code from->to:kind[:topic]}. */
    public String key() {
        return id.orElseGet(() -> from + "->" + to + ":" + kind.json() + topic.map(t -> ":" + t).orElse(""));
    }

    /** Whether the edge touches the node. */
    public boolean touches(String nodeId) {
        return from.equals(nodeId) || to.equals(nodeId);
    }

    public Edge withEnds(String newFrom, String newTo) {
        return new Edge(id, newFrom, newTo, kind, route, topic);
    }

    public Edge withKind(EdgeKind newKind) {
        return new Edge(id, from, to, newKind, route, topic);
    }

    public Edge withRoute(Optional<String> newRoute) {
        return new Edge(id, from, to, kind, newRoute, topic);
    }

    public Edge withTopic(Optional<String> newTopic) {
        return new Edge(id, from, to, kind, route, newTopic);
    }
}
