package dev.topograph.model.command;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Design changes that repair a whole problem at once; the quick fixes of the validation rules. */
public final class Refactorings {
    private static final int MAX_ID = 63;

    private Refactorings() {
    }

    /**
     * A refactoring is known by its description, which names everything it depends on; so two
     * validations of one design offer equal fixes, and their diagnostics compare as values.
     */
    private record Refactoring(String description, UnaryOperator<Topology> change) implements Command {
        @Override
        public Topology execute(Topology before) {
            return change.apply(before);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Refactoring other && other.description.equals(description);
        }

        @Override
        public int hashCode() {
            return description.hashCode();
        }
    }

    /**
     * TOPO010's fix: the first service keeps the shared store; every other user gets a copy of
     * its own (same kind and engine, in the user's context), and its edge moves to the copy.
     */
    public static Command giveEachServiceOwnStore(String storeId) {
        return new Refactoring("Give each service its own " + storeId, t -> {
            Node store = t.node(storeId).filter(n -> n.kind().isDataStore())
                    .orElseThrow(() -> new EditRefusedException("no cache or database has the id \"" + storeId + "\""));
            InfraNode infra = (InfraNode) store;
            EdgeKind useKind = store.kind() == NodeKind.CACHE ? EdgeKind.CACHE : EdgeKind.DB;
            // Only services use a store (TOPO003 reports any other edge); the rule counts the same users.
            List<String> users = t.edges().stream()
                    .filter(e -> e.to().equals(storeId) && e.kind() == useKind)
                    .map(Edge::from)
                    .filter(from -> t.node(from).filter(n -> n.kind() == NodeKind.SERVICE).isPresent())
                    .distinct().toList();
            if (users.size() < 2) {
                throw new EditRefusedException(storeId + " is not shared");
            }
            List<Node> nodes = new ArrayList<>(t.nodes());
            Topology result = t;
            for (String user : users.subList(1, users.size())) {
                String copyId = uniqueId(result, storeId + "-" + user);
                Optional<Node> userNode = t.node(user);
                Optional<Layout> near = userNode.flatMap(Node::layout).map(l -> l.translate(0, 140));
                nodes.add(new InfraNode(copyId, infra.kind(), userNode.flatMap(Node::context), infra.engine(), near));
                result = result.withNodes(nodes).withEdges(result.edges().stream()
                        .map(e -> e.from().equals(user) && e.to().equals(storeId) && e.kind() == useKind
                                ? e.withEnds(user, copyId) : e)
                        .toList());
            }
            return result;
        });
    }

    /**
     * TOPO020/TOPO021's fix: the caller stops waiting for the callee. The call becomes a publish
     * to a new NATS queue and a subscribe from it, with topic {@code caller.callee}.
     */
    public static Command replaceCallWithQueue(String edgeKey) {
        return new Refactoring("Replace call " + edgeKey + " with a queue", t -> {
            Edge call = t.edge(edgeKey).filter(e -> e.kind().isSynchronous())
                    .orElseThrow(() -> new EditRefusedException("no synchronous call is known as " + edgeKey));
            Node caller = t.node(call.from()).orElseThrow(() -> new EditRefusedException("the caller is gone"));
            Node callee = t.node(call.to()).orElseThrow(() -> new EditRefusedException("the callee is gone"));
            if (caller.kind() != NodeKind.SERVICE) {
                throw new EditRefusedException("only a service can publish to a queue; " + caller.id() + " is a "
                        + caller.kind().json());
            }
            String queueId = uniqueId(t, truncate(caller.id() + "-" + callee.id()) + "-events");
            Optional<Layout> between = caller.layout().flatMap(a -> callee.layout().map(b ->
                    new Layout((a.x() + b.x()) / 2, (a.y() + b.y()) / 2 + 60)));
            InfraNode queue = new InfraNode(queueId, NodeKind.QUEUE, caller.context(),
                    Engine.defaultFor(NodeKind.QUEUE).orElseThrow(), between);
            String topic = caller.id() + "." + callee.id();
            List<Node> nodes = new ArrayList<>(t.nodes());
            nodes.add(queue);
            List<Edge> edges = new ArrayList<>();
            for (Edge e : t.edges()) {
                if (e.key().equals(edgeKey)) {
                    edges.add(Edge.topic(caller.id(), queueId, EdgeKind.PUBLISH, topic));
                    edges.add(Edge.topic(queueId, callee.id(), EdgeKind.SUBSCRIBE, topic));
                } else {
                    edges.add(e);
                }
            }
            return t.withNodes(nodes).withEdges(edges);
        });
    }

    /** {@code base}, or {@code base-2}, {@code base-3} … : the first id no node has, within 63 characters. */
    static String uniqueId(Topology t, String base) {
        String candidate = truncate(base);
        for (int i = 2; t.node(candidate).isPresent(); i++) {
            String suffix = "-" + i;
            candidate = truncate(base.substring(0, Math.min(base.length(), MAX_ID - suffix.length()))) + suffix;
        }
        return candidate;
    }

    private static String truncate(String id) {
        String cut = id.length() <= MAX_ID - 7 ? id : id.substring(0, MAX_ID - 7);
        while (cut.endsWith("-")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
