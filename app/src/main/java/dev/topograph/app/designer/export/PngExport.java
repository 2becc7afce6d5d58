package dev.topograph.app.designer.export;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.Diagram;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.geometry.VPos;

/**
 * The whole diagram as an image, not just the part in view: drawn by the same
 * {@link DiagramPainter} as the SVG export onto an offscreen Canvas, at twice the canvas's size
 * for sharp text (less for huge designs, to stay within what a snapshot can hold). Runs on the
 * FX thread; writing the file is {@link ExportViewModel}'s, in the background.
 */
public final class PngExport {
    /** Pixels per drawing unit, for a crisp picture on high-density screens and in documents. */
    public static final double SCALE = 2;
    private static final double MAX_PIXELS = 8192;

    private PngExport() {
    }

    public static WritableImage render(Diagram diagram, CanvasPalette palette) {
        DiagramPainter painter = new DiagramPainter(diagram, palette);
        DiagramPainter.Frame frame = painter.frame();
        double scale = Math.min(SCALE, MAX_PIXELS / Math.max(frame.width(), frame.height()));
        Canvas canvas = new Canvas(Math.ceil(frame.width() * scale), Math.ceil(frame.height() * scale));
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(palette.background());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.scale(scale, scale);
        painter.paint(new CanvasPen(g));
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(palette.background());
        return canvas.snapshot(parameters, null);
    }

    /** Draws on a Canvas's GraphicsContext. */
    private record CanvasPen(GraphicsContext g) implements Pen {

        @Override
        public void group(String styleClass, String id) {
        }

        @Override
        public void end() {
        }

        @Override
        public void fillRoundRect(double x, double y, double width, double height, double radius, Color fill) {
            g.setFill(fill);
            g.fillRoundRect(x, y, width, height, 2 * radius, 2 * radius);
        }

        @Override
        public void strokeRoundRect(double x, double y, double width, double height, double radius, Color stroke,
                double lineWidth, double... dashes) {
            g.setStroke(stroke);
            g.setLineWidth(lineWidth);
            g.setLineDashes(dashes);
            g.strokeRoundRect(x, y, width, height, 2 * radius, 2 * radius);
            g.setLineDashes();
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Color stroke, double lineWidth, double... dashes) {
            g.setStroke(stroke);
            g.setLineWidth(lineWidth);
            g.setLineCap(StrokeLineCap.ROUND);
            g.setLineDashes(dashes);
            g.strokeLine(x1, y1, x2, y2);
            g.setLineDashes();
        }

        @Override
        public void polyline(double[] xs, double[] ys, Color stroke, double lineWidth, double... dashes) {
            g.setStroke(stroke);
            g.setLineWidth(lineWidth);
            g.setLineCap(StrokeLineCap.BUTT);
            g.setLineJoin(javafx.scene.shape.StrokeLineJoin.MITER);
            g.setLineDashes(dashes);
            g.strokePolyline(xs, ys, xs.length);
            g.setLineDashes();
        }

        @Override
        public void fillPolygon(double[] xs, double[] ys, Color fill) {
            g.setFill(fill);
            g.fillPolygon(xs, ys, xs.length);
        }

        @Override
        public void fillCircle(double centreX, double centreY, double radius, Color fill) {
            g.setFill(fill);
            g.fillOval(centreX - radius, centreY - radius, 2 * radius, 2 * radius);
        }

        @Override
        public void text(String text, double x, double baselineY, double size, boolean bold, Color fill, boolean centred,
                double maxWidth) {
            g.setFill(fill);
            g.setFont(Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
            g.setTextAlign(centred ? TextAlignment.CENTER : TextAlignment.LEFT);
            g.setTextBaseline(VPos.BASELINE);
            if (maxWidth > 0) {
                g.fillText(text, x, baselineY, maxWidth);
            } else {
                g.fillText(text, x, baselineY);
            }
        }
    }
}
