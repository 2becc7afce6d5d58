package dev.topograph.app.designer.canvas;

/**
 * A node as the canvas draws it: where, what kind, its label and problem marker. No model
 * type crosses into the view.
 */
public record DrawnNode(String id, String kind, String detail, double x, double y, Marker marker) {
    public static final double WIDTH = 168;
    public static final double HEIGHT = 58;

    public double centerX() {
        return x + WIDTH / 2;
    }

    public double centerY() {
        return y + HEIGHT / 2;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x + WIDTH && py >= y && py <= y + HEIGHT;
    }
}
