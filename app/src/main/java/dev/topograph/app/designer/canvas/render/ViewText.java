package dev.topograph.app.designer.canvas.render;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Text on the canvas, set in view space with the font scaled and rounded to half a pixel: at 100 %
 * it is the font itself; while zooming, the glyph cache of each rounded size is reused.
 */
public final class ViewText {
    private final Map<String, Font> fonts = new HashMap<>();
    private double scale = 1;
    private double frameX;
    private double frameY;

    /** The camera of the frame being drawn. */
    public void camera(double newScale, double newFrameX, double newFrameY) {
        scale = newScale;
        frameX = newFrameX;
        frameY = newFrameY;
    }

    /** Starts text in {@code font} as it shows at the current zoom, never smaller than {@code minPixels}. */
    public void begin(GraphicsContext g, Font font, double minPixels, Color colour, TextAlignment align, VPos baseline) {
        g.setTransform(1, 0, 0, 1, 0, 0);
        double size = Math.max(Math.max(1, minPixels), Math.round(font.getSize() * scale * 2) / 2.0);
        g.setFont(fonts.computeIfAbsent(font.getName() + "@" + size,
                k -> Font.font(font.getFamily(), font.getStyle().toLowerCase(Locale.ROOT).contains("bold")
                        ? FontWeight.BOLD : FontWeight.NORMAL, size)));
        g.setFill(colour);
        g.setTextAlign(align);
        g.setTextBaseline(baseline);
    }

    /** Text at a point of the canvas; a positive maxWidth (canvas units) squeezes longer text. */
    public void text(GraphicsContext g, String s, double x, double y, double maxWidth) {
        double vx = x * scale + frameX;
        double vy = y * scale + frameY;
        if (maxWidth > 0) {
            g.fillText(s, vx, vy, maxWidth * scale);
        } else {
            g.fillText(s, vx, vy);
        }
    }

    /** Back to drawing in canvas units. */
    public void end(GraphicsContext g) {
        g.setTransform(scale, 0, 0, scale, frameX, frameY);
    }
}
