package dev.topograph.model.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The server products that can back an infrastructure node, by node kind. */
public enum Engine {
    NATS("nats", NodeKind.QUEUE),
    RABBITMQ("rabbitmq", NodeKind.QUEUE),
    KAFKA("kafka", NodeKind.QUEUE),
    REDIS("redis", NodeKind.CACHE),
    MEMCACHED("memcached", NodeKind.CACHE),
    POSTGRES("postgres", NodeKind.DATABASE),
    MYSQL("mysql", NodeKind.DATABASE),
    SQLITE("sqlite", NodeKind.DATABASE);

    private final String json;
    private final NodeKind kind;

    Engine(String json, NodeKind kind) {
        this.json = json;
        this.kind = kind;
    }

    public String json() {
        return json;
    }

    /** The node kind this engine serves. */
    public NodeKind kind() {
        return kind;
    }

    /** The engine a new node of the given kind gets: the first listed for it. */
    public static Optional<Engine> defaultFor(NodeKind kind) {
        return Arrays.stream(values()).filter(e -> e.kind == kind).findFirst();
    }

    /** The engines that can serve a node kind, default first. */
    public static List<Engine> forKind(NodeKind kind) {
        return Arrays.stream(values()).filter(e -> e.kind == kind).toList();
    }

    public static Optional<Engine> fromJson(NodeKind kind, String name) {
        return Arrays.stream(values()).filter(e -> e.kind == kind && e.json.equals(name)).findFirst();
    }
}
