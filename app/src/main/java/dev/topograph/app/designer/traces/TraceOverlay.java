package dev.topograph.app.designer.traces;

import dev.topograph.app.designer.canvas.Diagram;
import dev.topograph.app.designer.canvas.DiagramCanvas;
import dev.topograph.app.designer.canvas.DrawnNode;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * The selected trace's way lit over the canvas: the nodes it went through outlined, each hop's edge
 * drawn thick with a numbered badge and its time, the slowest hop in the danger colour and marked
 * "slowest". A layer of its own above {@link DiagramCanvas}, not part of its drawing (exports never
 * show it); it follows the camera by asking the canvas where points fall, on the pulses while a
 * trace is lit, and is transparent to the mouse.
 */
public final class TraceOverlay extends Pane {
    public static final String STYLE = "trace-overlay";
    public static final String HOP_LINE = "trace-hop-line";
    public static final String HOP_LABEL = "trace-hop-label";
    public static final String NODE_RING = "trace-node-ring";
    public static final String SLOWEST = "trace-slowest";

    private final DiagramCanvas canvas;
    private final Supplier<Diagram> diagram;
    private final ObservableValue<TraceHighlight> highlight;
    private double lastScale = Double.NaN;
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;
    private final AnimationTimer follower = new AnimationTimer() {
        @Override
        public void handle(long now) {
            double[] origin = canvas.toView(0, 0);
            if (origin[0] != lastX || origin[1] != lastY || canvas.scale() != lastScale) {
                draw();
            }
        }
    };

    public TraceOverlay(DiagramCanvas canvas, Supplier<Diagram> diagram, ObservableValue<TraceHighlight> highlight) {
        this.canvas = canvas;
        this.diagram = diagram;
        this.highlight = highlight;
        getStyleClass().add(STYLE);
        setId("trace-overlay");
        setMouseTransparent(true);
        setPickOnBounds(false);
        highlight.addListener((o, old, now) -> {
            draw();
            if (now.isEmpty()) {
                follower.stop();
            } else {
                follower.start();
            }
        });
    }

    /**
     * The segment between two cards' centres less the parts inside the cards: {x1, y1, x2, y2};
     * the centres themselves when the cards overlap.
     */
    static double[] betweenBorders(double[] p, double[] q, double scale) {
        double dx = q[0] - p[0];
        double dy = q[1] - p[1];
        double halfW = DrawnNode.WIDTH * scale / 2 + 5;
        double halfH = DrawnNode.HEIGHT * scale / 2 + 5;
        double t = Math.min(dx == 0 ? Double.MAX_VALUE : halfW / Math.abs(dx), dy == 0 ? Double.MAX_VALUE : halfH / Math.abs(dy));
        if (t >= 0.5) {
            return new double[] {p[0], p[1], q[0], q[1]};
        }
        return new double[] {p[0] + dx * t, p[1] + dy * t, q[0] - dx * t, q[1] - dy * t};
    }

    /** Draws the lit way for the camera as it is now. */
    public void draw() {
        getChildren().clear();
        double[] origin = canvas.toView(0, 0);
        lastX = origin[0];
        lastY = origin[1];
        lastScale = canvas.scale();
        TraceHighlight h = highlight.getValue();
        if (h == null || h.isEmpty()) {
            return;
        }
        Diagram d = diagram.get();
        Set<String> lit = new HashSet<>();
        for (TraceHighlight.Hop hop : h.hops()) {
            DrawnNode a = d.nodesById().get(hop.from());
            DrawnNode b = d.nodesById().get(hop.to());
            if (a == null || b == null) {
                continue;
            }
            lit.add(a.id());
            lit.add(b.id());
            double[] p = canvas.toView(a.centerX(), a.centerY());
            double[] q = canvas.toView(b.centerX(), b.centerY());
            // From border to border: the line never covers the cards' own text.
            double[] ends = betweenBorders(p, q, canvas.scale());
            p = new double[] {ends[0], ends[1]};
            q = new double[] {ends[2], ends[3]};
            Line line = new Line(p[0], p[1], q[0], q[1]);
            line.getStyleClass().add(HOP_LINE);
            Label label = new Label(hop.order() + "  " + hop.label() + (hop.slowest() ? "  slowest" : ""));
            label.getStyleClass().add(HOP_LABEL);
            label.setAlignment(Pos.CENTER);
            if (hop.slowest()) {
                line.getStyleClass().add(SLOWEST);
                label.getStyleClass().add(SLOWEST);
            }
            getChildren().add(0, line);
            label.applyCss();
            double w = label.prefWidth(-1);
            double lh = label.prefHeight(-1);
            // Half-way along the part of the edge between the cards.
            label.relocate((p[0] + q[0]) / 2 - w / 2, (p[1] + q[1]) / 2 - lh / 2);
            getChildren().add(label);
        }
        double s = canvas.scale();
        for (String id : lit) {
            DrawnNode n = d.nodesById().get(id);
            double[] p = canvas.toView(n.x(), n.y());
            Rectangle ring = new Rectangle(p[0] - 4, p[1] - 4, DrawnNode.WIDTH * s + 8, DrawnNode.HEIGHT * s + 8);
            ring.setArcWidth(14);
            ring.setArcHeight(14);
            ring.getStyleClass().add(NODE_RING);
            getChildren().add(0, ring);
        }
    }
}
