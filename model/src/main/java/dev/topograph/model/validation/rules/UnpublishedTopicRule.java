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

/** TOPO030: every queue, and every topic someone subscribes to, has a publisher. */
public final class UnpublishedTopicRule implements Rule {

    @Override
    public String code() {
        return "TOPO030";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String title() {
        return "Queue or topic with no publisher";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Node queue : graph.nodesOfKind(NodeKind.QUEUE)) {
            List<Edge> publishers = graph.incoming(queue.id(), EdgeKind.PUBLISH);
            if (publishers.isEmpty()) {
                found.add(problem(List.of(queue.id()), "Nothing publishes to the queue " + queue.id()
                        + ": its subscribers would wait forever. Connect a service that publishes to it."));
                continue;
            }
            Set<String> published = publishers.stream().map(TopologyGraph::topicOf).collect(Collectors.toSet());
            for (Edge sub : graph.outgoing(queue.id(), EdgeKind.SUBSCRIBE)) {
                String topic = TopologyGraph.topicOf(sub);
                if (!published.contains(topic)) {
                    found.add(problem(List.of(queue.id(), sub.to(), sub.key()), sub.to() + " subscribes to \"" + topic
                            + "\" on " + queue.id() + ", but nothing publishes that topic there (published: "
                            + String.join(", ", published.stream().sorted().toList()) + ")."));
                }
            }
        }
        return found;
    }
}
