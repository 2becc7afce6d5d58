package dev.topograph.app.designer.canvas;

/**
 * What the canvas shows of an edge's live traffic: a label (calls/s, messages/s and backlog, hit
 * ratio), a line whose width grows with the rate, and a warning marker when an alert is raised.
 *
 * @param label   e.g. "12.3/s", "4.0/s · backlog 120", "hit 87 %"
 * @param weight  how much wider than usual the line is drawn, in canvas units (0 for none)
 * @param tone    {@code OK} as usual, {@code WARN} or {@code DANGER} for errors and alerts, {@code MUTED} when idle
 * @param tooltip the figures in words, and the alerts' messages
 */
public record LiveEdge(String label, double weight, RunBadge.Tone tone, boolean alert, String tooltip) {
}
