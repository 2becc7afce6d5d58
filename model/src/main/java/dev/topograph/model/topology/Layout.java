package dev.topograph.model.topology;

/** Where a node sits on the canvas, in canvas units. */
public record Layout(double x, double y) {
    public Layout {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("layout coordinates must be finite numbers");
        }
        // -0.0 and 0.0 are one position, written as 0; adding 0.0 turns -0.0 into 0.0 so they are equal values too.
        x += 0.0;
        y += 0.0;
    }

    public Layout translate(double dx, double dy) {
        return new Layout(x + dx, y + dy);
    }
}
