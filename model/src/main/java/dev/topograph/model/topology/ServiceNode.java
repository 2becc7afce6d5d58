package dev.topograph.model.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A microservice we generate: an HTTP server with endpoints, run as {@code replicas} copies. */
public record ServiceNode(
        String id,
        Optional<String> context,
        int port,
        Framework framework,
        int replicas,
        List<Endpoint> endpoints,
        Optional<Layout> layout) implements Node {

    public static final int MAX_REPLICAS = 1000;

    public ServiceNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(layout, "layout");
        Ports.require(port);
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be between 1 and " + MAX_REPLICAS + ", was " + replicas);
        }
        endpoints = List.copyOf(endpoints);
    }

    /** A new service with one replica, the default framework and no endpoints. */
    public static ServiceNode of(String id, int port) {
        return new ServiceNode(id, Optional.empty(), port, Framework.NETHTTP, 1, List.of(), Optional.empty());
    }

    @Override
    public NodeKind kind() {
        return NodeKind.SERVICE;
    }

    @Override
    public Optional<Integer> listenPort() {
        return Optional.of(port);
    }

    @Override
    public ServiceNode withId(String newId) {
        return new ServiceNode(newId, context, port, framework, replicas, endpoints, layout);
    }

    @Override
    public ServiceNode withContext(Optional<String> newContext) {
        return new ServiceNode(id, newContext, port, framework, replicas, endpoints, layout);
    }

    @Override
    public ServiceNode withLayout(Optional<Layout> newLayout) {
        return new ServiceNode(id, context, port, framework, replicas, endpoints, newLayout);
    }

    public ServiceNode withPort(int newPort) {
        return new ServiceNode(id, context, newPort, framework, replicas, endpoints, layout);
    }

    public ServiceNode withFramework(Framework newFramework) {
        return new ServiceNode(id, context, port, newFramework, replicas, endpoints, layout);
    }

    public ServiceNode withReplicas(int newReplicas) {
        return new ServiceNode(id, context, port, framework, newReplicas, endpoints, layout);
    }

    public ServiceNode withEndpoints(List<Endpoint> newEndpoints) {
        return new ServiceNode(id, context, port, framework, replicas, newEndpoints, layout);
    }
}
