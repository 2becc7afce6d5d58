package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TOPO003: an edge joins only the node kinds its kind allows. {@link #refusal} is the same
 * check for one prospective edge, which the designer uses while the user drags.
 */
public final class EdgeKindRule implements Rule {

    @Override
    public String code() {
        return "TOPO003";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String title() {
        return "Edge joins kinds it cannot join";
    }

    /** Why an edge of this kind from {@code from} to {@code to} is not allowed; empty when it is. */
    public static Optional<String> refusal(Node from, Node to, EdgeKind kind) {
        if (from.id().equals(to.id())) {
            return Optional.of("an edge cannot join " + from.id() + " to itself");
        }
        if (!kind.joins(from.kind(), to.kind())) {
            List<EdgeKind> possible = EdgeKind.between(from.kind(), to.kind());
            return Optional.of("a " + kind.json() + " edge cannot go from a " + from.kind().json() + " to a "
                    + to.kind().json() + " (it joins " + kind.allowedDescription() + ")"
                    + (possible.isEmpty() ? "; no edge kind joins these two"
                            : "; use " + String.join(" or ", possible.stream().map(EdgeKind::json).toList())));
        }
        return Optional.empty();
    }

    /** The edge kinds a drag from one node to another may create; empty when none may. */
    public static List<EdgeKind> allowedKinds(Node from, Node to) {
        return from.id().equals(to.id()) ? List.of() : EdgeKind.between(from.kind(), to.kind());
    }

    /** Whether a drag that starts at a node of this kind can connect to anything. */
    public static boolean canStartEdge(NodeKind kind) {
        for (NodeKind to : NodeKind.values()) {
            if (!EdgeKind.between(kind, to).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Edge e : graph.topology().edges()) {
            Optional<Node> from = graph.node(e.from());
            Optional<Node> to = graph.node(e.to());
            if (from.isEmpty() || to.isEmpty()) {
                found.add(problem(List.of(e.key()), "The edge " + e.key() + " refers to a node that does not exist."));
                continue;
            }
            refusal(from.get(), to.get(), e.kind()).ifPresent(why -> found.add(problem(
                    List.of(e.key(), e.from(), e.to()), "The edge " + e.key() + " is not allowed: " + why + ".")));
        }
        return found;
    }
}
