package dev.topograph.app.metrics;

import java.util.Map;
import java.util.Optional;

/** The live figures of a whole running design at one moment, per node and per edge (by edge key). */
public record SystemFigures(long atMs, Map<String, NodeFigures> nodes, Map<String, EdgeFigures> edges) {

    public SystemFigures {
        nodes = Map.copyOf(nodes);
        edges = Map.copyOf(edges);
    }

    public static final SystemFigures NONE = new SystemFigures(0, Map.of(), Map.of());

    public Optional<NodeFigures> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Optional<EdgeFigures> edge(String key) {
        return Optional.ofNullable(edges.get(key));
    }
}
