package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Node;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;

/** TOPO012: every data store has a service that owns it. */
public final class OrphanDataStoreRule implements Rule {

    @Override
    public String code() {
        return "TOPO012";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String title() {
        return "Data store with no owning service";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Node store : graph.nodes()) {
            if (store.kind().isDataStore() && graph.incoming(store.id()).stream().noneMatch(graph::isWellFormed)) {
                found.add(problem(List.of(store.id()), "No service uses the " + store.kind().json() + " " + store.id()
                        + ": nobody owns its data. Connect the service that owns it, or delete it."));
            }
        }
        return found;
    }
}
