package dev.topograph.app.designer.canvas;

import dev.topograph.app.layout.EdgeLayout;
import dev.topograph.app.layout.EdgePath;
import dev.topograph.app.layout.EdgeRouter;
import dev.topograph.app.layout.Rect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the canvas draws, as one immutable snapshot: the contexts, the nodes, the edges and,
 * by edge key, where each edge runs and where its label sits ({@link EdgeLayout}); the screen and
 * the exports draw the same paths.
 */
public record Diagram(List<DrawnContext> contexts, List<DrawnNode> nodes, List<DrawnEdge> edges,
        Map<String, DrawnNode> nodesById, Map<String, EdgePath> paths) {
    public static final Diagram EMPTY = new Diagram(List.of(), List.of(), List.of(), Map.of(), Map.of());

    /** A diagram whose edges are routed and labelled from its nodes' places. */
    public Diagram(List<DrawnContext> contexts, List<DrawnNode> nodes, List<DrawnEdge> edges,
            Map<String, DrawnNode> nodesById) {
        this(contexts, nodes, edges, nodesById, route(contexts, nodes, edges));
    }

    /** The paths of the edges between these nodes, around them, labels clear of them and of the context titles. */
    public static Map<String, EdgePath> route(List<DrawnContext> contexts, List<DrawnNode> nodes, List<DrawnEdge> edges) {
        List<EdgeRouter.Box> boxes = new ArrayList<>(nodes.size());
        for (DrawnNode n : nodes) {
            boxes.add(new EdgeRouter.Box(n.id(), n.rect(), DrawnNode.roomBelow(n.kind())));
        }
        List<EdgeLayout.Line> lines = new ArrayList<>(edges.size());
        for (DrawnEdge e : edges) {
            lines.add(new EdgeLayout.Line(e.key(), e.from(), e.to(), e.label()));
        }
        return Map.copyOf(EdgeLayout.of(boxes, lines, titles(contexts)));
    }

    /** Where the contexts' titles are drawn. */
    public static List<Rect> titles(List<DrawnContext> contexts) {
        List<Rect> titles = new ArrayList<>(contexts.size());
        for (DrawnContext c : contexts) {
            titles.add(EdgeLayout.titleOf(c.x(), c.y(), c.name()));
        }
        return titles;
    }
}
