package dev.topograph.app.designer.canvas.render;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.Diagram;
import dev.topograph.app.designer.canvas.DrawnEdge;
import dev.topograph.app.designer.canvas.LiveEdge;
import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.layout.EdgePath;
import dev.topograph.app.layout.Rect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The edges on the canvas: each edge's route (from the {@link Diagram}'s paths, as the exports
 * draw it), its arrowhead and its label on a pill where the layout placed it, under them the live
 * traffic, over them the live figures. Every pass is batched by style (one path, one stroke per
 * colour), segments are cut to the view, and dashes keep their place as the view moves.
 */
public final class EdgeLayer {
    private static final Font LABEL = Font.font("System", 11);
    private static final Font LIVE_BOLD = Font.font("System", FontWeight.BOLD, 10.5);
    private static final double DASH_PERIOD = EdgeLook.DASH + EdgeLook.GAP;
    private static final double LIVE_LABEL_HEIGHT = 15;

    /** Where an edge's live label was drawn (canvas units), for its tooltip. */
    private record LiveLabelBox(String key, Rect box) {
    }

    /** The segments of every drawable edge, worked out once per drawing. */
    private record Lines(Diagram diagram, List<DrawnEdge> edges, List<EdgePath> paths, double[] segments,
            int[] segmentEdge, double[] arrows) {

        static Lines of(Diagram d) {
            List<DrawnEdge> edges = new ArrayList<>();
            List<EdgePath> paths = new ArrayList<>();
            int count = 0;
            for (DrawnEdge e : d.edges()) {
                EdgePath p = d.paths().get(e.key());
                if (p != null && p.points().length >= 4) {
                    edges.add(e);
                    paths.add(p);
                    count += p.points().length / 2 - 1;
                }
            }
            double[] segments = new double[4 * count];
            int[] segmentEdge = new int[count];
            double[] arrows = new double[6 * edges.size()];
            int s = 0;
            for (int i = 0; i < edges.size(); i++) {
                double[] pts = paths.get(i).points();
                for (int k = 0; k + 3 < pts.length; k += 2) {
                    System.arraycopy(pts, k, segments, 4 * s, 4);
                    segmentEdge[s++] = i;
                }
                System.arraycopy(EdgeLook.arrowhead(pts), 0, arrows, 6 * i, 6);
            }
            return new Lines(d, List.copyOf(edges), List.copyOf(paths), segments, segmentEdge, arrows);
        }
    }

    private final ViewText text;
    private final List<LiveLabelBox> liveLabels = new ArrayList<>();
    private final Map<String, Double> liveLabelWidths = new HashMap<>();
    private Lines lines;
    private double[] clipped = new double[0];
    private int[] shown = new int[0];
    private int visible;
    private double scale;
    private double left;
    private double top;
    private double right;
    private double bottom;
    private CanvasPalette palette;

    public EdgeLayer(ViewText text) {
        this.text = text;
    }

