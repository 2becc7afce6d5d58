package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** TOPO050: every service can be reached, by calls from a gateway or by messages from a queue. */
public final class DeadServiceRule implements Rule {

    @Override
    public String code() {
        return "TOPO050";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String title() {
        return "Service reachable from no gateway and no queue";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Node g : graph.nodesOfKind(NodeKind.GATEWAY)) {
            todo.add(g.id());
        }
        for (Node q : graph.nodesOfKind(NodeKind.QUEUE)) {
            for (Edge sub : graph.outgoing(q.id(), EdgeKind.SUBSCRIBE)) {
                todo.add(sub.to());
            }
        }
        while (!todo.isEmpty()) {
            String v = todo.poll();
            if (reached.add(v)) {
                for (Edge call : graph.syncCalls(v)) {
                    todo.add(call.to());
                }
            }
        }
        List<Diagnostic> found = new ArrayList<>();
        for (Node s : graph.nodesOfKind(NodeKind.SERVICE)) {
            if (!reached.contains(s.id())) {
                found.add(problem(List.of(s.id()), "Nothing reaches " + s.id()
                        + ": no gateway route or caller leads to it and it subscribes to no queue, so it can never "
                        + "be asked to do anything. Route to it, call it, or subscribe it to a queue."));
            }
        }
        return found;
    }
}
