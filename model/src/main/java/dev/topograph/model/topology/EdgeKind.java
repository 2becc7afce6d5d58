package dev.topograph.model.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of edge and the only node kinds each may join (DESIGN.md §2). This table is the
 * single source for both the whole-graph check (TOPO003) and the designer's drag feedback.
 */
public enum EdgeKind {
    HTTP("http", Set.of(NodeKind.GATEWAY, NodeKind.SERVICE), Set.of(NodeKind.SERVICE)),
    GRPC("grpc", Set.of(NodeKind.GATEWAY, NodeKind.SERVICE), Set.of(NodeKind.SERVICE)),
    PUBLISH("publish", Set.of(NodeKind.SERVICE), Set.of(NodeKind.QUEUE)),
    SUBSCRIBE("subscribe", Set.of(NodeKind.QUEUE), Set.of(NodeKind.SERVICE)),
    CACHE("cache", Set.of(NodeKind.SERVICE), Set.of(NodeKind.CACHE)),
    DB("db", Set.of(NodeKind.SERVICE), Set.of(NodeKind.DATABASE));

    private final String json;
    private final Set<NodeKind> fromKinds;
    private final Set<NodeKind> toKinds;

    EdgeKind(String json, Set<NodeKind> fromKinds, Set<NodeKind> toKinds) {
        this.json = json;
        this.fromKinds = fromKinds;
        this.toKinds = toKinds;
    }

    /** The name used in the project file. */
    public String json() {
        return json;
    }

    /** Synchronous calls: the caller waits for the callee. */
    public boolean isSynchronous() {
        return this == HTTP || this == GRPC;
    }

    /** Whether an edge of this kind may go from a node of kind {@code from} to one of kind {@code to}. */
    public boolean joins(NodeKind from, NodeKind to) {
        return fromKinds.contains(from) && toKinds.contains(to);
    }

    /** The edge kinds that may join the two node kinds, in declaration order; empty when none can. */
    public static List<EdgeKind> between(NodeKind from, NodeKind to) {
        return Arrays.stream(values()).filter(k -> k.joins(from, to)).toList();
    }

    /** Human description of the allowed endpoints, for messages. */
    public String allowedDescription() {
        return names(fromKinds) + " → " + names(toKinds);
    }

    private static String names(Set<NodeKind> kinds) {
        return kinds.stream().sorted().map(NodeKind::json).reduce((a, b) -> a + "|" + b).orElse("");
    }

    public static Optional<EdgeKind> fromJson(String name) {
        return Arrays.stream(values()).filter(k -> k.json.equals(name)).findFirst();
    }
}
