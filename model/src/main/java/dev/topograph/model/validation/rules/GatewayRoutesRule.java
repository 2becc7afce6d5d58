package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Names;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TOPO051: a gateway routes somewhere, each route has a prefix, and no prefix is routed twice. */
public final class GatewayRoutesRule implements Rule {

    @Override
    public String code() {
        return "TOPO051";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String title() {
        return "Gateway with no routes, or two routes with one prefix";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Node gateway : graph.nodesOfKind(NodeKind.GATEWAY)) {
            List<Edge> routes = graph.syncCalls(gateway.id());
            if (routes.isEmpty()) {
                found.add(problem(List.of(gateway.id()), "The gateway " + gateway.id()
                        + " routes to no service: every request to it would get 404. Connect it to a service with a route."));
                continue;
            }
            Map<String, List<Edge>> byPrefix = new LinkedHashMap<>();
            for (Edge route : routes) {
                if (route.route().isEmpty()) {
                    found.add(problem(List.of(gateway.id(), route.key()), "The route from " + gateway.id() + " to "
                            + route.to() + " has no path prefix: the gateway cannot tell which requests to send there. "
                            + "Set a route such as /" + route.to() + "."));
                } else {
                    byPrefix.computeIfAbsent(Names.normalizeRoute(route.route().get()), k -> new ArrayList<>()).add(route);
                }
            }
            byPrefix.forEach((prefix, edges) -> {
                if (edges.size() > 1) {
                    List<String> ids = new ArrayList<>();
                    ids.add(gateway.id());
                    edges.forEach(e -> ids.add(e.key()));
                    found.add(problem(ids, "The gateway " + gateway.id() + " routes the prefix " + prefix + " to "
                            + String.join(" and ", edges.stream().map(Edge::to).toList())
                            + ": only one of them can get those requests. Give each route its own prefix."));
                }
            });
        }
        return found;
    }
}
