package dev.topograph.app.designer.canvas;

import java.util.List;

/**
 * What the canvas shows of a running service's or gateway's live figures: a card under the node
 * with its figures as text and a sparkline of its request rate, a ring in its health's colour, and
 * a warning marker when an alert is raised. At low zoom only the colour and {@link #rate} show.
 *
 * @param rate       requests per second, e.g. "12.3/s", or "–" when not known yet
 * @param errors     e.g. "0.4 % err"
 * @param p95        e.g. "p95 4.2 ms"
 * @param goroutines e.g. "31 goroutines"
 * @param memory     e.g. "14 MB"
 * @param trend      recent request rates, oldest first, for the sparkline
 * @param alert      an alert (leak, saturation) or a scrape problem is raised: a warning marker shows
 * @param problem    why the node cannot be scraped, shown instead of its figures; empty when it can
 * @param tooltip    every figure in words, and the alerts' messages
 */
public record LiveNode(String rate, String errors, String p95, String goroutines, String memory, List<Double> trend,
        RunBadge.Tone tone, boolean alert, String problem, String tooltip) {

    public LiveNode {
        trend = List.copyOf(trend);
    }
}
