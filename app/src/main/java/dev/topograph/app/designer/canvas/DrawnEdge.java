package dev.topograph.app.designer.canvas;

/** An edge as the canvas draws it: between two node ids, with its kind, label and marker. */
public record DrawnEdge(String key, String from, String to, String kind, String label, boolean synchronous,
        Marker marker) {
}
