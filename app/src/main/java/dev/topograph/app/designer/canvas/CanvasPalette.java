package dev.topograph.app.designer.canvas;

import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The canvas's colours by meaning, for the light and the dark theme. A Canvas is not styled by
 * CSS, so these are the canvas's semantic tokens, kept in step with app.css.
 */
public record CanvasPalette(
        Color background,
        Color grid,
        Color contextFill,
        Color contextStroke,
        Color contextText,
        Color nodeFill,
        Color nodeText,
        Color nodeMuted,
        Color edgeSync,
        Color edgeAsync,
        Color edgeText,
        Color selection,
        Color ok,
        Color warn,
        Color danger,
        Color progress,
        Map<String, Color> kinds) {

    private static final Map<String, Color> KINDS = Map.of(
            "gateway", Color.web("#7c3aed"),
            "service", Color.web("#2563eb"),
            "queue", Color.web("#d97706"),
            "cache", Color.web("#e11d48"),
            "database", Color.web("#059669"));

    public static final CanvasPalette LIGHT = new CanvasPalette(
            Color.web("#f8fafc"), Color.web("#cbd5e1"), Color.web("#e2e8f0", 0.45), Color.web("#94a3b8"),
            Color.web("#475569"), Color.WHITE, Color.web("#0f172a"), Color.web("#64748b"), Color.web("#334155"),
            Color.web("#b45309"), Color.web("#475569"), Color.web("#0ea5e9"), Color.web("#16a34a"),
            Color.web("#d97706"), Color.web("#dc2626"), Color.web("#0284c7"), KINDS);

    public static final CanvasPalette DARK = new CanvasPalette(
            Color.web("#0d1117"), Color.web("#30363d"), Color.web("#161b22", 0.7), Color.web("#484f58"),
            Color.web("#8b949e"), Color.web("#161b22"), Color.web("#e6edf3"), Color.web("#8b949e"), Color.web("#8b949e"),
            Color.web("#f0883e"), Color.web("#8b949e"), Color.web("#38bdf8"), Color.web("#3fb950"),
            Color.web("#d29922"), Color.web("#f85149"), Color.web("#58a6ff"), KINDS);

    public Color kind(String kind) {
        return kinds.getOrDefault(kind, nodeMuted);
    }
}
