package dev.topograph.app.designer.canvas;

/** The worst problem on a drawn element. */
public enum Marker {
    NONE,
    WARNING,
    ERROR
}
