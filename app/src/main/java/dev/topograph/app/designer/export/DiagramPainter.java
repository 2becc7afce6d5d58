package dev.topograph.app.designer.export;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.Diagram;
import dev.topograph.app.designer.canvas.DrawnContext;
import dev.topograph.app.designer.canvas.DrawnEdge;
import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.designer.canvas.DrawingBounds;
import dev.topograph.app.designer.canvas.Marker;
import dev.topograph.app.designer.canvas.render.EdgeLook;
import dev.topograph.app.layout.EdgePath;
import dev.topograph.app.layout.Rect;
import javafx.scene.paint.Color;

/**
 * Draws a whole {@link Diagram} the way the canvas shows it at 100 %: bounded contexts, then
 * edges along the routes the canvas draws (solid for synchronous calls, dashed for messaging, with
 * arrowheads, labels where the layout placed them), then
 * nodes with their labels and problem markers. No grid, no selection: a picture of the design,
 * moved so that it starts a margin from the top-left corner.
 */
final class DiagramPainter {
    /** Space around the drawing. */
    static final double MARGIN = 32;

    private static final double TITLE_SIZE = 13;
    private static final double SMALL_SIZE = 11;

    /** The size of the picture, margins included. */
    record Frame(double left, double top, double width, double height) {
    }

    private final Diagram diagram;
    private final CanvasPalette palette;
    private final Frame frame;

    DiagramPainter(Diagram diagram, CanvasPalette palette) {
        this.diagram = diagram;
        this.palette = palette;
        this.frame = frame(diagram);
    }

    Frame frame() {
        return frame;
    }

    private static Frame frame(Diagram d) {
        double[] b = DrawingBounds.of(d);
        if (b == null) {
            return new Frame(0, 0, 2 * MARGIN, 2 * MARGIN);
        }
        return new Frame(b[0] - MARGIN, b[1] - MARGIN, Math.ceil(b[2] - b[0] + 2 * MARGIN),
                Math.ceil(b[3] - b[1] + 2 * MARGIN));
    }

    void paint(Pen pen) {
        pen.group("contexts", "");
        for (DrawnContext c : diagram.contexts()) {
            context(pen, c);
        }
        pen.end();
        pen.group("edges", "");
        for (DrawnEdge e : diagram.edges()) {
            EdgePath path = diagram.paths().get(e.key());
            if (path != null && path.points().length >= 4) {
                edge(pen, e, path);
            }
        }
        pen.end();
        pen.group("nodes", "");
        for (DrawnNode n : diagram.nodes()) {
            node(pen, n);
        }
        pen.end();
    }

    private double x(double canvasX) {
        return canvasX - frame.left();
    }

    private double y(double canvasY) {
        return canvasY - frame.top();
    }

    private void context(Pen pen, DrawnContext c) {
        pen.group("context", "context-" + c.id());
        pen.fillRoundRect(x(c.x()), y(c.y()), c.width(), c.height(), 11, palette.contextFill());
        pen.strokeRoundRect(x(c.x()), y(c.y()), c.width(), c.height(), 11, palette.contextStroke(), 1.2, 8, 5);
        pen.text(c.name(), x(c.x()) + 12, top(y(c.y()) + 10, TITLE_SIZE), TITLE_SIZE, true, palette.contextText(), false,
                c.width() - 24);
        pen.end();
    }

    /** An edge along its route, with the canvas's look ({@link EdgeLook}) and its label where the layout put it. */
    private void edge(Pen pen, DrawnEdge e, EdgePath path) {
        Color colour = EdgeLook.of(e).colour(palette);
        double[] p = path.points();
        double[] xs = new double[p.length / 2];
        double[] ys = new double[p.length / 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x(p[2 * i]);
            ys[i] = y(p[2 * i + 1]);
        }
        pen.group("edge " + e.kind(), "edge-" + e.key());
        if (e.synchronous()) {
            pen.polyline(xs, ys, colour, EdgeLook.LINE_WIDTH);
        } else {
            pen.polyline(xs, ys, colour, EdgeLook.LINE_WIDTH, EdgeLook.DASH, EdgeLook.GAP);
        }
        double[] a = EdgeLook.arrowhead(p);
        pen.fillPolygon(new double[] {x(a[0]), x(a[2]), x(a[4])}, new double[] {y(a[1]), y(a[3]), y(a[5])}, colour);
        Rect label = path.label();
        if (label != null) {
            pen.fillRoundRect(x(label.x()), y(label.y()), label.width(), label.height(), label.height() / 2,
                    palette.background());
            pen.text(e.label(), x(label.centerX()), middle(y(label.centerY()), SMALL_SIZE), SMALL_SIZE, false,
                    palette.edgeText(), true, label.width() - 4);
        }
        pen.end();
    }

    private void node(Pen pen, DrawnNode n) {
        double nx = x(n.x());
        double ny = y(n.y());
        Color kind = palette.kind(n.kind());
        pen.group("node " + n.kind(), "node-" + n.id());
        pen.fillRoundRect(nx, ny, DrawnNode.WIDTH, DrawnNode.HEIGHT, 6, palette.nodeFill());
        pen.fillRoundRect(nx, ny, 7, DrawnNode.HEIGHT, 3.5, kind);
        Color border = n.marker() == Marker.ERROR ? palette.danger()
                : n.marker() == Marker.WARNING ? palette.warn() : kind.deriveColor(0, 1, 1, 0.55);
        pen.strokeRoundRect(nx, ny, DrawnNode.WIDTH, DrawnNode.HEIGHT, 6, border, n.marker() != Marker.NONE ? 2.2 : 1.2);
        pen.text(n.id(), nx + 16, top(ny + 10, TITLE_SIZE), TITLE_SIZE, true, palette.nodeText(), false,
                DrawnNode.WIDTH - 40);
        String detail = n.detail().isEmpty() ? n.kind() : n.kind() + "  " + n.detail();
        pen.text(detail, nx + 16, top(ny + 33, SMALL_SIZE), SMALL_SIZE, false, palette.nodeMuted(), false,
                DrawnNode.WIDTH - 24);
        if (n.marker() != Marker.NONE) {
            pen.fillCircle(nx + DrawnNode.WIDTH - 14, ny + 14, 6, n.marker() == Marker.ERROR ? palette.danger() : palette.warn());
            pen.text("!", nx + DrawnNode.WIDTH - 14, middle(ny + 14, 10), 10, true, Color.WHITE, true, 0);
        }
        pen.end();
    }

    // Text is placed by estimate, not by font metrics: an SVG viewer picks its own font anyway, and
    // the SVG export then needs no running JavaFX toolkit and gives the same text on every machine.

    /** The baseline of text whose top is at {@code y}. */
    private static double top(double y, double size) {
        return y + 0.9 * size;
    }

    /** The baseline of text centred vertically on {@code y}. */
    private static double middle(double y, double size) {
        return y + 0.35 * size;
    }

    /** About how wide a line of text is in the usual sans-serif fonts. */
    static double textWidth(String text, double size, boolean bold) {
        return text.length() * size * (bold ? 0.6 : 0.52);
    }
}
