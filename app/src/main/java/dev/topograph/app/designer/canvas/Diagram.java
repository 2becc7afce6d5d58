package dev.topograph.app.designer.canvas;

import java.util.List;
import java.util.Map;

/** Everything the canvas draws, as one immutable snapshot. */
public record Diagram(List<DrawnContext> contexts, List<DrawnNode> nodes, List<DrawnEdge> edges,
        Map<String, DrawnNode> nodesById) {
    public static final Diagram EMPTY = new Diagram(List.of(), List.of(), List.of(), Map.of());
}
