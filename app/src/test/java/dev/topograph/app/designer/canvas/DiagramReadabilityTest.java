package dev.topograph.app.designer.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.layout.DrawingCheck;
import dev.topograph.app.layout.EdgePath;
import dev.topograph.app.layout.Rect;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.SyntheticTopology;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.junit.jupiter.api.Test;

/**
 * The measurable side of "diagrams that read like a person drew them": for every example and a
 * set of generated designs, after Auto-Layout, no label covers a node or another label (context
 * titles included) and no edge runs through a node it does not join. Prints the counts next to
 * the ones of the drawing this replaced (straight centre-to-centre lines, labels at their middle,
 * the earlier ELK settings), for docs/benchmarks.md.
 */
class DiagramReadabilityTest {

    record Design(String name, Topology topology) {
    }

    static List<Design> designs() throws Exception {
        List<Design> designs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".topology.json")).sorted().toList()) {
                designs.add(new Design(f.getFileName().toString(), new ProjectFile().load(f)));
            }
        }
        int[][] sizes = {{12, 16, 1}, {25, 36, 2}, {40, 60, 3}, {60, 90, 4}, {100, 150, 5}};
        for (int[] s : sizes) {
            designs.add(new Design("synthetic " + s[0] + " nodes / " + s[1] + " edges",
                    SyntheticTopology.generate(s[0], s[1], s[2])));
        }
        return designs;
    }

    @Test
    void afterAutoLayoutNoLabelCoversANodeOrALabelAndNoEdgeCrossesANode() throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-34s | %-38s | %-38s | %-38s%n", "design", "as stored, before", "auto-layout, before",
                "auto-layout, now"));
        Map<String, DrawingCheck.Overlaps> now = new LinkedHashMap<>();
        for (Design d : designs()) {
            MainViewModel main = new MainViewModel(TaskExecutor.synchronous(), 0);
            main.document().show(d.topology(), Optional.empty(), false);
            DrawingCheck.Overlaps storedBefore = Legacy.count(main.canvas().diagramProperty().get());
            Diagram legacyLaidOut = Legacy.laidOut(main.canvas().diagramProperty().get());
            DrawingCheck.Overlaps laidOutBefore = Legacy.count(legacyLaidOut);
            main.canvas().autoLayout();
            DrawingCheck.Overlaps after = count(main.canvas().diagramProperty().get());
            now.put(d.name(), after);
            table.append(String.format("%-34s | %-38s | %-38s | %-38s%n", d.name(), storedBefore, laidOutBefore, after));
        }
        System.out.print(table);
        now.forEach((name, o) -> assertThat(o.total()).as("%s: %s", name, o).isZero());
    }

    @Test
    void theExamplesAsSavedReadCleanlyWhenOpened() throws Exception {
        for (Design d : designs()) {
            if (!d.name().endsWith(".topology.json")) {
                continue;
            }
            MainViewModel main = new MainViewModel(TaskExecutor.synchronous(), 0);
            main.document().show(d.topology(), Optional.empty(), false);
            DrawingCheck.Overlaps o = count(main.canvas().diagramProperty().get());
            System.out.println(d.name() + " as opened: " + o);
            assertThat(o.total()).as("%s as opened: %s", d.name(), o).isZero();
        }
    }

    /** The counts of a diagram as the canvas and the exports draw it. */
    static DrawingCheck.Overlaps count(Diagram d) {
        Map<String, Rect> boxes = new HashMap<>();
        d.nodes().forEach(n -> boxes.put(n.id(), n.rect()));
        List<DrawingCheck.DrawnLine> lines = new ArrayList<>();
        for (DrawnEdge e : d.edges()) {
            EdgePath p = d.paths().get(e.key());
            lines.add(new DrawingCheck.DrawnLine(e.from(), e.to(), p.points(), p.label()));
        }
        return DrawingCheck.count(boxes, lines, Diagram.titles(d.contexts()));
    }

    /** The drawing as main drew it before routing: straight lines between the boxes' borders, labels at the middle. */
    static final class Legacy {
        static {
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }

        static DrawingCheck.Overlaps count(Diagram d) {
            Map<String, Rect> boxes = new HashMap<>();
            d.nodes().forEach(n -> boxes.put(n.id(), n.rect()));
            List<DrawingCheck.DrawnLine> lines = new ArrayList<>();
            for (DrawnEdge e : d.edges()) {
                DrawnNode a = d.nodesById().get(e.from());
                DrawnNode b = d.nodesById().get(e.to());
                double[] p1 = border(a, b.centerX(), b.centerY());
                double[] p2 = border(b, a.centerX(), a.centerY());
                Rect label = null;
                if (!e.label().isEmpty()) {
                    double w = e.label().length() * 6.2 + 8;
                    label = new Rect((p1[0] + p2[0]) / 2 - w / 2, (p1[1] + p2[1]) / 2 - 8, w, 16);
                }
                lines.add(new DrawingCheck.DrawnLine(e.from(), e.to(), new double[] {p1[0], p1[1], p2[0], p2[1]}, label));
            }
            // Contexts as main drew them: 24 around the members, 40 above.
            List<Rect> titles = new ArrayList<>();
            for (DrawnContext c : d.contexts()) {
                titles.add(new Rect(c.x() + 8, c.y() + 6, c.name().length() * 8.2 + 10, 22));
            }
            return DrawingCheck.count(boxes, lines, titles);
        }

        /** The diagram with main's Auto-Layout (ELK layered, straight, no groups, no labels). */
        static Diagram laidOut(Diagram d) {
            ElkNode graph = ElkGraphUtil.createGraph();
            graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
            graph.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
            graph.setProperty(LayeredOptions.SPACING_NODE_NODE, 36.0);
            graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 90.0);
            graph.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, 60.0);
            Map<String, ElkNode> nodes = new HashMap<>();
            for (DrawnNode n : d.nodes()) {
                ElkNode e = ElkGraphUtil.createNode(graph);
                e.setDimensions(DrawnNode.WIDTH, DrawnNode.HEIGHT);
                nodes.put(n.id(), e);
            }
            for (DrawnEdge e : d.edges()) {
                if (!e.from().equals(e.to())) {
                    ElkGraphUtil.createSimpleEdge(nodes.get(e.from()), nodes.get(e.to()));
                }
            }
            new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
            List<DrawnNode> moved = new ArrayList<>();
            Map<String, DrawnNode> byId = new HashMap<>();
            for (DrawnNode n : d.nodes()) {
                ElkNode e = nodes.get(n.id());
                DrawnNode m = new DrawnNode(n.id(), n.kind(), n.detail(), Math.round(40 + e.getX()),
                        Math.round(40 + e.getY()), n.marker());
                moved.add(m);
                byId.put(m.id(), m);
            }
            List<DrawnContext> contexts = new ArrayList<>();
            for (DrawnContext c : d.contexts()) {
                double minX = Double.MAX_VALUE;
                double minY = Double.MAX_VALUE;
                double maxX = -Double.MAX_VALUE;
                double maxY = -Double.MAX_VALUE;
                for (DrawnNode n : d.nodes()) {
                    DrawnNode m = byId.get(n.id());
                    // Membership as drawn before: nodes inside the old box.
                    if (n.x() >= c.x() && n.y() >= c.y() && n.x() + DrawnNode.WIDTH <= c.x() + c.width()
                            && n.y() + DrawnNode.HEIGHT <= c.y() + c.height()) {
                        minX = Math.min(minX, m.x());
                        minY = Math.min(minY, m.y());
                        maxX = Math.max(maxX, m.x() + DrawnNode.WIDTH);
                        maxY = Math.max(maxY, m.y() + DrawnNode.HEIGHT);
                    }
                }
                if (minX <= maxX) {
                    contexts.add(new DrawnContext(c.id(), c.name(), minX - 24, minY - 40, maxX - minX + 48,
                            maxY - minY + 64));
                }
            }
            return new Diagram(contexts, moved, d.edges(), byId, Map.of());
        }

        private static double[] border(DrawnNode n, double tx, double ty) {
            double cx = n.centerX();
            double cy = n.centerY();
            double dx = tx - cx;
            double dy = ty - cy;
            if (dx == 0 && dy == 0) {
                return new double[] {cx, cy};
            }
            double sx = dx == 0 ? Double.MAX_VALUE : (DrawnNode.WIDTH / 2) / Math.abs(dx);
            double sy = dy == 0 ? Double.MAX_VALUE : (DrawnNode.HEIGHT / 2) / Math.abs(dy);
            double s = Math.min(sx, sy);
            return new double[] {cx + dx * s, cy + dy * s};
        }
    }
}
