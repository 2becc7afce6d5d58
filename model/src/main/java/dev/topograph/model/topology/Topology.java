package dev.topograph.model.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A whole design: bounded contexts, nodes and the edges between them, in file order. Immutable;
 * every change makes a new value (edits go through a {@code CommandStack}).
 */
public record Topology(String name, String module, List<BoundedContext> contexts, List<Node> nodes, List<Edge> edges) {

    public Topology {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        contexts = List.copyOf(contexts);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public static Topology empty(String name) {
        return new Topology(name, "example.com/" + name, List.of(), List.of(), List.of());
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Optional<Edge> edge(String key) {
        return edges.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    public Optional<BoundedContext> context(String id) {
        return contexts.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Topology withName(String newName) {
        return new Topology(newName, module, contexts, nodes, edges);
    }

    public Topology withModule(String newModule) {
        return new Topology(name, newModule, contexts, nodes, edges);
    }

    public Topology withContexts(List<BoundedContext> newContexts) {
        return new Topology(name, module, newContexts, nodes, edges);
    }

    public Topology withNodes(List<Node> newNodes) {
        return new Topology(name, module, contexts, newNodes, edges);
    }

    public Topology withEdges(List<Edge> newEdges) {
        return new Topology(name, module, contexts, nodes, newEdges);
    }

    /** A copy with the node of the given id replaced, in place; unchanged when there is none. */
    public Topology mapNode(String id, UnaryOperator<Node> change) {
        List<Node> changed = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            changed.add(n.id().equals(id) ? change.apply(n) : n);
        }
        return withNodes(changed);
    }

    /** A copy with the edge of the given key replaced, in place; unchanged when there is none. */
    public Topology mapEdge(String key, UnaryOperator<Edge> change) {
        List<Edge> changed = new ArrayList<>(edges.size());
        for (Edge e : edges) {
            changed.add(e.key().equals(key) ? change.apply(e) : e);
        }
        return withEdges(changed);
    }
}
