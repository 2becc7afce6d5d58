package dev.topograph.app.designer.live;

import dev.topograph.app.designer.live.LiveSeries.Figure;
import dev.topograph.app.designer.live.LiveSeries.Points;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Metrics panel: one service or gateway at a time (the canvas selection chooses it, or the
 * panel's own list), its request rate, server errors, p50/p95/p99 latency, goroutines and memory
 * over the last fifteen minutes as charts of at most {@value #MAX_POINTS} points a line (older
 * rounds are averaged, latencies keep their peaks), refreshed each scrape round while the panel shows.
 */
public final class MetricsPanelViewModel {
    /** Points per line at most: enough for a chart a few hundred pixels wide, few enough to draw in a blink. */
    public static final int MAX_POINTS = 300;
    /** The x axis reaches back at least this far, so a young run's lines do not stretch over the chart. */
    static final double MIN_SPAN_SECONDS = 60;

    private final ReadOnlyObjectWrapper<List<String>> nodes = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<String> node = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<List<MetricsChart>> charts = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private LiveSeries series = new LiveSeries();

    MetricsPanelViewModel() {
        node.addListener((o, old, now) -> refresh());
        active.addListener((o, old, now) -> refresh());
    }

    /** The run's services and gateways, to choose from. */
    public ReadOnlyObjectProperty<List<String>> nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    /** Whose charts show. */
    public ObjectProperty<String> nodeProperty() {
        return node;
    }

    /** The charts of the chosen node: requests/s, errors %, latency ms, goroutines, memory MB. */
    public ReadOnlyObjectProperty<List<MetricsChart>> chartsProperty() {
        return charts.getReadOnlyProperty();
    }

    /** One line on what shows: "Scraping 7 services and gateways every second", "Paused", "Not running". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The panel is in view: only then are charts worked out each round. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** A run is watched: its nodes and their series. */
    void watching(List<String> measurable, LiveSeries recorded) {
        series = recorded;
        nodes.set(List.copyOf(measurable));
        if (node.get() == null || !measurable.contains(node.get())) {
            node.set(measurable.isEmpty() ? null : measurable.get(0));
        }
        refresh();
    }

    /** The run stopped: the charts keep its last figures until the next run. */
    void stopped() {
        status.set("Not running: Run ▶ the design to see its figures");
    }

    /** Another design is shown: nothing of the last one's run stays. */
    void clear() {
        series = new LiveSeries();
        nodes.set(List.of());
        node.set(null);
        charts.set(List.of());
        stopped();
    }

    void status(String text) {
        status.set(text);
    }

    /** Follows the canvas when it selects one node of the panel's. */
    void selected(String id) {
        if (nodes.get().contains(id)) {
            node.set(id);
        }
    }

    /** A round came in: the charts follow, if the panel shows. */
    void refresh() {
        if (!active.get() || node.get() == null) {
            return;
        }
        charts.set(charts(series.of(node.get())));
    }

    static List<MetricsChart> charts(Points p) {
        double span = p.size() < 2 ? MIN_SPAN_SECONDS
                : Math.max(MIN_SPAN_SECONDS, (p.times()[p.size() - 1] - p.times()[0]) / 1000.0);
        return List.of(
                chart("Requests", "per s", span, line("requests/s", p, Figure.RATE, false)),
                chart("Server errors", "%", span, line("errors %", p, Figure.ERRORS, false)),
                chart("Latency", "ms", span, line("p50", p, Figure.P50, true), line("p95", p, Figure.P95, true),
                        line("p99", p, Figure.P99, true)),
                chart("Goroutines", "", span, line("goroutines", p, Figure.GOROUTINES, true)),
                chart("Memory", "MB", span, line("resident", p, Figure.RESIDENT, false),
                        line("heap", p, Figure.HEAP, false)));
    }

    private static MetricsChart chart(String title, String unit, double span, MetricsChart.Line... lines) {
        return new MetricsChart(title, unit, List.of(lines), span);
    }

    /**
     * A figure's line, at most {@link #MAX_POINTS} points: consecutive points are merged into one,
     * at their mean time, by their mean value, or by their highest when {@code peaks} (a latency
     * spike or a goroutine climb must not be averaged away). Unknown values are left out.
     */
    static MetricsChart.Line line(String name, Points p, Figure figure, boolean peaks) {
        int n = p.size();
        double[] values = p.of(figure);
        int per = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        long newest = n == 0 ? 0 : p.times()[n - 1];
        List<double[]> points = new ArrayList<>();
        for (int start = 0; start < n; start += per) {
            int end = Math.min(n, start + per);
            double time = 0;
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            int known = 0;
            for (int i = start; i < end; i++) {
                time += p.times()[i];
                if (!Double.isNaN(values[i])) {
                    sum += values[i];
                    max = Math.max(max, values[i]);
                    known++;
                }
            }
            if (known > 0) {
                points.add(new double[] {(time / (end - start) - newest) / 1000.0, peaks ? max : sum / known});
            }
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new MetricsChart.Line(name, x, y);
    }
}
