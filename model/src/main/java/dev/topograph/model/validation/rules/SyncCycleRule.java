package dev.topograph.model.validation.rules;

import dev.topograph.model.command.Refactorings;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.QuickFix;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * TOPO020: synchronous calls never form a cycle. Each strongly connected group of services
 * that call one another is one problem; the fix turns the call that closes the loop into events.
 */
public final class SyncCycleRule implements Rule {

    @Override
    public String code() {
        return "TOPO020";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String title() {
        return "Cycle of synchronous calls";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (List<String> cycle : SyncCalls.cycles(graph)) {
            Edge closing = SyncCalls.closingEdge(graph, cycle);
            String message = "The services " + String.join(" → ", cycle) + " → " + cycle.get(0)
                    + " call each other synchronously in a loop: one slow or failing service stalls all of them, "
                    + "and a request can call itself forever. Make one call asynchronous through a queue.";
            List<String> ids = new ArrayList<>(cycle);
            boolean fixable = graph.node(closing.from()).map(n -> n.kind() == NodeKind.SERVICE).orElse(false);
            found.add(fixable
                    ? problem(ids, message, new QuickFix("Replace " + closing.from() + " → " + closing.to()
                            + " with a queue", Refactorings.replaceCallWithQueue(closing.key())))
                    : problem(ids, message));
        }
        return found;
    }
}
