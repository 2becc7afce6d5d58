package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;

/** TOPO040: one responsibility per service; many endpoints or dependencies suggest several. */
public final class OverloadedServiceRule implements Rule {
    public static final int MAX_ENDPOINTS = 8;
    public static final int MAX_DEPENDENCIES = 5;

    @Override
    public String code() {
        return "TOPO040";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String title() {
        return "Service with too many responsibilities";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Node n : graph.nodesOfKind(NodeKind.SERVICE)) {
            ServiceNode s = (ServiceNode) n;
            if (s.endpoints().size() > MAX_ENDPOINTS) {
                found.add(problem(List.of(s.id()), s.id() + " has " + s.endpoints().size() + " endpoints (more than "
                        + MAX_ENDPOINTS + "): it probably does more than one job. Split it along its responsibilities."));
            }
            long dependencies = graph.outgoing(s.id()).stream().filter(graph::isWellFormed).map(Edge::to).distinct().count();
            if (dependencies > MAX_DEPENDENCIES) {
                found.add(problem(List.of(s.id()), s.id() + " depends on " + dependencies + " other nodes (more than "
                        + MAX_DEPENDENCIES + "): it knows too much and fails when any of them does. Split it, or let events replace some calls."));
            }
        }
        return found;
    }
}
