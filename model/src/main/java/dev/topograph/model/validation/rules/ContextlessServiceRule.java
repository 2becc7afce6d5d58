package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;

/** TOPO041: once a design uses bounded contexts, every service belongs to one. */
public final class ContextlessServiceRule implements Rule {

    @Override
    public String code() {
        return "TOPO041";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String title() {
        return "Service outside every bounded context";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        if (graph.topology().contexts().isEmpty()) {
            return found;
        }
        for (Node n : graph.nodesOfKind(NodeKind.SERVICE)) {
            if (n.context().isEmpty()) {
                found.add(problem(List.of(n.id()), n.id() + " is in no bounded context while the design uses them: "
                        + "nobody can tell which part of the business owns it. Draw it inside its context."));
            }
        }
        return found;
    }
}
