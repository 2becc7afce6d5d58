package dev.topograph.app.designer.live;

import java.util.List;

/**
 * One chart of the Metrics panel: a title, the unit of its values, and its lines, each a series of
 * points whose x is seconds before the newest point (negative, 0 being now).
 *
 * @param spanSeconds how far back the x axis reaches
 */
public record MetricsChart(String title, String unit, List<Line> lines, double spanSeconds) {

    public MetricsChart {
        lines = List.copyOf(lines);
    }

    /** A named line of a chart. */
    public record Line(String name, double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }
}