    /**
     * Draws the edges of the diagram in view.
     *
     * @param dashes   asynchronous edges dashed (not when zoomed far out or drawing roughly)
     * @param labels   text is large enough to show
     * @param arrows   arrowheads are large enough to show
     */
    public void draw(GraphicsContext g, Diagram d, CanvasPalette colours, double atScale, Rect view,
            Set<String> selected, Map<String, LiveEdge> live, boolean dashes, boolean labels, boolean arrows) {
        palette = colours;
        scale = atScale;
        left = view.x();
        top = view.y();
        right = view.maxX();
        bottom = view.maxY();
        if (lines == null || lines.diagram() != d) {
            lines = Lines.of(d);
        }
        int count = lines.segmentEdge().length;
        if (clipped.length < 4 * count) {
            clipped = new double[4 * count];
            shown = new int[count];
        }
        double margin = 4 / scale + 4;
        visible = 0;
        for (int s = 0; s < count; s++) {
            boolean dashed = dashes && !lines.edges().get(lines.segmentEdge()[s]).synchronous();
            if (clip(s, margin, dashed ? DASH_PERIOD : 0)) {
                shown[visible++] = s;
            }
        }
        drawLiveLines(g, live);
        if (!selected.isEmpty()) {
            g.beginPath();
            boolean any = false;
            for (int k = 0; k < visible; k++) {
                if (selected.contains(lines.edges().get(lines.segmentEdge()[shown[k]]).key())) {
                    segment(g, shown[k]);
                    any = true;
                }
            }
            if (any) {
                g.setLineCap(StrokeLineCap.ROUND);
                g.setStroke(palette.selection());
                g.setLineWidth(6 / scale + 2);
                g.stroke();
            }
        }
        g.setLineWidth(EdgeLook.LINE_WIDTH);
        for (EdgeLook look : EdgeLook.values()) {
            for (boolean dashed : new boolean[] {false, true}) {
                g.beginPath();
                boolean any = false;
                for (int k = 0; k < visible; k++) {
                    DrawnEdge e = lines.edges().get(lines.segmentEdge()[shown[k]]);
                    if (EdgeLook.of(e) == look && (dashes && !e.synchronous()) == dashed) {
                        segment(g, shown[k]);
                        any = true;
                    }
                }
                if (any) {
                    Color colour = look.colour(palette);
                    g.setStroke(look == EdgeLook.ASYNC && !dashed ? colour.deriveColor(0, 1, 1, 0.7) : colour);
                    // Square caps close the corners of a route; a dash of 7 with them is one of 8.6.
                    g.setLineCap(dashed ? StrokeLineCap.BUTT : StrokeLineCap.SQUARE);
                    if (dashed) {
                        g.setLineDashes(EdgeLook.DASH + 1.6, DASH_PERIOD - EdgeLook.DASH - 1.6);
                        g.setLineDashOffset(0.8);
                    }
                    g.stroke();
                    g.setLineDashes();
                    g.setLineDashOffset(0);
                }
            }
        }
        if (arrows) {
            drawArrows(g);
        }
        if (labels) {
            drawLabels(g);
        }
        drawLiveLabels(g, live, labels);
    }

    private void drawArrows(GraphicsContext g) {
        double[] a = lines.arrows();
        double size = EdgeLook.ARROW;
        for (EdgeLook look : EdgeLook.values()) {
            g.beginPath();
            boolean any = false;
            for (int i = 0; i < lines.edges().size(); i++) {
                int at = 6 * i;
                if (EdgeLook.of(lines.edges().get(i)) == look && inView(a[at] - size, a[at + 1] - size, 2 * size, 2 * size)) {
                    g.moveTo(a[at], a[at + 1]);
                    g.lineTo(a[at + 2], a[at + 3]);
                    g.lineTo(a[at + 4], a[at + 5]);
                    g.closePath();
                    any = true;
                }
            }
            if (any) {
                g.setFill(look.colour(palette));
                g.fill();
            }
        }
    }

    private void drawLabels(GraphicsContext g) {
        List<Integer> labelled = new ArrayList<>();
        for (int i = 0; i < lines.edges().size(); i++) {
            Rect r = lines.paths().get(i).label();
            if (r != null && inView(r.x(), r.y(), r.width(), r.height())) {
                labelled.add(i);
            }
        }
        if (labelled.isEmpty()) {
            return;
        }
        g.setFill(palette.background());
        for (int i : labelled) {
            Rect r = lines.paths().get(i).label();
            g.fillRoundRect(r.x(), r.y(), r.width(), r.height(), r.height(), r.height());
        }
        text.begin(g, LABEL, 0, palette.edgeText(), TextAlignment.CENTER, VPos.CENTER);
        for (int i : labelled) {
            Rect r = lines.paths().get(i).label();
            text.text(g, lines.edges().get(i).label(), r.centerX(), r.centerY(), r.width() - 4);
        }
        text.end(g);
    }

