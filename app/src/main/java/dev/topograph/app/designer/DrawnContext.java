package dev.topograph.app.designer;

/** A bounded context as the canvas draws it: a labelled box around its nodes. */
public record DrawnContext(String name, double x, double y, double width, double height) {
}
