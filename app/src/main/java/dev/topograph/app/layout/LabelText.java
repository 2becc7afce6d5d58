package dev.topograph.app.layout;

/**
 * How much room an edge label takes, in canvas units, for the layout, the router and every
 * surface that draws it (11 px text on a pill). Estimated, not measured: the layout runs without
 * a JavaFX toolkit and an SVG viewer picks its own font; the estimate errs on the wide side.
 */
public final class LabelText {
    public static final double SIZE = 11;
    public static final double HEIGHT = 16;

    private LabelText() {
    }

    public static double width(String text) {
        return text.length() * 6.3 + 10;
    }
}
