package dev.topograph.app.designer.canvas.render;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.DrawnEdge;
import dev.topograph.app.designer.canvas.Marker;
import javafx.scene.paint.Color;

/**
 * How an edge looks, for every surface that draws one (the canvas, the PNG and the SVG export):
 * its colour by meaning, solid for synchronous calls and dashed for messaging, and its arrowhead.
 */
public enum EdgeLook {
    SYNC, ASYNC, WARNING, ERROR;

    public static final double LINE_WIDTH = 1.6;
    public static final double ARROW = 9;
    public static final double DASH = 7;
    public static final double GAP = 5;

    public static EdgeLook of(DrawnEdge e) {
        return e.marker() == Marker.ERROR ? ERROR
                : e.marker() == Marker.WARNING ? WARNING
                : e.synchronous() ? SYNC : ASYNC;
    }

    public Color colour(CanvasPalette p) {
        return switch (this) {
            case SYNC -> p.edgeSync();
            case ASYNC -> p.edgeAsync();
            case WARNING -> p.warn();
            case ERROR -> p.danger();
        };
    }

    /**
     * The arrowhead at the end of a route {x0, y0, …, xn, yn}: {tipX, tipY, x1, y1, x2, y2}, pointing
     * along the last segment.
     */
    public static double[] arrowhead(double[] route) {
        int n = route.length;
        double tx = route[n - 2];
        double ty = route[n - 1];
        double angle = Math.atan2(ty - route[n - 3], tx - route[n - 4]);
        return new double[] {tx, ty, tx - ARROW * Math.cos(angle - 0.4), ty - ARROW * Math.sin(angle - 0.4),
            tx - ARROW * Math.cos(angle + 0.4), ty - ARROW * Math.sin(angle + 0.4)};
    }
}
