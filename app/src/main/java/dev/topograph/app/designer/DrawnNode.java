package dev.topograph.app.designer;

/** A node as the canvas draws it: no model types cross into the view. */
public record DrawnNode(String id, String kind, String detail, double x, double y, boolean hasError, boolean hasWarning) {
    public static final double WIDTH = 150;
    public static final double HEIGHT = 56;
}
