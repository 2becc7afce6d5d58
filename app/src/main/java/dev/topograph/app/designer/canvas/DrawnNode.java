package dev.topograph.app.designer.canvas;

import dev.topograph.app.layout.Rect;

/**
 * A node as the canvas draws it: where, what kind, its label and problem marker. No model
 * type crosses into the view.
 */
public record DrawnNode(String id, String kind, String detail, double x, double y, Marker marker) {
    public static final double WIDTH = 168;
    public static final double HEIGHT = 58;
    /** Room kept free under a service or gateway for its live card while a run is on, and its run note. */
    public static final double CARD_ROOM = 62;
    /** Room kept free under any other node for its run note ("served by nats-server on PATH"). */
    public static final double NOTE_ROOM = 20;

    /** The room kept free under a node of this kind (no edge runs there, no label sits there). */
    public static double roomBelow(String kind) {
        return kind.equals("service") || kind.equals("gateway") ? CARD_ROOM : NOTE_ROOM;
    }

    public double centerX() {
        return x + WIDTH / 2;
    }

    public double centerY() {
        return y + HEIGHT / 2;
    }

    public Rect rect() {
        return new Rect(x, y, WIDTH, HEIGHT);
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x + WIDTH && py >= y && py <= y + HEIGHT;
    }
}
