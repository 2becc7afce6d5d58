package dev.topograph.app.designer.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Canvas gestures as edits, without a window: each one undoable, refusals explained. */
class CanvasViewModelTest {
    private final MainViewModel main = new MainViewModel(TaskExecutor.synchronous(), 0);
    private final CanvasViewModel canvas = main.canvas();

    @Test
    void buildingASmallDesignRaisesAndClearsTopo030() {
        String a = canvas.addNode("service", 100, 100).orElseThrow();
        String q = canvas.addNode("queue", 400, 100).orElseThrow();
        String b = canvas.addNode("service", 700, 100).orElseThrow();
        assertThat(canvas.connectionKinds(q, b)).containsExactly("subscribe");
        assertThat(canvas.connect(q, b, "subscribe")).isTrue();
        assertThat(codes()).contains("TOPO030");
        assertThat(canvas.connectionKinds(a, q)).containsExactly("publish");
        canvas.connect(a, q, "publish");
        // The subscriber listens on the queue's id; the publisher's topic differs: still TOPO030.
        assertThat(codes()).contains("TOPO030");
        assertThat(canvas.diagramProperty().get().nodesById().get(q).marker()).isEqualTo(Marker.ERROR);
    }

    @Test
    void illegalConnectionsAreRefusedWithAReason() {
        String q = canvas.addNode("queue", 0, 0).orElseThrow();
        String c = canvas.addNode("cache", 300, 0).orElseThrow();
        assertThat(canvas.connectionKinds(q, c)).isEmpty();
        assertThat(canvas.connectionRefusal(q, c)).contains("a queue cannot connect to a cache");
        assertThat(canvas.connectionRefusal(q, q)).contains("a node cannot connect to itself");
        String s = canvas.addNode("service", 0, 300).orElseThrow();
        String t = canvas.addNode("service", 300, 300).orElseThrow();
        assertThat(canvas.connectionKinds(s, t)).containsExactly("http", "grpc");
        canvas.connect(s, t, "http");
        assertThat(canvas.connectionKinds(s, t)).containsExactly("grpc");
    }

    @Test
    void aGatewayRouteGetsAPrefixAndNewNodesGetFreePortsAndIds() {
        String g = canvas.addNode("gateway", 0, 0).orElseThrow();
        String s1 = canvas.addNode("service", 300, 0).orElseThrow();
        String s2 = canvas.addNode("service", 300, 200).orElseThrow();
        assertThat(List.of(g, s1, s2)).containsExactly("gateway-1", "service-1", "service-2");
        canvas.connect(g, s1, "http");
        assertThat(main.document().topology().edges().get(0).route()).contains("/service-1");
        assertThat(main.document().topology().node(s2).flatMap(n -> n.listenPort())).contains(8082);
    }

    @Test
    void moveSnapsToTheGridAndUndoRestores() {
        String s = canvas.addNode("service", 100, 100).orElseThrow();
        Topology before = main.document().topology();
        canvas.moveNodes(Map.of(s, new Point(203, 311)));
        DrawnNode moved = canvas.diagramProperty().get().nodesById().get(s);
        assertThat(moved.x()).isEqualTo(200);
        assertThat(moved.y()).isEqualTo(320);
        main.document().undo();
        assertThat(main.document().topology()).isEqualTo(before);
    }

    @Test
    void rubberBandSelectsWhatItEnclosesAndDeleteRemovesItWithItsEdges() {
        String a = canvas.addNode("service", 100, 100).orElseThrow();
        String b = canvas.addNode("service", 500, 100).orElseThrow();
        canvas.connect(a, b, "http");
        canvas.selectInside(0, 0, 300, 300, false);
        assertThat(canvas.selectionProperty().get()).containsExactly(a);
        canvas.deleteSelection();
        assertThat(main.document().topology().node(a)).isEmpty();
        assertThat(main.document().topology().edges()).isEmpty();
        main.document().undo();
        assertThat(main.document().topology().edges()).hasSize(1);
    }

    @Test
    void copyAndPasteMakesRenamedCopiesWithTheirInnerEdges() {
        String a = canvas.addNode("service", 100, 100).orElseThrow();
        String q = canvas.addNode("queue", 400, 100).orElseThrow();
        canvas.connect(a, q, "publish");
        canvas.select(List.of(a, q));
        canvas.copySelection();
        canvas.paste();
        Topology t = main.document().topology();
        assertThat(t.node(a + "-copy")).isPresent();
        assertThat(t.node(q + "-copy")).isPresent();
        assertThat(t.edges()).hasSize(2);
        assertThat(t.node(a + "-copy").flatMap(n -> n.listenPort())).isNotEqualTo(t.node(a).flatMap(n -> n.listenPort()));
        assertThat(canvas.selectionProperty().get()).containsExactlyInAnyOrder(a + "-copy", q + "-copy");
    }

    @Test
    void groupingDrawsAContextAroundTheSelection() {
        String a = canvas.addNode("service", 100, 100).orElseThrow();
        canvas.select(List.of(a));
        canvas.groupSelection("Order Handling");
        assertThat(main.document().topology().context("order-handling")).isPresent();
        assertThat(canvas.diagramProperty().get().contexts()).extracting(DrawnContext::name).containsExactly("Order Handling");
        canvas.groupSelection("Bad/Name");
        assertThat(main.document().noticeProperty().get().problem()).isTrue();
    }

    @Test
    void autoLayoutPlacesEveryNodeWithoutOverlapInOneUndoableStep() throws Exception {
        // The example is saved laid out already: a generated design on a plain grid has something to move.
        Topology shop = dev.topograph.model.topology.SyntheticTopology.generate(20, 30, 1);
        main.document().show(shop, Optional.empty(), false);
        canvas.autoLayout();
        List<DrawnNode> nodes = canvas.diagramProperty().get().nodes();
        for (DrawnNode n : nodes) {
            for (DrawnNode m : nodes) {
                if (n != m) {
                    boolean overlap = n.x() < m.x() + DrawnNode.WIDTH && m.x() < n.x() + DrawnNode.WIDTH
                            && n.y() < m.y() + DrawnNode.HEIGHT && m.y() < n.y() + DrawnNode.HEIGHT;
                    assertThat(overlap).as("%s overlaps %s", n.id(), m.id()).isFalse();
                }
            }
        }
        assertThat(main.document().undoTextProperty().get()).isEqualTo("Undo Auto-layout");
        main.document().undo();
        assertThat(main.document().topology()).isEqualTo(shop);
    }

    private List<String> codes() {
        return main.problems().itemsProperty().get().stream().map(i -> i.code()).toList();
    }
}
