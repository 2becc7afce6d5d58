package dev.topograph.app.designer.canvas;

import dev.topograph.app.layout.EdgePath;
import dev.topograph.app.layout.Rect;

/** The extent of a drawing, as the canvas fits it and the exports frame it: the same for both. */
public final class DrawingBounds {
    private DrawingBounds() {
    }

    /** {minX, minY, maxX, maxY} of the nodes, contexts, routes and labels; null for an empty drawing. */
    public static double[] of(Diagram d) {
        if (d.nodes().isEmpty() && d.contexts().isEmpty()) {
            return null;
        }
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (DrawnNode n : d.nodes()) {
            take(b, n.x(), n.y(), n.x() + DrawnNode.WIDTH, n.y() + DrawnNode.HEIGHT);
        }
        for (DrawnContext c : d.contexts()) {
            take(b, c.x(), c.y(), c.x() + c.width(), c.y() + c.height());
        }
        for (EdgePath p : d.paths().values()) {
            double[] pts = p.points();
            for (int i = 0; i + 1 < pts.length; i += 2) {
                take(b, pts[i], pts[i + 1], pts[i], pts[i + 1]);
            }
            Rect l = p.label();
            if (l != null) {
                take(b, l.x(), l.y(), l.maxX(), l.maxY());
            }
        }
        return b;
    }

    private static void take(double[] b, double x1, double y1, double x2, double y2) {
        b[0] = Math.min(b[0], x1);
        b[1] = Math.min(b[1], y1);
        b[2] = Math.max(b[2], x2);
        b[3] = Math.max(b[3], y2);
    }
}
