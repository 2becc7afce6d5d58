package dev.topograph.app.designer.export;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.Diagram;
import java.util.Locale;
import javafx.scene.paint.Color;

/**
 * The diagram as an SVG document: the same picture as the PNG export (one {@link DiagramPainter}
 * draws both), in the canvas's colours, with one {@code <g>} per context, edge and node whose id
 * names the element ({@code node-orders}, {@code edge-gateway->orders:http}), so the file can be
 * styled or scripted further. Deterministic: the same diagram gives the same text.
 */
public final class SvgExport {
    private static final String FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    private SvgExport() {
    }

    /** The SVG text of the whole diagram; {@code title} names the design. */
    public static String render(Diagram diagram, CanvasPalette palette, String title) {
        DiagramPainter painter = new DiagramPainter(diagram, palette);
        DiagramPainter.Frame frame = painter.frame();
        SvgPen pen = new SvgPen();
        StringBuilder out = pen.out;
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(frame.width()))
                .append("\" height=\"").append(num(frame.height())).append("\" viewBox=\"0 0 ")
                .append(num(frame.width())).append(' ').append(num(frame.height()))
                .append("\" font-family=\"").append(escape(FONTS)).append("\">\n");
        out.append("  <title>").append(escape(title)).append("</title>\n");
        out.append("  <rect class=\"background\" width=\"100%\" height=\"100%\"").append(fill(palette.background()))
                .append("/>\n");
        painter.paint(pen);
        out.append("</svg>\n");
        return out.toString();
    }

    /** Writes SVG elements, indented by group depth. */
    private static final class SvgPen implements Pen {
        final StringBuilder out = new StringBuilder();
        private int depth = 1;

        private StringBuilder line() {
            return out.append("  ".repeat(depth));
        }

        @Override
        public void group(String styleClass, String id) {
            line().append("<g class=\"").append(escape(styleClass)).append('"');
            if (!id.isEmpty()) {
                out.append(" id=\"").append(escape(id)).append('"');
            }
            out.append(">\n");
            depth++;
        }

        @Override
        public void end() {
            depth--;
            line().append("</g>\n");
        }

        @Override
        public void fillRoundRect(double x, double y, double width, double height, double radius, Color fill) {
            line().append("<rect").append(rect(x, y, width, height, radius)).append(fill(fill)).append("/>\n");
        }

        @Override
        public void strokeRoundRect(double x, double y, double width, double height, double radius, Color stroke,
                double lineWidth, double... dashes) {
            line().append("<rect").append(rect(x, y, width, height, radius)).append(" fill=\"none\"")
                    .append(stroke(stroke, lineWidth, dashes)).append("/>\n");
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Color stroke, double lineWidth, double... dashes) {
            line().append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                    .append(num(x2)).append("\" y2=\"").append(num(y2)).append('"')
                    .append(stroke(stroke, lineWidth, dashes)).append(" stroke-linecap=\"round\"/>\n");
        }

        @Override
        public void polyline(double[] xs, double[] ys, Color stroke, double lineWidth, double... dashes) {
            line().append("<polyline points=\"");
            for (int i = 0; i < xs.length; i++) {
                out.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
            }
            out.append("\" fill=\"none\"").append(stroke(stroke, lineWidth, dashes))
                    .append(" stroke-linejoin=\"miter\"/>\n");
        }

        @Override
        public void fillPolygon(double[] xs, double[] ys, Color fill) {
            line().append("<polygon points=\"");
            for (int i = 0; i < xs.length; i++) {
                out.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
            }
            out.append('"').append(fill(fill)).append("/>\n");
        }

        @Override
        public void fillCircle(double centreX, double centreY, double radius, Color fill) {
            line().append("<circle cx=\"").append(num(centreX)).append("\" cy=\"").append(num(centreY))
                    .append("\" r=\"").append(num(radius)).append('"').append(fill(fill)).append("/>\n");
        }

        @Override
        public void text(String text, double x, double baselineY, double size, boolean bold, Color fill, boolean centred,
                double maxWidth) {
            line().append("<text x=\"").append(num(x)).append("\" y=\"").append(num(baselineY))
                    .append("\" font-size=\"").append(num(size)).append('"')
                    .append(bold ? " font-weight=\"bold\"" : "")
                    .append(centred ? " text-anchor=\"middle\"" : "")
                    .append(maxWidth > 0 && DiagramPainter.textWidth(text, size, bold) > maxWidth
                            ? " textLength=\"" + num(maxWidth) + "\" lengthAdjust=\"spacingAndGlyphs\"" : "")
                    .append(fill(fill)).append('>').append(escape(text)).append("</text>\n");
        }
    }

    private static String rect(double x, double y, double width, double height, double radius) {
        return " x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(width) + "\" height=\"" + num(height)
                + "\" rx=\"" + num(radius) + '"';
    }

    private static String fill(Color c) {
        return " fill=\"" + hex(c) + '"' + (c.getOpacity() < 1 ? " fill-opacity=\"" + num(c.getOpacity()) + '"' : "");
    }

    private static String stroke(Color c, double width, double... dashes) {
        StringBuilder s = new StringBuilder(" stroke=\"").append(hex(c)).append('"');
        if (c.getOpacity() < 1) {
            s.append(" stroke-opacity=\"").append(num(c.getOpacity())).append('"');
        }
        s.append(" stroke-width=\"").append(num(width)).append('"');
        if (dashes.length > 0) {
            s.append(" stroke-dasharray=\"");
            for (int i = 0; i < dashes.length; i++) {
                s.append(i == 0 ? "" : " ").append(num(dashes[i]));
            }
            s.append('"');
        }
        return s.toString();
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    /** At most two decimals, no trailing zeros, never a locale's comma. */
    private static String num(double v) {
        double rounded = Math.round(v * 100) / 100.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.2f", rounded).replaceAll("0+$", "");
    }

    private static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> s.append(ch < 0x20 && ch != '\t' && ch != '\n' ? ' ' : ch);
            }
        }
        return s.toString();
    }
}
