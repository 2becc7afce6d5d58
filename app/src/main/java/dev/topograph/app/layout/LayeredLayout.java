package dev.topograph.app.layout;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Left-to-right layered layout of boxes and links with Eclipse ELK: groups (bounded contexts) are
 * compound nodes laid out with their members in one pass (hierarchy handling INCLUDE_CHILDREN), so
 * a context never overlaps another or takes in a node not its own; edges are routed orthogonally
 * and their labels take room between the layers, so the routes and labels drawn later
 * ({@link EdgeLayout}) find the channels free. Pure: no UI, no model.
 */
public final class LayeredLayout {
    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /** A box to place: its id, size, and the group it belongs to ("" for none). */
    public record Box(String id, double width, double height, String group) {
        public Box(String id, double width, double height) {
            this(id, width, height, "");
        }
    }

    /** A directed link between two boxes, with the size of its label (0 × 0 for none). */
    public record Link(String from, String to, double labelWidth, double labelHeight) {
        public Link(String from, String to) {
            this(from, to, 0, 0);
        }
    }

    /** Room kept inside a group around its members: for the title above, and a margin elsewhere. */
    public record Padding(double top, double left, double bottom, double right) {
        public static final Padding NONE = new Padding(0, 0, 0, 0);
    }

    /** The top-left corner of every box, by id, as {x, y}. */
    public Map<String, double[]> layout(List<Box> boxes, List<Link> links) {
        return layout(boxes, links, Padding.NONE);
    }

    /** The top-left corner of every box, by id, as {x, y}; groups keep {@code padding} around their members. */
    public Map<String, double[]> layout(List<Box> boxes, List<Link> links, Padding padding) {
        ElkNode graph = ElkGraphUtil.createGraph();
        configure(graph);
        graph.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        graph.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, 60.0);
        Map<String, ElkNode> groups = new HashMap<>();
        Map<String, ElkNode> nodes = new HashMap<>();
        for (Box b : boxes) {
            if (nodes.containsKey(b.id())) {
                continue;
            }
            ElkNode parent = graph;
            if (!b.group().isEmpty()) {
                parent = groups.computeIfAbsent(b.group(), g -> {
                    ElkNode group = ElkGraphUtil.createNode(graph);
                    group.setIdentifier("group:" + g);
                    configure(group);
                    group.setProperty(CoreOptions.PADDING,
                            new ElkPadding(padding.top(), padding.right(), padding.bottom(), padding.left()));
                    return group;
                });
            }
            ElkNode n = ElkGraphUtil.createNode(parent);
            n.setIdentifier(b.id());
            n.setDimensions(b.width(), b.height());
            nodes.put(b.id(), n);
        }
        for (Link l : links) {
            ElkNode from = nodes.get(l.from());
            ElkNode to = nodes.get(l.to());
            if (from != null && to != null && from != to) {
                ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
                ElkGraphUtil.updateContainment(edge);
                if (l.labelWidth() > 0) {
                    ElkLabel label = ElkGraphUtil.createLabel(edge);
                    label.setDimensions(l.labelWidth(), l.labelHeight());
                }
            }
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
        Map<String, double[]> positions = new LinkedHashMap<>();
        for (Box b : boxes) {
            ElkNode n = nodes.get(b.id());
            double x = n.getX();
            double y = n.getY();
            for (ElkNode p = n.getParent(); p != null && p != graph; p = p.getParent()) {
                x += p.getX();
                y += p.getY();
            }
            positions.putIfAbsent(b.id(), new double[] {40 + x, 40 + y});
        }
        return positions;
    }

    private static void configure(ElkNode n) {
        n.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        n.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        n.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        n.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
        n.setProperty(LayeredOptions.SPACING_NODE_NODE, 40.0);
        n.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 64.0);
        n.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 24.0);
        n.setProperty(LayeredOptions.SPACING_EDGE_NODE, 24.0);
        n.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 14.0);
        n.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 14.0);
        n.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
        n.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.NETWORK_SIMPLEX);
    }
}
