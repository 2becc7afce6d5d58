package dev.topograph.model.command;

import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Factory for every edit the designer and the quick fixes make. Each returns a {@link Command}
 * that refuses, with a reason, to apply to a topology it does not fit.
 */
public final class Edits {
    private Edits() {
    }

    private record Named(String description, UnaryOperator<Topology> change) implements Command {
        @Override
        public Topology execute(Topology before) {
            return change.apply(before);
        }
    }

    /** A command from a description and a pure function of the topology. */
    public static Command of(String description, UnaryOperator<Topology> change) {
        return new Named(description, change);
    }

    /** Several commands as one undo step. */
    public static Command all(String description, List<Command> steps) {
        List<Command> copy = List.copyOf(steps);
        return of(description, t -> {
            Topology result = t;
            for (Command c : copy) {
                result = c.execute(result);
            }
            return result;
        });
    }

    public static Command addNode(Node node) {
        return of("Add " + node.kind().json() + " " + node.id(), t -> {
            if (t.node(node.id()).isPresent()) {
                throw new EditRefusedException("a node with the id \"" + node.id() + "\" already exists");
            }
            node.context().ifPresent(c -> requireContext(t, c));
            List<Node> nodes = new ArrayList<>(t.nodes());
            nodes.add(node);
            return t.withNodes(nodes);
        });
    }

    /** Removes the nodes and every edge that touches them. */
    public static Command removeNodes(Collection<String> ids) {
        Set<String> gone = new LinkedHashSet<>(ids);
        return of(gone.size() == 1 ? "Delete " + gone.iterator().next() : "Delete " + gone.size() + " nodes", t -> {
            for (String id : gone) {
                requireNode(t, id);
            }
            return t.withNodes(t.nodes().stream().filter(n -> !gone.contains(n.id())).toList())
                    .withEdges(t.edges().stream().filter(e -> !gone.contains(e.from()) && !gone.contains(e.to())).toList());
        });
    }

    /** Moves nodes to new positions in one step (a drag of a selection). */
    public static Command moveNodes(Map<String, Layout> positions) {
        Map<String, Layout> copy = Map.copyOf(positions);
        return of(copy.size() == 1 ? "Move " + copy.keySet().iterator().next() : "Move " + copy.size() + " nodes", t -> {
            Topology result = t;
            for (var entry : copy.entrySet()) {
                requireNode(t, entry.getKey());
                result = result.mapNode(entry.getKey(), n -> n.withLayout(Optional.of(entry.getValue())));
            }
            return result;
        });
    }

    public static Command connect(Edge edge) {
        return of("Connect " + edge.from() + " to " + edge.to(), t -> {
            requireNode(t, edge.from());
            requireNode(t, edge.to());
            if (t.edge(edge.key()).isPresent()) {
                throw new EditRefusedException("the edge " + edge.key() + " already exists");
            }
            List<Edge> edges = new ArrayList<>(t.edges());
            edges.add(edge);
            return t.withEdges(edges);
        });
    }

    public static Command disconnect(String edgeKey) {
        return of("Delete edge " + edgeKey, t -> {
            requireEdge(t, edgeKey);
            return t.withEdges(t.edges().stream().filter(e -> !e.key().equals(edgeKey)).toList());
        });
    }

    /** Replaces an edge (its kind, route or topic) in place. */
    public static Command changeEdge(String edgeKey, UnaryOperator<Edge> change) {
        return of("Edit edge " + edgeKey, t -> {
            requireEdge(t, edgeKey);
            return t.mapEdge(edgeKey, change);
        });
    }

    /** Renames a node and every edge that refers to it. */
    public static Command renameNode(String oldId, String newId) {
        return of("Rename " + oldId + " to " + newId, t -> {
            requireNode(t, oldId);
            if (!oldId.equals(newId) && t.node(newId).isPresent()) {
                throw new EditRefusedException("a node with the id \"" + newId + "\" already exists");
            }
            List<Edge> edges = t.edges().stream().map(e -> e.withEnds(
                    e.from().equals(oldId) ? newId : e.from(),
                    e.to().equals(oldId) ? newId : e.to())).toList();
            return t.mapNode(oldId, n -> n.withId(newId)).withEdges(edges);
        });
    }

    /**
     * Sets a property of a node: {@code change} returns the node with the new value; the id
     * must stay (use {@link #renameNode}).
     */
    public static Command changeNode(String id, String description, UnaryOperator<Node> change) {
        return of(description, t -> {
            Node before = requireNode(t, id);
            Node after = Objects.requireNonNull(change.apply(before), "changed node");
            if (!after.id().equals(id)) {
                throw new EditRefusedException("a property change cannot rename a node; rename it instead");
            }
            if (after.kind() != before.kind()) {
                throw new EditRefusedException("a property change cannot turn a " + before.kind().json()
                        + " into a " + after.kind().json());
            }
            after.context().ifPresent(c -> requireContext(t, c));
            return t.mapNode(id, n -> after);
        });
    }

    /** Creates the context if it is new (or renames it) and puts the nodes in it. */
    public static Command groupIntoContext(BoundedContext context, Collection<String> nodeIds) {
        Set<String> members = new LinkedHashSet<>(nodeIds);
        return of("Group " + members.size() + " nodes into " + context.name(), t -> {
            for (String id : members) {
                requireNode(t, id);
            }
            List<BoundedContext> contexts = new ArrayList<>(t.contexts());
            contexts.removeIf(c -> c.id().equals(context.id()));
            int at = indexOfContext(t, context.id());
            contexts.add(at < 0 ? contexts.size() : at, context);
            Topology withContext = t.withContexts(contexts);
            for (String id : members) {
                withContext = withContext.mapNode(id, n -> n.withContext(Optional.of(context.id())));
            }
            return withContext;
        });
    }

    /** Takes nodes out of whatever context they are in. */
    public static Command ungroup(Collection<String> nodeIds) {
        Set<String> members = new LinkedHashSet<>(nodeIds);
        return of("Remove " + members.size() + " nodes from their context", t -> {
            Topology result = t;
            for (String id : members) {
                requireNode(t, id);
                result = result.mapNode(id, n -> n.withContext(Optional.empty()));
            }
            return result;
        });
    }

    /** Deletes a context; its nodes stay, outside any context. */
    public static Command removeContext(String contextId) {
        return of("Delete context " + contextId, t -> {
            requireContext(t, contextId);
            Topology result = t.withContexts(t.contexts().stream().filter(c -> !c.id().equals(contextId)).toList());
            for (Node n : t.nodes()) {
                if (n.context().filter(contextId::equals).isPresent()) {
                    result = result.mapNode(n.id(), x -> x.withContext(Optional.empty()));
                }
            }
            return result;
        });
    }

    public static Command renameTopology(String name, String module) {
        return of("Rename topology to " + name, t -> t.withName(name).withModule(module));
    }

    private static int indexOfContext(Topology t, String id) {
        for (int i = 0; i < t.contexts().size(); i++) {
            if (t.contexts().get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static Node requireNode(Topology t, String id) {
        return t.node(id).orElseThrow(() -> new EditRefusedException("no node has the id \"" + id + "\""));
    }

    private static void requireEdge(Topology t, String key) {
        if (t.edge(key).isEmpty()) {
            throw new EditRefusedException("no edge is known as " + key);
        }
    }

    private static void requireContext(Topology t, String id) {
        if (t.context(id).isEmpty()) {
            throw new EditRefusedException("no context has the id \"" + id + "\"");
        }
    }
}
