package dev.topograph.app.designer.export;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.Diagram;
import dev.topograph.app.designer.canvas.DrawnContext;
import dev.topograph.app.designer.canvas.DrawnEdge;
import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.designer.canvas.Marker;
import javafx.scene.paint.Color;

/**
 * Draws a whole {@link Diagram} the way the canvas shows it at 100 %: bounded contexts, then
 * edges (solid for synchronous calls, dashed for messaging, with arrowheads and labels), then
 * nodes with their labels and problem markers. No grid, no selection: a picture of the design,
 * moved so that it starts a margin from the top-left corner.
 */
final class DiagramPainter {
    /** Space around the drawing. */
    static final double MARGIN = 32;

    private static final double TITLE_SIZE = 13;
    private static final double SMALL_SIZE = 11;
    private static final double ARROW = 9;

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
        if (d.nodes().isEmpty() && d.contexts().isEmpty()) {
            return new Frame(0, 0, 2 * MARGIN, 2 * MARGIN);
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (DrawnNode n : d.nodes()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + DrawnNode.WIDTH);
            maxY = Math.max(maxY, n.y() + DrawnNode.HEIGHT);
        }
        for (DrawnContext c : d.contexts()) {
            minX = Math.min(minX, c.x());
            minY = Math.min(minY, c.y());
            maxX = Math.max(maxX, c.x() + c.width());
            maxY = Math.max(maxY, c.y() + c.height());
        }
        return new Frame(minX - MARGIN, minY - MARGIN, Math.ceil(maxX - minX + 2 * MARGIN),
                Math.ceil(maxY - minY + 2 * MARGIN));
    }

    void paint(Pen pen) {
        pen.group("contexts", "");
        for (DrawnContext c : diagram.contexts()) {
            context(pen, c);
        }
        pen.end();
        pen.group("edges", "");
        for (DrawnEdge e : diagram.edges()) {
            DrawnNode a = diagram.nodesById().get(e.from());
            DrawnNode b = diagram.nodesById().get(e.to());
            if (a != null && b != null) {
                edge(pen, e, a, b);
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

    private void edge(Pen pen, DrawnEdge e, DrawnNode a, DrawnNode b) {
        double[] p1 = border(a, b.centerX(), b.centerY());
        double[] p2 = border(b, a.centerX(), a.centerY());
        Color colour = e.marker() == Marker.ERROR ? palette.danger()
                : e.marker() == Marker.WARNING ? palette.warn()
                : e.synchronous() ? palette.edgeSync() : palette.edgeAsync();
        pen.group("edge " + e.kind(), "edge-" + e.key());
        if (e.synchronous()) {
            pen.line(x(p1[0]), y(p1[1]), x(p2[0]), y(p2[1]), colour, 1.6);
        } else {
            pen.line(x(p1[0]), y(p1[1]), x(p2[0]), y(p2[1]), colour, 1.6, 7, 5);
        }
        double angle = Math.atan2(p2[1] - p1[1], p2[0] - p1[0]);
        pen.fillPolygon(
                new double[] {x(p2[0]), x(p2[0] - ARROW * Math.cos(angle - 0.4)), x(p2[0] - ARROW * Math.cos(angle + 0.4))},
                new double[] {y(p2[1]), y(p2[1] - ARROW * Math.sin(angle - 0.4)), y(p2[1] - ARROW * Math.sin(angle + 0.4))},
                colour);
        if (!e.label().isEmpty()) {
            double mx = x((p1[0] + p2[0]) / 2);
            double my = y((p1[1] + p2[1]) / 2);
            double width = textWidth(e.label(), SMALL_SIZE, false) + 10;
            pen.fillRoundRect(mx - width / 2, my - 8, width, 16, 8, palette.background());
            pen.text(e.label(), mx, middle(my, SMALL_SIZE), SMALL_SIZE, false, palette.edgeText(), true, 0);
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

    /** Where the line from the node's centre towards (tx, ty) leaves its box (as on the canvas). */
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
