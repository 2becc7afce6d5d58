package dev.topograph.app.designer.canvas;

import java.util.Map;

/**
 * The live figures the canvas draws over a running design, by node id and by edge key; redrawn
 * once a scrape round at most, apart from the diagram (so the drawing is never rebuilt for them,
 * and exports never show them).
 */
public record LiveOverlay(Map<String, LiveNode> nodes, Map<String, LiveEdge> edges) {
    public static final LiveOverlay NONE = new LiveOverlay(Map.of(), Map.of());

    public LiveOverlay {
        nodes = Map.copyOf(nodes);
        edges = Map.copyOf(edges);
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && edges.isEmpty();
    }
}
