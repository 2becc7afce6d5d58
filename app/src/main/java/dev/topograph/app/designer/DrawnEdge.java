package dev.topograph.app.designer;

/** An edge as the canvas draws it, between node centres, with its kind and label. */
public record DrawnEdge(double x1, double y1, double x2, double y2, String kind, String label, boolean synchronous) {
}
