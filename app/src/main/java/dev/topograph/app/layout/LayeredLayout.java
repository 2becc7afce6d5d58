package dev.topograph.app.layout;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/** Left-to-right layered layout of boxes and links with Eclipse ELK. Pure: no UI, no model. */
public final class LayeredLayout {
    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /** A box to place: its id and size. */
    public record Box(String id, double width, double height) {
    }

    /** A directed link between two boxes. */
    public record Link(String from, String to) {
    }

    /** The top-left corner of every box, by id, as {x, y}. */
    public Map<String, double[]> layout(List<Box> boxes, List<Link> links) {
        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE, 36.0);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 90.0);
        graph.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, 60.0);
        Map<String, ElkNode> nodes = new HashMap<>();
        for (Box b : boxes) {
            if (nodes.containsKey(b.id())) {
                continue;
            }
            ElkNode n = ElkGraphUtil.createNode(graph);
            n.setIdentifier(b.id());
            n.setDimensions(b.width(), b.height());
            nodes.put(b.id(), n);
        }
        for (Link l : links) {
            ElkNode from = nodes.get(l.from());
            ElkNode to = nodes.get(l.to());
            if (from != null && to != null && from != to) {
                ElkGraphUtil.createSimpleEdge(from, to);
            }
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
        Map<String, double[]> positions = new LinkedHashMap<>();
        for (Box b : boxes) {
            ElkNode n = nodes.get(b.id());
            positions.putIfAbsent(b.id(), new double[] {40 + n.getX(), 40 + n.getY()});
        }
        return positions;
    }
}
