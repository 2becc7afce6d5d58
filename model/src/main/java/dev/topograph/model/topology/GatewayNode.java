package dev.topograph.model.topology;

import java.util.Objects;
import java.util.Optional;

/** The edge of the system: a reverse proxy that routes path prefixes to services. */
public record GatewayNode(String id, Optional<String> context, int port, Optional<Layout> layout) implements Node {

    public GatewayNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(layout, "layout");
        Ports.require(port);
    }

    public static GatewayNode of(String id, int port) {
        return new GatewayNode(id, Optional.empty(), port, Optional.empty());
    }

    @Override
    public NodeKind kind() {
        return NodeKind.GATEWAY;
    }

    @Override
    public Optional<Integer> listenPort() {
        return Optional.of(port);
    }

    @Override
    public GatewayNode withId(String newId) {
        return new GatewayNode(newId, context, port, layout);
    }

    @Override
    public GatewayNode withContext(Optional<String> newContext) {
        return new GatewayNode(id, newContext, port, layout);
    }

    @Override
    public GatewayNode withLayout(Optional<Layout> newLayout) {
        return new GatewayNode(id, context, port, newLayout);
    }

    public GatewayNode withPort(int newPort) {
        return new GatewayNode(id, context, newPort, layout);
    }
}
