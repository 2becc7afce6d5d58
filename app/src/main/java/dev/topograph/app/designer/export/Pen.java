package dev.topograph.app.designer.export;

import javafx.scene.paint.Color;

/**
 * The few drawing primitives a diagram needs, in drawing units, so that one
 * {@link DiagramPainter} serves both the PNG and the SVG export and they cannot drift apart.
 */
interface Pen {

    /** Starts a group of shapes that belong to one element ({@code styleClass} such as "node service"). */
    void group(String styleClass, String id);

    /** Ends the group {@link #group} started. */
    void end();

    void fillRoundRect(double x, double y, double width, double height, double radius, Color fill);

    /** Outlines a rounded rectangle; {@code dashes} empty for a solid line. */
    void strokeRoundRect(double x, double y, double width, double height, double radius, Color stroke, double lineWidth,
            double... dashes);

    /** A line with round caps; {@code dashes} empty for a solid line. */
    void line(double x1, double y1, double x2, double y2, Color stroke, double lineWidth, double... dashes);

    /** A line through the points, square-cornered; {@code dashes} empty for a solid line. */
    void polyline(double[] xs, double[] ys, Color stroke, double lineWidth, double... dashes);

    void fillPolygon(double[] xs, double[] ys, Color fill);

    void fillCircle(double centreX, double centreY, double radius, Color fill);

    /**
     * One line of text whose baseline is at {@code baselineY}, starting at {@code x} or centred on
     * it; squeezed to {@code maxWidth} when wider (as the canvas does), unless that is 0.
     */
    void text(String text, double x, double baselineY, double size, boolean bold, Color fill, boolean centred,
            double maxWidth);
}
