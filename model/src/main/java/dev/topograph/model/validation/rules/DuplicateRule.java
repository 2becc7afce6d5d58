package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** TOPO002: ids are unique, and no two nodes listen on one port. */
public final class DuplicateRule implements Rule {
    private static final Pattern WILDCARD = Pattern.compile("\\{[^/}]*}");

    @Override
    public String code() {
        return "TOPO002";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String title() {
        return "Duplicate id, or two nodes on one port";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        Topology t = graph.topology();
        List<Diagnostic> found = new ArrayList<>();
        repeated(t.nodes().stream().map(Node::id).toList()).forEach(id -> found.add(problem(List.of(id),
                "Two nodes have the id \"" + id + "\": edges and generated folders could not tell them apart.")));
        repeated(t.contexts().stream().map(BoundedContext::id).toList()).forEach(id -> found.add(problem(List.of(id),
                "Two bounded contexts have the id \"" + id + "\".")));
        repeated(t.edges().stream().map(Edge::key).toList()).forEach(key -> found.add(problem(List.of(key),
                "Two edges are both known as " + key + ": draw it once, or give each an id.")));

        Map<Integer, List<String>> byPort = new LinkedHashMap<>();
        for (Node n : t.nodes()) {
            n.listenPort().ifPresent(p -> byPort.computeIfAbsent(p, k -> new ArrayList<>()).add(n.id()));
        }
        byPort.forEach((port, ids) -> {
            if (ids.size() > 1) {
                found.add(problem(ids, String.join(", ", ids) + " all listen on port " + port
                        + ": only one of them could start on this machine."));
            }
        });
        for (Node n : t.nodes()) {
            if (n instanceof ServiceNode s) {
                // Patterns that differ only in wildcard names match the same requests: Go's mux refuses both.
                Map<String, List<String>> byShape = new LinkedHashMap<>();
                for (Endpoint ep : s.endpoints()) {
                    byShape.computeIfAbsent(ep.method() + " " + WILDCARD.matcher(ep.path()).replaceAll("{}"),
                            k -> new ArrayList<>()).add(ep.pattern());
                }
                byShape.values().stream().filter(patterns -> patterns.size() > 1).forEach(patterns -> {
                    List<String> distinct = patterns.stream().distinct().toList();
                    found.add(problem(List.of(s.id()), distinct.size() == 1
                            ? s.id() + " lists the endpoint " + patterns.get(0) + " twice."
                            : s.id() + " lists " + String.join(" and ", distinct)
                                    + ", which match the same requests: the generated server could not start."));
                });
            }
        }
        return found;
    }

    private static List<String> repeated(List<String> values) {
        Set<String> seen = new HashSet<>();
        Map<String, Boolean> repeats = new LinkedHashMap<>();
        for (String v : values) {
            if (!seen.add(v)) {
                repeats.put(v, true);
            }
        }
        return new ArrayList<>(repeats.keySet());
    }

}
