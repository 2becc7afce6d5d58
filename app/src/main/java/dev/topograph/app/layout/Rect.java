package dev.topograph.app.layout;

/** An axis-aligned rectangle in canvas units: a node, a label, a card, a context's title. */
public record Rect(double x, double y, double width, double height) {

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** The rectangle grown by {@code d} on every side. */
    public Rect grow(double d) {
        return new Rect(x - d, y - d, width + 2 * d, height + 2 * d);
    }

    /** The two share some area (touching edges do not count). */
    public boolean overlaps(Rect o) {
        return x < o.maxX() && o.x < maxX() && y < o.maxY() && o.y < maxY();
    }

    /** How much area the two share. */
    public double overlapArea(Rect o) {
        double w = Math.min(maxX(), o.maxX()) - Math.max(x, o.x);
        double h = Math.min(maxY(), o.maxY()) - Math.max(y, o.y);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** The point lies strictly inside (not on the border). */
    public boolean holds(double px, double py) {
        return px > x && px < maxX() && py > y && py < maxY();
    }

    /** The segment from (x1, y1) to (x2, y2) passes through the inside (Liang-Barsky on the open box). */
    public boolean crossedBy(double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x1 - x, maxX() - x1, y1 - y, maxY() - y1};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] <= 0) {
                    return false;
                }
            } else {
                double r = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, r);
                } else {
                    t1 = Math.min(t1, r);
                }
            }
        }
        if (t0 >= t1) {
            return false;
        }
        // Inside for more than a touch: the middle of the shared part is strictly inside.
        double t = (t0 + t1) / 2;
        return holds(x1 + t * dx, y1 + t * dy);
    }
}
