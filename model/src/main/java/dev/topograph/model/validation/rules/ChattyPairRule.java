package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;

/** TOPO022: two services that call each other synchronously are one service in two processes. */
public final class ChattyPairRule implements Rule {

    @Override
    public String code() {
        return "TOPO022";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String title() {
        return "Two services call each other synchronously";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Edge e : graph.topology().edges()) {
            if (!e.kind().isSynchronous() || !graph.isWellFormed(e) || e.from().compareTo(e.to()) > 0) {
                continue;
            }
            boolean back = graph.syncCalls(e.to()).stream().anyMatch(r -> r.to().equals(e.from()));
            if (back) {
                found.add(problem(List.of(e.from(), e.to()), e.from() + " and " + e.to()
                        + " call each other synchronously: they cannot change, deploy or fail apart. "
                        + "Merge them, or let one of them learn about the other through events."));
            }
        }
        return found.stream().distinct().toList();
    }
}