    /** The live traffic of the edges in view, under their lines: a wider, translucent stroke growing with the rate. */
    private void drawLiveLines(GraphicsContext g, Map<String, LiveEdge> live) {
        if (live.isEmpty()) {
            return;
        }
        g.setLineCap(StrokeLineCap.SQUARE);
        for (int k = 0; k < visible; k++) {
            int s = shown[k];
            DrawnEdge e = lines.edges().get(lines.segmentEdge()[s]);
            LiveEdge l = live.get(e.key());
            if (l == null || l.weight() <= 0) {
                continue;
            }
            Color base = switch (l.tone()) {
                case WARN -> palette.warn();
                case DANGER -> palette.danger();
                default -> e.synchronous() ? palette.edgeSync() : palette.edgeAsync();
            };
            g.setStroke(base.deriveColor(0, 1, 1, 0.35));
            g.setLineWidth(1.6 + 2 * l.weight());
            g.strokeLine(clipped[4 * s], clipped[4 * s + 1], clipped[4 * s + 2], clipped[4 * s + 3]);
        }
    }

    /**
     * The live figures of the edges in view, on a pill just under the edge's label (or where the
     * label would be), with a warning marker when an alert is raised; remembered for their tooltips.
     */
    private void drawLiveLabels(GraphicsContext g, Map<String, LiveEdge> live, boolean labels) {
        liveLabels.clear();
        if (live.isEmpty() || !labels) {
            return;
        }
        for (int i = 0; i < lines.edges().size(); i++) {
            DrawnEdge e = lines.edges().get(i);
            LiveEdge l = live.get(e.key());
            if (l == null) {
                continue;
            }
            Rect anchor = liveAnchor(lines.paths().get(i));
            double width = liveLabelWidth(l.label()) + (l.alert() ? 14 : 0);
            double mx = anchor.centerX();
            double my = anchor.maxY() + LIVE_LABEL_HEIGHT / 2 + 1;
            double lx = mx - width / 2;
            double ly = my - LIVE_LABEL_HEIGHT / 2;
            if (!inView(lx, ly, width, LIVE_LABEL_HEIGHT)) {
                continue;
            }
            liveLabels.add(new LiveLabelBox(e.key(), new Rect(lx, ly, width, LIVE_LABEL_HEIGHT)));
            Color tone = l.tone() == RunBadge.Tone.OK || l.tone() == RunBadge.Tone.MUTED ? palette.ok() : tone(l.tone());
            g.setFill(palette.nodeFill());
            g.fillRoundRect(lx, ly, width, LIVE_LABEL_HEIGHT, LIVE_LABEL_HEIGHT, LIVE_LABEL_HEIGHT);
            g.setStroke(tone.deriveColor(0, 1, 1, l.tone() == RunBadge.Tone.MUTED ? 0.35 : 0.8));
            g.setLineWidth(1);
            g.strokeRoundRect(lx, ly, width, LIVE_LABEL_HEIGHT, LIVE_LABEL_HEIGHT, LIVE_LABEL_HEIGHT);
            double textX = mx;
            if (l.alert()) {
                Color mark = tone(l.tone() == RunBadge.Tone.DANGER ? l.tone() : RunBadge.Tone.WARN);
                g.setFill(mark);
                g.fillOval(lx + 2.5, my - 5.5, 11, 11);
                textX += 6;
            }
            text.begin(g, LIVE_BOLD, 0, l.tone() == RunBadge.Tone.MUTED ? palette.nodeMuted()
                    : l.tone() == RunBadge.Tone.OK ? palette.nodeText() : tone, TextAlignment.CENTER, VPos.CENTER);
            text.text(g, l.label(), textX, my + 0.5, 0);
            text.end(g);
        }
    }

    /** The box the live label hangs under: the edge's label, or the middle of its longest segment. */
    private static Rect liveAnchor(EdgePath p) {
        if (p.label() != null) {
            return p.label();
        }
        double[] pts = p.points();
        double best = -1;
        double cx = pts[0];
        double cy = pts[1];
        for (int k = 0; k + 3 < pts.length; k += 2) {
            double length = Math.abs(pts[k + 2] - pts[k]) + Math.abs(pts[k + 3] - pts[k + 1]);
            if (length > best) {
                best = length;
                cx = (pts[k] + pts[k + 2]) / 2;
                cy = (pts[k + 1] + pts[k + 3]) / 2;
            }
        }
        return new Rect(cx, cy - 8, 0, 8);
    }

