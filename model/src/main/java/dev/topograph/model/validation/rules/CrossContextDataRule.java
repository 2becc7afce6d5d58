package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Node;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** TOPO011: a service never reaches into a data store that belongs to another bounded context. */
public final class CrossContextDataRule implements Rule {

    @Override
    public String code() {
        return "TOPO011";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String title() {
        return "Service uses a data store of another bounded context";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Edge e : graph.topology().edges()) {
            if (!graph.isWellFormed(e) || !(e.kind() == EdgeKind.DB
                    || e.kind() == EdgeKind.CACHE)) {
                continue;
            }
            Node service = graph.node(e.from()).orElseThrow();
            Node store = graph.node(e.to()).orElseThrow();
            Optional<String> serviceContext = service.context();
            Optional<String> storeContext = store.context();
            if (serviceContext.isPresent() && storeContext.isPresent() && !serviceContext.equals(storeContext)) {
                found.add(problem(List.of(service.id(), store.id(), e.key()), service.id() + " (context "
                        + serviceContext.get() + ") uses " + store.id() + ", which belongs to context "
                        + storeContext.get() + ": the boundary between the contexts leaks. Ask a service of "
                        + storeContext.get() + " through its API instead."));
            }
        }
        return found;
    }
}
