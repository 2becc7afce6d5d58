package dev.topograph.app.layout;

/**
 * Where an edge is drawn: its route as a polyline {x0, y0, x1, y1, …} from the source's port to
 * the target's (the arrowhead at the end), and its label's box, or null when it has no label.
 */
public record EdgePath(double[] points, Rect label) {
}
