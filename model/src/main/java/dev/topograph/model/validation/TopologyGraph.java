package dev.topograph.model.validation;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topology indexed once for the rules: nodes by id, edges by end. Built per validation so
 * that each rule runs in time linear in the graph.
 */
public final class TopologyGraph {
    private final Topology topology;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<Edge>> outgoing = new HashMap<>();
    private final Map<String, List<Edge>> incoming = new HashMap<>();

    public TopologyGraph(Topology topology) {
        this.topology = topology;
        for (Node n : topology.nodes()) {
            nodes.putIfAbsent(n.id(), n);
        }
        for (Edge e : topology.edges()) {
            outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
    }

    public Topology topology() {
        return topology;
    }

    /** Nodes by id; the first one wins when ids repeat (TOPO002 reports the repeat). */
    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** The distinct nodes, in file order. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<Node> nodesOfKind(NodeKind kind) {
        return nodes.values().stream().filter(n -> n.kind() == kind).toList();
    }

    public List<Edge> outgoing(String id) {
        return outgoing.getOrDefault(id, List.of());
    }

    public List<Edge> incoming(String id) {
        return incoming.getOrDefault(id, List.of());
    }

    /** Whether the edge joins the kinds its own kind allows (other rules only trust such edges). */
    public boolean isWellFormed(Edge e) {
        Optional<Node> from = node(e.from());
        Optional<Node> to = node(e.to());
        return from.isPresent() && to.isPresent() && !e.from().equals(e.to())
                && e.kind().joins(from.get().kind(), to.get().kind());
    }

    /** Well-formed synchronous calls leaving the node. */
    public List<Edge> syncCalls(String id) {
        return outgoing(id).stream().filter(e -> e.kind().isSynchronous() && isWellFormed(e)).toList();
    }

    /** Well-formed edges of one kind leaving the node. */
    public List<Edge> outgoing(String id, EdgeKind kind) {
        return outgoing(id).stream().filter(e -> e.kind() == kind && isWellFormed(e)).toList();
    }

    /** Well-formed edges of one kind arriving at the node. */
    public List<Edge> incoming(String id, EdgeKind kind) {
        return incoming(id).stream().filter(e -> e.kind() == kind && isWellFormed(e)).toList();
    }

    /** The topic an edge to or from a queue carries: its own, else the queue's id. */
    public static String topicOf(Edge e) {
        return e.topic().orElse(e.kind() == EdgeKind.PUBLISH ? e.to() : e.from());
    }

    /** The context a node belongs to: its own, or for a data store the context of its users if they agree. */
    public Optional<String> effectiveContext(Node node) {
        if (node.context().isPresent() || !node.kind().isDataStore()) {
            return node.context();
        }
        List<String> userContexts = incoming(node.id()).stream()
                .filter(this::isWellFormed)
                .map(e -> node(e.from()).flatMap(Node::context))
                .flatMap(Optional::stream)
                .distinct()
                .toList();
        return userContexts.size() == 1 ? Optional.of(userContexts.get(0)) : Optional.empty();
    }
}
