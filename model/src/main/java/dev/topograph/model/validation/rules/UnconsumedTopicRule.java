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
import java.util.Set;
import java.util.stream.Collectors;

/** TOPO031: every queue, and every topic published on it, has a subscriber. */
public final class UnconsumedTopicRule implements Rule {

    @Override
    public String code() {
        return "TOPO031";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String title() {
        return "Queue or topic with no subscriber";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Node queue : graph.nodesOfKind(NodeKind.QUEUE)) {
            List<Edge> subscribers = graph.outgoing(queue.id(), EdgeKind.SUBSCRIBE);
            if (subscribers.isEmpty()) {
                found.add(problem(List.of(queue.id()), "Nothing subscribes to the queue " + queue.id()
                        + ": its messages pile up unread. Connect the service that handles them, or delete it."));
                continue;
            }
            Set<String> consumed = subscribers.stream().map(TopologyGraph::topicOf).collect(Collectors.toSet());
            for (Edge pub : graph.incoming(queue.id(), EdgeKind.PUBLISH)) {
                String topic = TopologyGraph.topicOf(pub);
                if (!consumed.contains(topic)) {
                    found.add(problem(List.of(queue.id(), pub.from(), pub.key()), pub.from() + " publishes \"" + topic
                            + "\" on " + queue.id() + ", but nothing subscribes to that topic there."));
                }
            }
        }
        return found.stream().distinct().toList();
    }
}