    /** Where the live labels were drawn in the last frame (for other overlays to keep clear of). */
    public List<Rect> liveLabelBoxes() {
        return liveLabels.stream().map(LiveLabelBox::box).toList();
    }

    /** The edge whose live label lies under a canvas point, if any. */
    public Optional<String> liveLabelAt(double x, double y) {
        for (LiveLabelBox b : liveLabels) {
            if (x >= b.box().x() && x <= b.box().maxX() && y >= b.box().y() && y <= b.box().maxY()) {
                return Optional.of(b.key());
            }
        }
        return Optional.empty();
    }

    /** The edge whose route passes within {@code tolerance} (canvas units) of a point, or whose label holds it. */
    public static Optional<DrawnEdge> edgeAt(Diagram d, double x, double y, double tolerance) {
        for (DrawnEdge e : d.edges()) {
            EdgePath p = d.paths().get(e.key());
            if (p == null) {
                continue;
            }
            Rect label = p.label();
            if (label != null && x >= label.x() && x <= label.maxX() && y >= label.y() && y <= label.maxY()) {
                return Optional.of(e);
            }
            double[] pts = p.points();
            for (int k = 0; k + 3 < pts.length; k += 2) {
                if (distance(x, y, pts[k], pts[k + 1], pts[k + 2], pts[k + 3]) <= tolerance) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    private static double distance(double px, double py, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len));
        return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
    }

    private Color tone(RunBadge.Tone t) {
        return switch (t) {
            case MUTED -> palette.nodeMuted();
            case PROGRESS -> palette.progress();
            case OK -> palette.ok();
            case WARN -> palette.warn();
            case DANGER -> palette.danger();
        };
    }

    private double liveLabelWidth(String label) {
        if (liveLabelWidths.size() > 512) {
            liveLabelWidths.clear();
        }
        return liveLabelWidths.computeIfAbsent(label, s -> {
            Text measure = new Text(s);
            measure.setFont(LIVE_BOLD);
            return Math.ceil(measure.getLayoutBounds().getWidth());
        }) + 14;
    }

    private boolean inView(double x, double y, double width, double height) {
        return x + width >= left && y + height >= top && x <= right && y <= bottom;
    }

    /**
     * Cuts segment s down to the view (plus a margin) into {@link #clipped}; false when none of it
     * shows. A dashed segment keeps its start a whole number of dash periods back, so its dashes
     * stay where they were as the view moves (each segment starts its dash pattern afresh).
     */
    private boolean clip(int s, double margin, double period) {
        double[] c = lines.segments();
        double x1 = c[4 * s];
        double y1 = c[4 * s + 1];
        double dx = c[4 * s + 2] - x1;
        double dy = c[4 * s + 3] - y1;
        double t0 = 0;
        double t1 = 1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x1 - (left - margin), right + margin - x1, y1 - (top - margin), bottom + margin - y1};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else if (p[i] < 0) {
                t0 = Math.max(t0, q[i] / p[i]);
            } else {
                t1 = Math.min(t1, q[i] / p[i]);
            }
        }
        if (t0 > t1) {
            return false;
        }
        double length = Math.hypot(dx, dy);
        if (period > 0 && t0 > 0 && length > 0) {
            t0 = Math.floor(t0 * length / period) * period / length;
        }
        clipped[4 * s] = x1 + t0 * dx;
        clipped[4 * s + 1] = y1 + t0 * dy;
        clipped[4 * s + 2] = x1 + t1 * dx;
        clipped[4 * s + 3] = y1 + t1 * dy;
        return true;
    }

    private void segment(GraphicsContext g, int s) {
        g.moveTo(clipped[4 * s], clipped[4 * s + 1]);
        g.lineTo(clipped[4 * s + 2], clipped[4 * s + 3]);
    }
}
