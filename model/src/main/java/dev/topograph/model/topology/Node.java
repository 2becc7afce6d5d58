package dev.topograph.model.topology;

import java.util.Optional;

/**
 * A box on the drawing. Nodes are immutable values joined by {@link Edge}s through their ids;
 * the kind-specific settings live in the implementing records.
 */
public sealed interface Node permits ServiceNode, GatewayNode, InfraNode {

    /** Stable id: a DNS-1123 label once valid; unique within the topology. */
    String id();

    NodeKind kind();

    /** The bounded context the node is drawn in, if any. */
    Optional<String> context();

    /** Where the node is drawn; empty for hand-written files that leave layout to the designer. */
    Optional<Layout> layout();

    Node withId(String id);

    Node withContext(Optional<String> context);

    Node withLayout(Optional<Layout> layout);

    /** The port the node listens on, for the kinds that run our code. */
    default Optional<Integer> listenPort() {
        return Optional.empty();
    }
}
