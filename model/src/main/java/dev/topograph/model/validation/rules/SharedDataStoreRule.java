package dev.topograph.model.validation.rules;

import dev.topograph.model.command.Refactorings;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Node;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.QuickFix;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;

/** TOPO010: each service owns its data; a database or cache used by two services couples them. */
public final class SharedDataStoreRule implements Rule {

    @Override
    public String code() {
        return "TOPO010";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String title() {
        return "Data store shared by more than one service";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        List<Diagnostic> found = new ArrayList<>();
        for (Node store : graph.nodes()) {
            if (!store.kind().isDataStore()) {
                continue;
            }
            List<String> users = graph.incoming(store.id()).stream()
                    .filter(graph::isWellFormed).map(Edge::from).distinct().toList();
            if (users.size() > 1) {
                List<String> ids = new ArrayList<>();
                ids.add(store.id());
                ids.addAll(users);
                found.add(problem(ids, "The " + store.kind().json() + " " + store.id() + " is shared by "
                        + String.join(", ", users) + ": a change to its schema breaks every one of them, and none "
                        + "can be deployed alone. Give each service its own store and share data through its API or events.",
                        new QuickFix("Give each service its own " + store.kind().json(),
                                Refactorings.giveEachServiceOwnStore(store.id()))));
            }
        }
        return found;
    }
}
