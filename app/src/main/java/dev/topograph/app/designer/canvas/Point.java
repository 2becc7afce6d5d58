package dev.topograph.app.designer.canvas;

/** A position on the canvas, in canvas units. */
public record Point(double x, double y) {
}
