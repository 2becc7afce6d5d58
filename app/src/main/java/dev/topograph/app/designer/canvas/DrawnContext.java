package dev.topograph.app.designer.canvas;

/** A bounded context as the canvas draws it: a labelled box around its nodes. */
public record DrawnContext(String id, String name, double x, double y, double width, double height) {
}
