package dev.topograph.model.topology;

/** Where a node sits on the canvas, in canvas units. */
public record Layout(double x, double y) {
    public Layout {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("layout coordinates must be finite numbers");
        }
    }

    public Layout translate(double dx, double dy) {
        return new Layout(x + dx, y + dy);
    }
}
