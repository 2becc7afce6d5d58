package dev.topograph.app.designer.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;
import dev.topograph.app.designer.canvas.render.EdgeLayer;
import dev.topograph.app.designer.canvas.render.ViewText;
import dev.topograph.app.layout.Rect;

/**
 * The drawing: a Canvas redrawn from the {@link Diagram} snapshot, at most once a frame. It
 * culls what is out of view, leaves out what is too small to see (level of detail), batches
 * what it draws by style, and, where a drawing is too heavy to redraw at 60 frames a second,
 * moves the last frame while the camera moves; so large designs pan and zoom smoothly. Every
 * gesture ends as one call on the {@link CanvasViewModel}.
 */
public final class DiagramCanvas extends Region {
    /** The data format a palette drag carries: the node kind to add. */
    public static final String DRAG_PREFIX = "topograph-kind:";
    public static final double MIN_SCALE = 0.1;
    public static final double MAX_SCALE = 3;
    /** Below this zoom, text is too small to read and is left out (level of detail). */
    private static final double LABEL_SCALE = 0.45;
    /** Below this zoom, dashes would be a pixel or two: asynchronous edges are drawn solid, told by colour. */
    private static final double DASH_SCALE = 0.45;
    /** Below this zoom, a heavy drawing on the move is drawn without dashes, which come back when it rests. */
    private static final double ROUGH_SCALE = 0.75;
    /** Below this zoom, arrowheads would be under two pixels and are left out. */
    private static final double ARROW_SCALE = 0.2;
    private static final double CONTEXT_ARC = 22;
    /** Grid dots closer than this (pixels) are left out. */
    private static final double GRID_MIN_STEP = 12;
    /** A frame slower than this counts as slow: 1.25 frames at 60 Hz. */
    private static final long SLOW_FRAME_NANOS = 20_800_000;
    private static final int SLOW_FRAMES_TO_MOVE = 4;
    /** How long the camera must rest before a drawing found heavy is given another try. */
    private static final long FORGET_HEAVY_NANOS = 1_000_000_000;
    /** How long the camera must rest before a moved frame is drawn afresh. */
    private static final long SETTLE_NANOS = 150_000_000;
    /** The margin drawn around the view when heavy, as a share of the view's larger side. */
    private static final double MOVE_MARGIN = 0.15;
    private static final double HANDLE_RADIUS = 7;
    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 13);
    private static final Font SMALL = Font.font("System", 11);
    private static final Font CONTEXT = Font.font("System", FontWeight.BOLD, 13);
    private static final Font MARK = Font.font("System", FontWeight.BOLD, 10);
    private static final Font LIVE = Font.font("System", 10);
    private static final Font LIVE_BOLD = Font.font("System", FontWeight.BOLD, 10.5);
    /** The one figure a node shows when zoomed out, at a size that stays readable. */
    private static final Font LIVE_FAR = Font.font("System", FontWeight.BOLD, 11);
    /** Below this zoom a node is too small for even its one figure: its colour says it all. */
    private static final double LIVE_NUMBER_SCALE = 0.18;
    /** The live card under a node: how far below it, how tall. */
    private static final double CARD_GAP = 11;
    private static final double CARD_HEIGHT = 34;
    private static final double LIVE_LABEL_HEIGHT = 15;
    /** The run badge: a pill on the node's bottom edge; its note goes on one line below the node. */
    private static final double BADGE_HEIGHT = 16;
    private static final int NOTE_CHARS = 46;

    private enum Mode { NONE, MOVE, RUBBER, CONNECT, PAN }

    private final CanvasViewModel viewModel;
    private final Canvas canvas = new Canvas();
    private CanvasPalette palette = CanvasPalette.LIGHT;
    private double scale = 1;
    private double offsetX = 0;
    private double offsetY = 0;
    private Mode mode = Mode.NONE;
    private double pressX;
    private double pressY;
    private double dragX;
    private double dragY;
    private String connectFrom;
    private String hoverTarget;
    private boolean hoverAllowed;
    private String hovered;
    private boolean spaceDown;
    private final Map<String, Point> moveStart = new HashMap<>();
    private Consumer<String> status = s -> { };
    private ContextMenu kindMenu;
    private ContextMenu nodeMenu;
    private Function<String, List<MenuItem>> nodeMenuItems = id -> List.of();
    private final Tooltip runTip = new Tooltip();
    private boolean runTipInstalled;
    private final Map<String, Double> badgeWidths = new HashMap<>();
    private String hoveredEdge;
    // The part of the canvas in view, in canvas coordinates, as of the frame being drawn.
    private double left;
    private double top;
    private double right;
    private double bottom;
    private double clipFrom;
    private double clipTo;
    private final Map<String, Font> scaledFonts = new HashMap<>();
    private final Map<String, Color> borders = new HashMap<>();
    private final ViewText viewText = new ViewText();
    private final EdgeLayer edgeLayer = new EdgeLayer(viewText);
    private boolean redrawRequested;
    /** Live figures came that the canvas does not show yet. */
    private boolean liveChanged;
    private boolean painting;
    private final AnimationTimer painter = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(now);
        }
    };
    private boolean cameraMoved;
    private long lastPulse;
    private long movedAt;
    private boolean drewWhileMoving;
    private int slowFrames;
    /** Frames come too slowly to draw each afresh while the camera moves (measured, not guessed). */
    private boolean heavy;
    private double heavyScale;
    // What the canvas's pixels show: the camera and margin they were drawn with, where the
    // view's origin lies on the canvas, and whether the whole design fitted in.
    private double drawnScale = 1;
    private double drawnOffsetX;
    private double drawnOffsetY;
    private double drawnMargin;
    private double frameX;
    private double frameY;
    private boolean drewEverything;
    /** The canvas shows a frame drawn without dashes while moving. */
    private boolean rough;
    private double viewWidth = -1;
    private double viewHeight = -1;
    private final Affine placement = new Affine();

    public DiagramCanvas(CanvasViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("diagram-canvas");
        getChildren().add(canvas);
        canvas.getTransforms().add(placement);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setFocusTraversable(true);
        setMinSize(200, 200);
        paintBackground();
        // A new drawing or selection is drawn at once, so a snapshot taken right after shows it;
        // camera moves and gestures, which come many to a frame, ask for one frame per pulse.
        viewModel.diagramProperty().addListener(o -> {
            heavy = false;
            redraw();
        });
        viewModel.selectionProperty().addListener(o -> redraw());
        viewModel.runBadgesProperty().addListener(o -> {
            redraw();
            updateRunTip();
        });
        // Figures come once a second: drawn at the next pulse. While a heavy drawing moves as a
        // picture, they wait for the next frame drawn afresh (at rest at the latest), so that they
        // never force a slow frame into a smooth move.
        viewModel.liveProperty().addListener(o -> {
            if (heavy && painting) {
                liveChanged = true;
            } else {
                requestRedraw();
            }
            updateRunTip();
        });
        runTip.getStyleClass().add("run-tip");
        runTip.setShowDelay(javafx.util.Duration.millis(350));
        setOnContextMenuRequested(e -> {
            closeNodeMenu();
            nodeAt(e.getX(), e.getY()).ifPresent(n -> {
                List<MenuItem> items = nodeMenuItems.apply(n.id());
                if (!items.isEmpty()) {
                    nodeMenu = new ContextMenu(items.toArray(MenuItem[]::new));
                    nodeMenu.getStyleClass().add("node-menu");
                    nodeMenu.show(this, e.getScreenX(), e.getScreenY());
                }
            });
            e.consume();
        });
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnMouseMoved(this::moved);
        setOnScroll(this::scrolled);
        setOnZoom(this::zoomed);
        setOnKeyPressed(this::keyPressed);
        setOnKeyReleased(e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
            }
        });
        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dropped);
    }

    /**
     * The canvas's background on the region itself: what shows where a moved frame leaves part
     * of the view uncovered, and it makes the region opaque, so the renderer starts each frame
     * here rather than with the window's backgrounds beneath it (occlusion culling).
     */
    private void paintBackground() {
        setBackground(new Background(new BackgroundFill(palette.background(), null, null)));
    }

    /** Where the canvas reports what a gesture could not do. */
    public void onStatus(Consumer<String> sink) {
        this.status = sink;
    }

    /** What a right click on a node offers (Restart and Show logs while a run is on); none when empty. */
    public void setNodeMenu(Function<String, List<MenuItem>> items) {
        this.nodeMenuItems = items;
    }

    public void setPalette(CanvasPalette palette) {
        this.palette = palette;
        borders.clear();
        paintBackground();
        redraw();
    }

    public double scale() {
        return scale;
    }

    /** Zooms by a factor around a point of the view (in view coordinates). */
    public void zoomAt(double factor, double viewX, double viewY) {
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        double cx = (viewX - offsetX) / scale;
        double cy = (viewY - offsetY) / scale;
        scale = next;
        offsetX = viewX - cx * scale;
        offsetY = viewY - cy * scale;
        cameraMoved();
    }

    public void zoomBy(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    public void panBy(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
        cameraMoved();
    }

    /** Sets zoom and pan outright (benchmarks and tests). */
    public void setCamera(double newScale, double newOffsetX, double newOffsetY) {
        scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, newScale));
        offsetX = newOffsetX;
        offsetY = newOffsetY;
        cameraMoved();
    }

    /** Shows the whole design, never enlarged beyond 100 %. */
    public void fitToView() {
        Diagram d = viewModel.diagramProperty().get();
        double[] b = bounds(d);
        if (b == null || getWidth() <= 0) {
            scale = 1;
            offsetX = 0;
            offsetY = 0;
            cameraMoved();
            return;
        }
        double margin = 40;
        scale = Math.max(MIN_SCALE, Math.min(1, Math.min((getWidth() - 2 * margin) / (b[2] - b[0]),
                (getHeight() - 2 * margin) / (b[3] - b[1]))));
        offsetX = (getWidth() - (b[2] - b[0]) * scale) / 2 - b[0] * scale;
        offsetY = (getHeight() - (b[3] - b[1]) * scale) / 2 - b[1] * scale;
        cameraMoved();
    }

    /** Brings the given nodes into view (for "reveal" from the Problems panel). */
    public void reveal(Set<String> ids) {
        Diagram d = viewModel.diagramProperty().get();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (DrawnNode n : d.nodes()) {
            if (ids.contains(n.id())) {
                minX = Math.min(minX, n.x());
                minY = Math.min(minY, n.y());
                maxX = Math.max(maxX, n.x() + DrawnNode.WIDTH);
                maxY = Math.max(maxY, n.y() + DrawnNode.HEIGHT);
            }
        }
        if (minX > maxX) {
            return;
        }
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        offsetX = getWidth() / 2 - cx * scale;
        offsetY = getHeight() / 2 - cy * scale;
        cameraMoved();
    }

    @Override
    protected void layoutChildren() {
        if (getWidth() != viewWidth || getHeight() != viewHeight) {
            viewWidth = getWidth();
            viewHeight = getHeight();
            heavy = false;
            redraw();
        }
    }

    // --- drawing ---------------------------------------------------------------------------
    //
    // Frames are drawn by an AnimationTimer, at most one per pulse however many events asked
    // for one. While the camera moves, each frame is drawn afresh, unless frames have been
    // coming slower than 48 a second ("heavy" drawings, such as a thousand nodes seen whole on
    // the software pipeline): then the last frame, drawn with a margin around the view, is
    // moved and scaled as a picture, and drawn afresh when the camera rests, when it has been
    // scaled by more than half (or shrunk by 30 %), or when it no longer covers what should show.

    /** Draws the current snapshot now, in full. */
    public void redraw() {
        redrawRequested = false;
        paintFrame(true, false);
    }

    /** Asks for one redraw at the next pulse, however many events arrive before it. */
    private void requestRedraw() {
        redrawRequested = true;
        startPainter();
    }

    private void cameraMoved() {
        cameraMoved = true;
        startPainter();
    }

    private void startPainter() {
        if (!painting) {
            painting = true;
            lastPulse = 0;
            painter.start();
        }
    }

    /** One pulse of the painter: draw, move the last frame, or stop when there is nothing to do. */
    private void pulse(long now) {
        if (drewWhileMoving && cameraMoved && lastPulse > 0) {
            // While the camera keeps moving and frames are drawn back to back, the time between
            // pulses is the time a frame takes. A few slow ones in a row, not one hiccup, count.
            slowFrames = now - lastPulse > SLOW_FRAME_NANOS ? slowFrames + 1 : 0;
            if (slowFrames >= SLOW_FRAMES_TO_MOVE && !heavy) {
                heavy = true;
                heavyScale = scale;
            }
        } else if (!drewWhileMoving) {
            slowFrames = 0;
        }
        lastPulse = now;
        drewWhileMoving = false;
        if (heavy && (scale > 1.5 * heavyScale || now - movedAt > FORGET_HEAVY_NANOS)) {
            // Zoomed well in, less shows; or the camera has rested, and the machine may have
            // been busy: the next move tries drawing every frame again.
            heavy = false;
        }
        if (redrawRequested) {
            cameraMoved = false;
            redraw();
        } else if (cameraMoved) {
            cameraMoved = false;
            movedAt = now;
            if (!heavy || !moveLastFrame()) {
                redrawRequested = false;
                paintFrame(!heavy, heavy);
                drewWhileMoving = true;
            }
        } else if (showsMovedFrame() || rough) {
            if (now - movedAt > SETTLE_NANOS) {
                paintFrame(true, heavy);
            }
        } else if (liveChanged) {
            redraw();
        } else {
            painter.stop();
            painting = false;
        }
    }

    /**
     * Shows the last frame moved and scaled to the current camera; false when that would not do:
     * scaled too far to stay sharp, or leaving part of the view uncovered where something shows.
     */
    private boolean moveLastFrame() {
        double k = scale / drawnScale;
        if (k < 0.7 || k > 1.5) {
            return false;
        }
        double x = offsetX - k * (drawnMargin + drawnOffsetX);
        double y = offsetY - k * (drawnMargin + drawnOffsetY);
        if (k == 1) {
            // Moved by whole pixels, the picture stays sharp (half a pixel off until it rests).
            x = Math.round(x);
            y = Math.round(y);
        }
        boolean covers = x <= 0 && y <= 0 && x + k * canvas.getWidth() >= getWidth()
                && y + k * canvas.getHeight() >= getHeight();
        boolean nothingBeyond = drewEverything && !gridShows(scale) && !gridShows(drawnScale);
        if (!covers && !nothingBeyond) {
            return false;
        }
        placement.setToTransform(k, 0, x, 0, k, y);
        return true;
    }

    /** What the canvas shows now: a frame drawn in full, one drawn with less detail while moving, or one moved. */
    public enum Frame { DETAILED, ROUGH, MOVED }

    /** What the canvas shows now (benchmarks report how many frames were of each kind). */
    public Frame shownFrame() {
        return showsMovedFrame() ? Frame.MOVED : rough ? Frame.ROUGH : Frame.DETAILED;
    }

    private boolean showsMovedFrame() {
        return drawnScale != scale || drawnOffsetX != offsetX || drawnOffsetY != offsetY;
    }

    private static boolean gridShows(double atScale) {
        return CanvasViewModel.GRID * atScale >= GRID_MIN_STEP;
    }

    /**
     * Draws the frame afresh at the current camera. A frame drawn while a heavy drawing moves
     * zoomed out draws dashed lines solid (dashes are the costliest detail: each is a shape of
     * its own) and, like the one drawn when it comes to rest, takes in a margin around the view
     * for the frames that move it next.
     */
    private void paintFrame(boolean detailed, boolean withMargin) {
        double margin = withMargin ? Math.ceil(MOVE_MARGIN * Math.max(getWidth(), getHeight())) : 0;
        if (canvas.getWidth() != getWidth() + 2 * margin || canvas.getHeight() != getHeight() + 2 * margin) {
            canvas.setWidth(getWidth() + 2 * margin);
            canvas.setHeight(getHeight() + 2 * margin);
        }
        placement.setToTransform(1, 0, -margin, 0, 1, -margin);
        drawnScale = scale;
        drawnOffsetX = offsetX;
        drawnOffsetY = offsetY;
        drawnMargin = margin;
        frameX = offsetX + margin;
        frameY = offsetY + margin;
        rough = !detailed && scale < ROUGH_SCALE;
        liveChanged = false;
        paint();
        double[] b = bounds(viewModel.diagramProperty().get());
        double slack = 20;
        drewEverything = b == null || (b[0] - slack >= left && b[1] - slack >= top && b[2] + slack <= right
                && b[3] + slack <= bottom);
    }

    /**
     * Draws a frame. Every pass over many items is batched: one path and one fill or stroke per
     * colour (edges, arrowheads, node boxes, kind bars, borders), so the cost is per style, not
     * per item; text is drawn in view space at a font size rounded to half a pixel, so zooming
     * reuses a few glyph caches instead of rasterising a new font size on every frame.
     */
    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Diagram d = viewModel.diagramProperty().get();
        Set<String> selected = viewModel.selectionProperty().get();
        left = -frameX / scale;
        top = -frameY / scale;
        right = left + w / scale;
        bottom = top + h / scale;
        boolean labels = scale >= LABEL_SCALE;
        List<DrawnContext> contexts = new ArrayList<>();
        for (DrawnContext c : d.contexts()) {
            if (inView(c.x(), c.y(), c.width(), c.height())) {
                contexts.add(c);
            }
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
        // Opaque and covering the canvas: JavaFX also drops the commands of earlier frames.
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        g.setTransform(scale, 0, 0, scale, frameX, frameY);
        fillContexts(g, contexts);
        drawGrid(g, w, h, contexts);
        g.setTransform(scale, 0, 0, scale, frameX, frameY);
        outlineContexts(g, contexts, labels);
        viewText.camera(scale, frameX, frameY);
        edgeLayer.draw(g, d, palette, scale, new Rect(left, top, right - left, bottom - top), selected,
                viewModel.liveProperty().get().edges(), scale >= DASH_SCALE && !rough, labels, scale >= ARROW_SCALE);
        drawNodes(g, d, selected, labels);
        drawRunBadges(g, d, labels);
        drawLiveNodes(g, d, labels);
        drawGesture(g, d);
    }

    /**
     * The grid's dots, in view space. They lie on top of the (opaque) context fill, so a dot
     * inside a context takes the colour it has under the translucent tint.
     */
    private void drawGrid(GraphicsContext g, double w, double h, List<DrawnContext> contexts) {
        if (!gridShows(scale)) {
            return;
        }
        double step = CanvasViewModel.GRID * scale;
        g.setTransform(1, 0, 0, 1, 0, 0);
        double startX = frameX % step;
        double startY = frameY % step;
        double dot = Math.max(1, scale);
        List<double[]> tinted = new ArrayList<>();
        g.setFill(palette.grid());
        for (double x = startX; x < w; x += step) {
            for (double y = startY; y < h; y += step) {
                if (insideAny(contexts, (x + dot / 2 - frameX) / scale, (y + dot / 2 - frameY) / scale)) {
                    tinted.add(new double[] {x, y});
                } else {
                    g.fillRect(x, y, dot, dot);
                }
            }
        }
        g.setFill(over(palette.contextFill(), palette.grid()));
        for (double[] at : tinted) {
            g.fillRect(at[0], at[1], dot, dot);
        }
    }

    private static boolean insideAny(List<DrawnContext> contexts, double x, double y) {
        for (DrawnContext c : contexts) {
            if (x < c.x() || y < c.y() || x > c.x() + c.width() || y > c.y() + c.height()) {
                continue;
            }
            double r = CONTEXT_ARC / 2;
            double cx = Math.max(c.x() + r, Math.min(x, c.x() + c.width() - r));
            double cy = Math.max(c.y() + r, Math.min(y, c.y() + c.height() - r));
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                return true;
            }
        }
        return false;
    }

    /** A translucent colour laid over an opaque one: what the eye sees, as one opaque colour. */
    private static Color over(Color top, Color below) {
        double a = top.getOpacity();
        return Color.color(top.getRed() * a + below.getRed() * (1 - a), top.getGreen() * a + below.getGreen() * (1 - a),
                top.getBlue() * a + below.getBlue() * (1 - a));
    }

    private boolean inView(double x, double y, double width, double height) {
        return x <= right && y <= bottom && x + width >= left && y + height >= top;
    }

    /**
     * All context boxes in one opaque fill, the tint already laid over the background: a
     * translucent fill over the whole view costs the software pipeline a few milliseconds a
     * frame. Where boxes overlap, the tint is laid once.
     */
    private void fillContexts(GraphicsContext g, List<DrawnContext> contexts) {
        if (contexts.isEmpty()) {
            return;
        }
        g.beginPath();
        for (DrawnContext c : contexts) {
            roundRect(g, c.x(), c.y(), c.width(), c.height(), CONTEXT_ARC);
        }
        g.setFill(over(palette.contextFill(), palette.background()));
        g.fill();
    }

    private void outlineContexts(GraphicsContext g, List<DrawnContext> contexts, boolean labels) {
        if (contexts.isEmpty()) {
            return;
        }
        g.setStroke(palette.contextStroke());
        g.setLineWidth(1.2 / scale);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineDashes(8 / scale, 5 / scale);
        for (DrawnContext c : contexts) {
            outline(g, c);
        }
        g.setLineDashes();
        g.setLineDashOffset(0);
        if (labels) {
            beginText(g, CONTEXT, palette.contextText(), TextAlignment.LEFT, VPos.TOP);
            for (DrawnContext c : contexts) {
                text(g, c.name(), c.x() + 12, c.y() + 10, 0);
            }
            endText(g);
        }
    }

    /**
     * A context's dashed border. A box reaching far beyond the view (a big context seen close
     * up) is drawn piece by piece, only the sides and corners in view, each with its dashes
     * where the whole border would have them: dashing a long border costs every dash, seen or not.
     */
    private void outline(GraphicsContext g, DrawnContext c) {
        double x = c.x();
        double y = c.y();
        double w = c.width();
        double h = c.height();
        double slack = 4 / scale;
        if (x >= left - slack && y >= top - slack && x + w <= right + slack && y + h <= bottom + slack) {
            g.strokeRoundRect(x, y, w, h, CONTEXT_ARC, CONTEXT_ARC);
            return;
        }
        double rx = Math.min(w, CONTEXT_ARC) / 2;
        double ry = Math.min(h, CONTEXT_ARC) / 2;
        double cx = CORNER * 2 * rx;
        double cy = CORNER * 2 * ry;
        // The order and start of RoundRectangle's outline: down the left side first.
        double along = side(g, x, y + ry, x, y + h - ry, 0, slack);
        along = corner(g, x, y + h - ry, x, y + h - cy, x + cx, y + h, x + rx, y + h, along, rx, ry, slack);
        along = side(g, x + rx, y + h, x + w - rx, y + h, along, slack);
        along = corner(g, x + w - rx, y + h, x + w - cx, y + h, x + w, y + h - cy, x + w, y + h - ry, along, rx, ry, slack);
        along = side(g, x + w, y + h - ry, x + w, y + ry, along, slack);
        along = corner(g, x + w, y + ry, x + w, y + cy, x + w - cx, y, x + w - rx, y, along, rx, ry, slack);
        along = side(g, x + w - rx, y, x + rx, y, along, slack);
        corner(g, x + rx, y, x + cx, y, x, y + cy, x, y + ry, along, rx, ry, slack);
    }

    /** The part of a straight piece of border in view; returns the length along the border at its end. */
    private double side(GraphicsContext g, double x1, double y1, double x2, double y2, double along, double slack) {
        double length = Math.hypot(x2 - x1, y2 - y1);
        if (length > 0 && clipSegment(x1, y1, x2, y2, slack)) {
            g.setLineDashOffset(along + clipFrom * length);
            g.strokeLine(x1 + clipFrom * (x2 - x1), y1 + clipFrom * (y2 - y1), x1 + clipTo * (x2 - x1),
                    y1 + clipTo * (y2 - y1));
        }
        return along + length;
    }

    private double corner(GraphicsContext g, double x0, double y0, double c1x, double c1y, double c2x, double c2y,
            double x3, double y3, double along, double rx, double ry, double slack) {
        if (inView(Math.min(x0, x3) - slack, Math.min(y0, y3) - slack, Math.abs(x3 - x0) + 2 * slack,
                Math.abs(y3 - y0) + 2 * slack)) {
            g.setLineDashOffset(along);
            g.beginPath();
            g.moveTo(x0, y0);
            g.bezierCurveTo(c1x, c1y, c2x, c2y, x3, y3);
            g.stroke();
        }
        // A quarter of an ellipse (Ramanujan), which is a circle's quarter for all but tiny boxes.
        double a = rx;
        double b = ry;
        return along + Math.PI * (3 * (a + b) - Math.sqrt((3 * a + b) * (a + 3 * b))) / 4;
    }

    /**
     * Cuts the line from (x1, y1) to (x2, y2) down to the view plus a margin (Liang-Barsky):
     * false when none of it shows, else the part that does runs from {@link #clipFrom} to
     * {@link #clipTo} (fractions of the line).
     */
    private boolean clipSegment(double x1, double y1, double x2, double y2, double margin) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        clipFrom = 0;
        clipTo = 1;
        return clipSide(-dx, x1 - (left - margin)) && clipSide(dx, right + margin - x1)
                && clipSide(-dy, y1 - (top - margin)) && clipSide(dy, bottom + margin - y1)
                && clipFrom <= clipTo;
    }

    private boolean clipSide(double p, double q) {
        if (p == 0) {
            return q >= 0;
        }
        double r = q / p;
        if (p < 0) {
            clipFrom = Math.max(clipFrom, r);
        } else {
            clipTo = Math.min(clipTo, r);
        }
        return true;
    }

    private void drawNodes(GraphicsContext g, Diagram d, Set<String> selected, boolean labels) {
        List<DrawnNode> plain = new ArrayList<>();
        List<DrawnNode> onTop = new ArrayList<>();
        for (DrawnNode n : d.nodes()) {
            boolean moving = mode == Mode.MOVE && moveStart.containsKey(n.id());
            if (moving || selected.contains(n.id()) || n.id().equals(hovered)
                    || (connectFrom != null && n.id().equals(hoverTarget))) {
                onTop.add(n);
            } else if (inView(n.x(), n.y(), DrawnNode.WIDTH, DrawnNode.HEIGHT)) {
                plain.add(n);
            }
        }
        if (!plain.isEmpty()) {
            drawPlainNodes(g, plain, labels);
        }
        for (DrawnNode n : onTop) {
            drawNode(g, n, selected.contains(n.id()), labels);
        }
    }

    /** Nodes with nothing of their own going on, drawn a layer at a time: boxes, bars, borders, text, markers. */
    private void drawPlainNodes(GraphicsContext g, List<DrawnNode> nodes, boolean labels) {
        g.beginPath();
        for (DrawnNode n : nodes) {
            roundRect(g, n.x(), n.y(), DrawnNode.WIDTH, DrawnNode.HEIGHT, 12);
        }
        g.setFill(palette.nodeFill());
        g.fill();
        Map<String, List<DrawnNode>> byKind = new LinkedHashMap<>();
        for (DrawnNode n : nodes) {
            byKind.computeIfAbsent(n.kind(), k -> new ArrayList<>()).add(n);
        }
        byKind.forEach((kind, ofKind) -> {
            g.beginPath();
            for (DrawnNode n : ofKind) {
                roundRect(g, n.x(), n.y(), 7, DrawnNode.HEIGHT, 7);
            }
            g.setFill(palette.kind(kind));
            g.fill();
        });
        g.setLineWidth(1.2);
        byKind.forEach((kind, ofKind) -> {
            g.beginPath();
            boolean any = false;
            for (DrawnNode n : ofKind) {
                if (n.marker() == Marker.NONE) {
                    roundRect(g, n.x(), n.y(), DrawnNode.WIDTH, DrawnNode.HEIGHT, 12);
                    any = true;
                }
            }
            if (any) {
                g.setStroke(borderColour(kind));
                g.stroke();
            }
        });
        g.setLineWidth(2.2);
        for (Marker marker : new Marker[] {Marker.WARNING, Marker.ERROR}) {
            g.beginPath();
            boolean any = false;
            for (DrawnNode n : nodes) {
                if (n.marker() == marker) {
                    roundRect(g, n.x(), n.y(), DrawnNode.WIDTH, DrawnNode.HEIGHT, 12);
                    any = true;
                }
            }
            if (any) {
                g.setStroke(markerColour(marker));
                g.stroke();
            }
        }
        if (labels) {
            boolean summary = summary();
            beginText(g, TITLE, summary ? SUMMARY_PIXELS : 0, palette.nodeText(), TextAlignment.LEFT,
                    summary ? VPos.CENTER : VPos.TOP);
            for (DrawnNode n : nodes) {
                text(g, n.id(), n.x() + 16, summary ? n.centerY() : n.y() + 10, DrawnNode.WIDTH - (summary ? 24 : 40));
            }
            if (!summary) {
                beginText(g, SMALL, palette.nodeMuted(), TextAlignment.LEFT, VPos.TOP);
                for (DrawnNode n : nodes) {
                    text(g, n.kind() + "  " + n.detail(), n.x() + 16, n.y() + 33, DrawnNode.WIDTH - 24);
                }
            }
            endText(g);
        }
        for (Marker marker : new Marker[] {Marker.WARNING, Marker.ERROR}) {
            g.beginPath();
            boolean any = false;
            for (DrawnNode n : nodes) {
                if (n.marker() == marker) {
                    circle(g, n.x() + DrawnNode.WIDTH - 20, n.y() + 8, 12);
                    any = true;
                }
            }
            if (any) {
                g.setFill(markerColour(marker));
                g.fill();
            }
        }
        if (labels) {
            beginText(g, MARK, Color.WHITE, TextAlignment.CENTER, VPos.CENTER);
            for (DrawnNode n : nodes) {
                if (n.marker() != Marker.NONE) {
                    text(g, "!", n.x() + DrawnNode.WIDTH - 14, n.y() + 14.5, 0);
                }
            }
            endText(g);
        }
    }

    private Color markerColour(Marker marker) {
        return marker == Marker.ERROR ? palette.danger() : palette.warn();
    }

    /** One node with its own state (selected, hovered, moving, a connection target), drawn whole. */
    private void drawNode(GraphicsContext g, DrawnNode n, boolean selected, boolean labels) {
        double x = n.x();
        double y = n.y();
        if (mode == Mode.MOVE && moveStart.containsKey(n.id())) {
            Point start = moveStart.get(n.id());
            x = start.x() + (dragX - pressX) / scale;
            y = start.y() + (dragY - pressY) / scale;
        }
        if (!inView(x - HANDLE_RADIUS, y - HANDLE_RADIUS, DrawnNode.WIDTH + 2 * HANDLE_RADIUS,
                DrawnNode.HEIGHT + 2 * HANDLE_RADIUS)) {
            return;
        }
        Color kind = palette.kind(n.kind());
        if (selected) {
            g.setFill(palette.selection().deriveColor(0, 1, 1, 0.25));
            g.fillRoundRect(x - 5, y - 5, DrawnNode.WIDTH + 10, DrawnNode.HEIGHT + 10, 18, 18);
        }
        g.setFill(palette.nodeFill());
        g.fillRoundRect(x, y, DrawnNode.WIDTH, DrawnNode.HEIGHT, 12, 12);
        g.setFill(kind);
        g.fillRoundRect(x, y, 7, DrawnNode.HEIGHT, 7, 7);
        Color border = n.marker() != Marker.NONE ? markerColour(n.marker())
                : selected ? palette.selection() : borderColour(n.kind());
        g.setStroke(border);
        g.setLineWidth(n.marker() != Marker.NONE || selected ? 2.2 : 1.2);
        if (connectFrom != null && n.id().equals(hoverTarget)) {
            g.setStroke(hoverAllowed ? palette.ok() : palette.danger());
            g.setLineWidth(3);
        }
        g.strokeRoundRect(x, y, DrawnNode.WIDTH, DrawnNode.HEIGHT, 12, 12);
        if (labels) {
            boolean summary = summary();
            beginText(g, TITLE, summary ? SUMMARY_PIXELS : 0, palette.nodeText(), TextAlignment.LEFT,
                    summary ? VPos.CENTER : VPos.TOP);
            text(g, n.id(), x + 16, summary ? y + DrawnNode.HEIGHT / 2 : y + 10, DrawnNode.WIDTH - (summary ? 24 : 40));
            if (!summary) {
                beginText(g, SMALL, palette.nodeMuted(), TextAlignment.LEFT, VPos.TOP);
                text(g, n.kind() + "  " + n.detail(), x + 16, y + 33, DrawnNode.WIDTH - 24);
            }
            endText(g);
        }
        if (n.marker() != Marker.NONE) {
            g.setFill(markerColour(n.marker()));
            g.fillOval(x + DrawnNode.WIDTH - 20, y + 8, 12, 12);
            if (labels) {
                beginText(g, MARK, Color.WHITE, TextAlignment.CENTER, VPos.CENTER);
                text(g, "!", x + DrawnNode.WIDTH - 14, y + 14.5, 0);
                endText(g);
            }
        }
        if (selected || n.id().equals(hovered)) {
            g.setFill(palette.nodeFill());
            g.setStroke(kind);
            g.setLineWidth(2);
            g.fillOval(x + DrawnNode.WIDTH - HANDLE_RADIUS, y + DrawnNode.HEIGHT / 2 - HANDLE_RADIUS, 2 * HANDLE_RADIUS,
                    2 * HANDLE_RADIUS);
            g.strokeOval(x + DrawnNode.WIDTH - HANDLE_RADIUS, y + DrawnNode.HEIGHT / 2 - HANDLE_RADIUS,
                    2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS);
        }
    }

    /**
     * What a run says of each node, over the drawing: waiting and stopped nodes greyed, the others
     * ringed in their state's colour, the state word on a pill on the node's bottom edge, and a
     * line under the node (why it crashed, or what serves it). Badges change a few times a second
     * at most, on few nodes: each is drawn whole.
     */
    private void drawRunBadges(GraphicsContext g, Diagram d, boolean labels) {
        Map<String, RunBadge> badges = viewModel.runBadgesProperty().get();
        if (badges.isEmpty()) {
            return;
        }
        for (DrawnNode n : d.nodes()) {
            RunBadge badge = badges.get(n.id());
            if (badge == null) {
                continue;
            }
            double x = n.x();
            double y = n.y();
            if (mode == Mode.MOVE && moveStart.containsKey(n.id())) {
                Point start = moveStart.get(n.id());
                x = start.x() + (dragX - pressX) / scale;
                y = start.y() + (dragY - pressY) / scale;
            }
            if (!inView(x - 6, y - 6, DrawnNode.WIDTH + 12, DrawnNode.HEIGHT + 30)) {
                continue;
            }
            Color colour = toneColour(badge.tone());
            if (badge.tone() == RunBadge.Tone.MUTED) {
                g.setFill(palette.background().deriveColor(0, 1, 1, 0.55));
                g.fillRoundRect(x, y, DrawnNode.WIDTH, DrawnNode.HEIGHT, 12, 12);
            } else {
                // The ring says the worse of the node's run state and its live health.
                g.setStroke(toneColour(worse(badge.tone(), liveTone(n.id()))));
                g.setLineWidth(2.5);
                g.strokeRoundRect(x - 4, y - 4, DrawnNode.WIDTH + 8, DrawnNode.HEIGHT + 8, 18, 18);
            }
            if (!labels) {
                continue;
            }
            double width = badgeWidths.computeIfAbsent(badge.state(), word -> {
                Text measure = new Text(word);
                measure.setFont(MARK);
                return Math.ceil(measure.getLayoutBounds().getWidth());
            }) + 14;
            double bx = x + DrawnNode.WIDTH - width - 10;
            double by = y + DrawnNode.HEIGHT - BADGE_HEIGHT / 2;
            g.setFill(colour);
            g.fillRoundRect(bx, by, width, BADGE_HEIGHT, BADGE_HEIGHT, BADGE_HEIGHT);
            beginText(g, MARK, palette.nodeFill(), TextAlignment.CENTER, VPos.CENTER);
            text(g, badge.state(), bx + width / 2, by + BADGE_HEIGHT / 2 + 0.5, 0);
            if (!badge.note().isEmpty()) {
                beginText(g, SMALL, badge.noteProblem() ? palette.danger() : palette.nodeMuted(), TextAlignment.LEFT,
                        VPos.TOP);
                String note = badge.note().length() > NOTE_CHARS
                        ? badge.note().substring(0, NOTE_CHARS - 1) + "…" : badge.note();
                text(g, note, x + 2, y + DrawnNode.HEIGHT + BADGE_HEIGHT / 2 + 3, DrawnNode.WIDTH + 60);
            }
            endText(g);
        }
    }

    private Color toneColour(RunBadge.Tone tone) {
        return switch (tone) {
            case MUTED -> palette.nodeMuted();
            case PROGRESS -> palette.progress();
            case OK -> palette.ok();
            case WARN -> palette.warn();
            case DANGER -> palette.danger();
        };
    }

    // --- live figures ----------------------------------------------------------------------
    //
    // An overlay like the run badges: it changes once a second at most, on a few dozen nodes and
    // edges, so each item is drawn whole, and only the items in view.

    /**
     * The live figures of the nodes in view: a card under each with its request rate, server
     * errors, p95, goroutines and memory and a sparkline of its recent rate, and a warning marker
     * on its corner when an alert is raised. Zoomed out, where text would be too small, a node is
     * tinted with its health's colour and shows its request rate alone.
     */
    private void drawLiveNodes(GraphicsContext g, Diagram d, boolean labels) {
        Map<String, LiveNode> live = viewModel.liveProperty().get().nodes();
        if (live.isEmpty()) {
            return;
        }
        Map<String, RunBadge> badges = viewModel.runBadgesProperty().get();
        for (Map.Entry<String, LiveNode> entry : live.entrySet()) {
            DrawnNode n = d.nodesById().get(entry.getKey());
            if (n == null) {
                continue;
            }
            LiveNode l = entry.getValue();
            double x = n.x();
            double y = n.y();
            if (mode == Mode.MOVE && moveStart.containsKey(n.id())) {
                Point start = moveStart.get(n.id());
                x = start.x() + (dragX - pressX) / scale;
                y = start.y() + (dragY - pressY) / scale;
            }
            RunBadge badge = badges.get(n.id());
            double cardY = y + DrawnNode.HEIGHT + CARD_GAP + (badge != null && !badge.note().isEmpty() ? 16 : 0);
            if (!inView(x - 12, y - 12, DrawnNode.WIDTH + 24, cardY - y + CARD_HEIGHT + 12)) {
                continue;
            }
            Color tone = toneColour(l.tone());
            if (!labels) {
                if (l.tone() != RunBadge.Tone.MUTED) {
                    g.setFill(tone.deriveColor(0, 1, 1, 0.3));
                    g.fillRoundRect(x, y, DrawnNode.WIDTH, DrawnNode.HEIGHT, 12, 12);
                }
                if (scale >= LIVE_NUMBER_SCALE) {
                    g.setTransform(1, 0, 0, 1, 0, 0);
                    g.setFont(LIVE_FAR);
                    g.setFill(palette.nodeText());
                    g.setTextAlign(TextAlignment.CENTER);
                    g.setTextBaseline(VPos.CENTER);
                    g.fillText(l.rate(), (x + DrawnNode.WIDTH / 2) * scale + frameX,
                            (y + DrawnNode.HEIGHT / 2) * scale + frameY);
                    endText(g);
                }
                if (l.alert()) {
                    alertMarker(g, x + DrawnNode.WIDTH, y, 12, l.tone() == RunBadge.Tone.DANGER ? palette.danger()
                            : palette.warn());
                }
                continue;
            }
            drawLiveCard(g, l, x, cardY, tone);
            if (l.alert()) {
                alertMarker(g, x + DrawnNode.WIDTH - 2, y + 2, 8, l.tone() == RunBadge.Tone.DANGER ? palette.danger()
                        : palette.warn());
            }
        }
    }

    private void drawLiveCard(GraphicsContext g, LiveNode l, double x, double y, Color tone) {
        double w = DrawnNode.WIDTH;
        g.setFill(palette.nodeFill());
        g.fillRoundRect(x, y, w, CARD_HEIGHT, 10, 10);
        g.setStroke(l.tone() == RunBadge.Tone.MUTED ? palette.nodeMuted().deriveColor(0, 1, 1, 0.5) : tone);
        g.setLineWidth(1.5);
        g.strokeRoundRect(x, y, w, CARD_HEIGHT, 10, 10);
        // A tab joining the card to its node, so it reads as the node's.
        g.setFill(g.getStroke());
        g.fillRect(x + 20, y - CARD_GAP + 4, 1.2, CARD_GAP - 4);
        double row1 = y + 10.5;
        double row2 = y + 24.5;
        if (!l.problem().isEmpty()) {
            beginText(g, LIVE, palette.danger(), TextAlignment.LEFT, VPos.CENTER);
            String problem = l.problem().length() > 72 ? l.problem().substring(0, 71) + "…" : l.problem();
            int cut = Math.min(problem.length(), 34);
            int space = problem.lastIndexOf(' ', cut);
            if (problem.length() > 34 && space > 10) {
                cut = space;
            }
            text(g, problem.substring(0, cut).strip(), x + 8, row1, w - 14);
            text(g, problem.substring(cut).strip(), x + 8, row2, w - 14);
            endText(g);
            return;
        }
        beginText(g, LIVE_BOLD, palette.nodeText(), TextAlignment.LEFT, VPos.CENTER);
        text(g, l.rate(), x + 8, row1, 52);
        beginText(g, LIVE, palette.nodeMuted(), TextAlignment.LEFT, VPos.CENTER);
        text(g, l.errors(), x + 62, row1, 48);
        text(g, l.p95(), x + 112, row1, w - 116);
        text(g, l.goroutines(), x + 62, row2, 66);
        text(g, l.memory(), x + 130, row2, w - 134);
        endText(g);
        sparkline(g, l.trend(), x + 8, row2 - 6, 48, 12, l.tone() == RunBadge.Tone.MUTED ? palette.nodeMuted()
                : palette.progress());
    }

    /** The recent request rate as a line, scaled to its own peak, in a box of the canvas. */
    private void sparkline(GraphicsContext g, List<Double> trend, double x, double y, double width, double height,
            Color colour) {
        g.setStroke(palette.grid());
        g.setLineWidth(0.8);
        g.strokeLine(x, y + height, x + width, y + height);
        if (trend.size() < 2) {
            return;
        }
        double max = 0;
        for (double v : trend) {
            max = Math.max(max, v);
        }
        int n = trend.size();
        // The newest point is at the right end; a young trend starts part way along.
        double step = width / (Math.max(n, 60) - 1);
        double start = x + width - (n - 1) * step;
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double v = max > 0 ? trend.get(i) / max : 0;
            double px = start + i * step;
            double py = y + height - v * height;
            if (i == 0) {
                g.moveTo(px, py);
            } else {
                g.lineTo(px, py);
            }
        }
        g.setStroke(colour);
        g.setLineWidth(1.2);
        g.setLineCap(StrokeLineCap.ROUND);
        g.stroke();
    }

    /** A round marker with "!" on it, centred at a point of the canvas. */
    private void alertMarker(GraphicsContext g, double cx, double cy, double radius, Color colour) {
        g.setFill(colour);
        g.fillOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
        g.setStroke(palette.nodeFill());
        g.setLineWidth(1.2);
        g.strokeOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
        if (radius * scale >= 3.5) {
            g.setTransform(1, 0, 0, 1, 0, 0);
            double size = Math.max(7, Math.round(radius * 1.3 * scale * 2) / 2.0);
            g.setFont(scaledFonts.computeIfAbsent("mark@" + size, k -> Font.font("System", FontWeight.BOLD, size)));
            g.setFill(Color.WHITE);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("!", cx * scale + frameX, cy * scale + frameY + 0.5);
            endText(g);
        }
    }

    private RunBadge.Tone liveTone(String node) {
        LiveNode l = viewModel.liveProperty().get().nodes().get(node);
        return l == null ? RunBadge.Tone.MUTED : l.tone();
    }

    /** The more alarming of two tones; muted (nothing known) never outweighs the other. */
    private static RunBadge.Tone worse(RunBadge.Tone a, RunBadge.Tone b) {
        if (a == RunBadge.Tone.MUTED) {
            return a; // Waiting or stopped: greyed, whatever its last figures said.
        }
        if (b == RunBadge.Tone.MUTED || b == RunBadge.Tone.PROGRESS) {
            return a;
        }
        return severity(b) > severity(a) ? b : a;
    }

    private static int severity(RunBadge.Tone t) {
        return switch (t) {
            case MUTED -> 0;
            case PROGRESS -> 1;
            case OK -> 2;
            case WARN -> 3;
            case DANGER -> 4;
        };
    }

    /** The hovered node's run details and live figures, or the hovered edge's, as a tooltip while there are any. */
    private void updateRunTip() {
        RunBadge badge = hovered == null ? null : viewModel.runBadgesProperty().get().get(hovered);
        LiveOverlay live = viewModel.liveProperty().get();
        LiveNode node = hovered == null ? null : live.nodes().get(hovered);
        LiveEdge edge = hovered == null && hoveredEdge != null ? live.edges().get(hoveredEdge) : null;
        List<String> parts = new ArrayList<>();
        if (badge != null && !badge.details().isEmpty()) {
            parts.add(hovered + " — " + badge.details());
        }
        if (node != null) {
            parts.add(parts.isEmpty() ? hovered + " — " + node.tooltip() : node.tooltip());
        }
        if (edge != null) {
            parts.add(edge.tooltip());
        }
        if (parts.isEmpty()) {
            if (runTipInstalled) {
                Tooltip.uninstall(this, runTip);
                runTipInstalled = false;
            }
            return;
        }
        runTip.setText(String.join("\n", parts));
        if (!runTipInstalled) {
            Tooltip.install(this, runTip);
            runTipInstalled = true;
        }
    }

    // Text is set in view space with the font scaled and rounded to half a pixel: at 100 % it is
    // the font itself; while zooming, the glyph cache of each rounded size is reused.

    private void beginText(GraphicsContext g, Font font, Color colour, TextAlignment align, VPos baseline) {
        beginText(g, font, 0, colour, align, baseline);
    }

    /**
     * Below the zoom where a node's detail line reads (11 px), a node shows its name alone, at 11 px
     * at least, in the middle of its box: the summary level of the drawing (semantic zoom).
     */
    private boolean summary() {
        return SMALL.getSize() * scale < SUMMARY_PIXELS - 0.5;
    }

    private static final double SUMMARY_PIXELS = 11;

    private void beginText(GraphicsContext g, Font font, double minPixels, Color colour, TextAlignment align,
            VPos baseline) {
        g.setTransform(1, 0, 0, 1, 0, 0);
        double size = Math.max(Math.max(1, minPixels), Math.round(font.getSize() * scale * 2) / 2.0);
        g.setFont(scaledFonts.computeIfAbsent(font.getName() + "@" + size,
                k -> Font.font(font.getFamily(), font.getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold")
                        ? FontWeight.BOLD : FontWeight.NORMAL, size)));
        g.setFill(colour);
        g.setTextAlign(align);
        g.setTextBaseline(baseline);
    }

    /** Text at a point of the canvas; a positive maxWidth (canvas units) squeezes longer text. */
    private void text(GraphicsContext g, String s, double x, double y, double maxWidth) {
        double vx = x * scale + frameX;
        double vy = y * scale + frameY;
        if (maxWidth > 0) {
            g.fillText(s, vx, vy, maxWidth * scale);
        } else {
            g.fillText(s, vx, vy);
        }
    }

    private void endText(GraphicsContext g) {
        g.setTransform(scale, 0, 0, scale, frameX, frameY);
    }

    // Shapes appended to the current path, point for point what fillRoundRect and fillOval draw.

    private static final double CORNER = cornerControl();

    private static double cornerControl() {
        double a = 1 - Math.cos(Math.PI / 4);
        double b = Math.tan(Math.PI / 4);
        double c = Math.sqrt(1 + b * b) - 1 + a;
        return (1 - 4.0 / 3.0 * a * b / c) / 2;
    }

    private static void roundRect(GraphicsContext g, double x, double y, double w, double h, double arc) {
        double aw = Math.min(w, arc);
        double ah = Math.min(h, arc);
        double cw = CORNER * aw;
        double ch = CORNER * ah;
        g.moveTo(x, y + ah / 2);
        g.lineTo(x, y + h - ah / 2);
        g.bezierCurveTo(x, y + h - ch, x + cw, y + h, x + aw / 2, y + h);
        g.lineTo(x + w - aw / 2, y + h);
        g.bezierCurveTo(x + w - cw, y + h, x + w, y + h - ch, x + w, y + h - ah / 2);
        g.lineTo(x + w, y + ah / 2);
        g.bezierCurveTo(x + w, y + ch, x + w - cw, y, x + w - aw / 2, y);
        g.lineTo(x + aw / 2, y);
        g.bezierCurveTo(x + cw, y, x, y + ch, x, y + ah / 2);
        g.closePath();
    }

    private static final double KAPPA = 0.5522847498307933;

    private static void circle(GraphicsContext g, double x, double y, double size) {
        double p = (0.5 + KAPPA * 0.5) * size;
        double n = (0.5 - KAPPA * 0.5) * size;
        double half = size / 2;
        g.moveTo(x + size, y + half);
        g.bezierCurveTo(x + size, y + p, x + p, y + size, x + half, y + size);
        g.bezierCurveTo(x + n, y + size, x, y + p, x, y + half);
        g.bezierCurveTo(x, y + n, x + n, y, x + half, y);
        g.bezierCurveTo(x + p, y, x + size, y + n, x + size, y + half);
        g.closePath();
    }

    private void drawGesture(GraphicsContext g, Diagram d) {
        if (mode == Mode.RUBBER) {
            double[] r = rubberRect();
            g.setFill(palette.selection().deriveColor(0, 1, 1, 0.12));
            g.fillRect(r[0], r[1], r[2], r[3]);
            g.setStroke(palette.selection());
            g.setLineWidth(1 / scale);
            g.strokeRect(r[0], r[1], r[2], r[3]);
        } else if (mode == Mode.CONNECT && connectFrom != null) {
            DrawnNode from = d.nodesById().get(connectFrom);
            if (from != null) {
                g.setStroke(hoverTarget == null ? palette.selection() : hoverAllowed ? palette.ok() : palette.danger());
                g.setLineWidth(2);
                g.setLineCap(StrokeLineCap.ROUND);
                g.setLineDashes(6, 4);
                g.strokeLine(from.x() + DrawnNode.WIDTH, from.centerY(), toCanvasX(dragX), toCanvasY(dragY));
                g.setLineDashes();
            }
        }
    }

    private double[] rubberRect() {
        double x1 = toCanvasX(pressX);
        double y1 = toCanvasY(pressY);
        double x2 = toCanvasX(dragX);
        double y2 = toCanvasY(dragY);
        return new double[] {Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1)};
    }

    /** What the drawing covers: nodes, contexts, routes and labels; null when there is nothing. */
    private static double[] bounds(Diagram d) {
        return DrawingBounds.of(d);
    }

    // --- hit testing -----------------------------------------------------------------------

    public double toCanvasX(double viewX) {
        return (viewX - offsetX) / scale;
    }

    public double toCanvasY(double viewY) {
        return (viewY - offsetY) / scale;
    }

    /** The view position of a canvas point (for tests that click on nodes). */
    public double[] toView(double canvasX, double canvasY) {
        return new double[] {canvasX * scale + offsetX, canvasY * scale + offsetY};
    }

    private Optional<DrawnNode> nodeAt(double viewX, double viewY) {
        double x = toCanvasX(viewX);
        double y = toCanvasY(viewY);
        List<DrawnNode> nodes = viewModel.diagramProperty().get().nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).contains(x, y)) {
                return Optional.of(nodes.get(i));
            }
        }
        return Optional.empty();
    }

    private Optional<DrawnNode> handleAt(double viewX, double viewY) {
        double x = toCanvasX(viewX);
        double y = toCanvasY(viewY);
        double r = HANDLE_RADIUS + 3;
        for (DrawnNode n : viewModel.diagramProperty().get().nodes()) {
            double hx = n.x() + DrawnNode.WIDTH;
            double hy = n.centerY();
            if ((x - hx) * (x - hx) + (y - hy) * (y - hy) <= r * r) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private Optional<DrawnEdge> edgeAt(double viewX, double viewY) {
        return EdgeLayer.edgeAt(viewModel.diagramProperty().get(), toCanvasX(viewX), toCanvasY(viewY), 6 / scale);
    }

    // --- gestures --------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        requestFocus();
        closeKindMenu();
        closeNodeMenu();
        pressX = e.getX();
        pressY = e.getY();
        dragX = pressX;
        dragY = pressY;
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            mode = Mode.PAN;
            return;
        }
        if (e.getButton() == MouseButton.SECONDARY) {
            nodeAt(e.getX(), e.getY()).ifPresent(n -> {
                if (!viewModel.selectionProperty().get().contains(n.id())) {
                    viewModel.select(List.of(n.id()));
                }
            });
            mode = Mode.NONE;
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Optional<DrawnNode> handle = handleAt(e.getX(), e.getY());
        if (handle.isPresent() && (viewModel.selectionProperty().get().contains(handle.get().id())
                || handle.get().id().equals(hovered))) {
            mode = Mode.CONNECT;
            connectFrom = handle.get().id();
            return;
        }
        Optional<DrawnNode> node = nodeAt(e.getX(), e.getY());
        if (node.isPresent()) {
            String id = node.get().id();
            if (e.isShiftDown() || e.isShortcutDown()) {
                viewModel.toggle(id);
            } else if (!viewModel.selectionProperty().get().contains(id)) {
                viewModel.select(List.of(id));
            }
            mode = Mode.MOVE;
            moveStart.clear();
            Map<String, DrawnNode> byId = viewModel.diagramProperty().get().nodesById();
            for (String sel : viewModel.selectionProperty().get()) {
                DrawnNode n = byId.get(sel);
                if (n != null) {
                    moveStart.put(sel, new Point(n.x(), n.y()));
                }
            }
            return;
        }
        Optional<DrawnEdge> edge = edgeAt(e.getX(), e.getY());
        if (edge.isPresent()) {
            if (e.isShiftDown()) {
                viewModel.toggle(edge.get().key());
            } else {
                viewModel.select(List.of(edge.get().key()));
            }
            mode = Mode.NONE;
            return;
        }
        if (!e.isShiftDown()) {
            viewModel.clearSelection();
        }
        mode = Mode.RUBBER;
    }

    private void dragged(MouseEvent e) {
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        dragX = e.getX();
        dragY = e.getY();
        switch (mode) {
            case PAN -> panBy(dx, dy);
            case CONNECT -> {
                Optional<DrawnNode> target = nodeAt(e.getX(), e.getY()).filter(n -> !n.id().equals(connectFrom));
                hoverTarget = target.map(DrawnNode::id).orElse(null);
                hoverAllowed = target.isPresent() && !viewModel.connectionKinds(connectFrom, hoverTarget).isEmpty();
                if (target.isPresent() && !hoverAllowed) {
                    status.accept("Cannot connect: " + viewModel.connectionRefusal(connectFrom, hoverTarget).orElse(""));
                }
                requestRedraw();
            }
            case MOVE, RUBBER -> requestRedraw();
            default -> { }
        }
    }

    private void released(MouseEvent e) {
        Mode was = mode;
        mode = Mode.NONE;
        switch (was) {
            case MOVE -> {
                double dx = (e.getX() - pressX) / scale;
                double dy = (e.getY() - pressY) / scale;
                if (Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5) {
                    Map<String, Point> to = new HashMap<>();
                    moveStart.forEach((id, p) -> to.put(id, new Point(p.x() + dx, p.y() + dy)));
                    viewModel.moveNodes(to);
                }
                moveStart.clear();
                requestRedraw();
            }
            case RUBBER -> {
                double[] r = rubberRect();
                if (r[2] > 2 || r[3] > 2) {
                    viewModel.selectInside(r[0], r[1], r[2], r[3], e.isShiftDown());
                }
                requestRedraw();
            }
            case CONNECT -> finishConnect(e);
            default -> { }
        }
    }

    private void finishConnect(MouseEvent e) {
        String from = connectFrom;
        String to = hoverTarget;
        connectFrom = null;
        hoverTarget = null;
        requestRedraw();
        if (from == null || to == null) {
            return;
        }
        List<String> kinds = viewModel.connectionKinds(from, to);
        if (kinds.isEmpty()) {
            status.accept("Cannot connect: " + viewModel.connectionRefusal(from, to).orElse(""));
        } else if (kinds.size() == 1) {
            viewModel.connect(from, to, kinds.get(0));
        } else {
            kindMenu = new ContextMenu();
            kindMenu.getStyleClass().add("edge-kind-menu");
            for (String kind : kinds) {
                MenuItem item = new MenuItem(kind + " edge");
                item.setId("edge-kind-" + kind);
                item.setOnAction(a -> viewModel.connect(from, to, kind));
                kindMenu.getItems().add(item);
            }
            kindMenu.show(this, e.getScreenX(), e.getScreenY());
        }
    }

    private void closeNodeMenu() {
        if (nodeMenu != null) {
            nodeMenu.hide();
            nodeMenu = null;
        }
    }

    private void closeKindMenu() {
        if (kindMenu != null) {
            kindMenu.hide();
            kindMenu = null;
        }
    }

    private void moved(MouseEvent e) {
        String now = nodeAt(e.getX(), e.getY()).map(DrawnNode::id)
                .or(() -> handleAt(e.getX(), e.getY()).map(DrawnNode::id)).orElse(null);
        if (!java.util.Objects.equals(now, hovered)) {
            hovered = now;
            requestRedraw();
            updateRunTip();
        }
        String edge = now != null ? null : liveEdgeAt(e.getX(), e.getY()).orElse(null);
        if (!java.util.Objects.equals(edge, hoveredEdge)) {
            hoveredEdge = edge;
            updateRunTip();
        }
    }

    /** The edge with live figures under the pointer: on its label, or on its line. */
    private Optional<String> liveEdgeAt(double viewX, double viewY) {
        Map<String, LiveEdge> live = viewModel.liveProperty().get().edges();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        double x = toCanvasX(viewX);
        double y = toCanvasY(viewY);
        Optional<String> onLabel = edgeLayer.liveLabelAt(x, y);
        if (onLabel.isPresent()) {
            return onLabel;
        }
        return edgeAt(viewX, viewY).map(DrawnEdge::key).filter(live::containsKey);
    }

    private void scrolled(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            zoomAt(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, e.getX(), e.getY());
        } else if (e.isShiftDown() && e.getDeltaX() == 0) {
            panBy(e.getDeltaY(), 0);
        } else {
            panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    private void zoomed(ZoomEvent e) {
        zoomAt(e.getZoomFactor(), e.getX(), e.getY());
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        switch (e.getCode()) {
            case SPACE -> spaceDown = true;
            case DELETE, BACK_SPACE -> viewModel.deleteSelection();
            case PLUS, EQUALS, ADD -> zoomBy(1.2);
            case MINUS, SUBTRACT -> zoomBy(1 / 1.2);
            // Ctrl+0 fits, as the View menu and the toolbar say; 0 alone is 100 %.
            case DIGIT0, NUMPAD0 -> {
                if (e.isShortcutDown()) {
                    fitToView();
                } else {
                    setCamera(1, offsetX, offsetY);
                }
            }
            case F -> fitToView();
            case LEFT -> panBy(60, 0);
            case RIGHT -> panBy(-60, 0);
            case UP -> panBy(0, 60);
            case DOWN -> panBy(0, -60);
            case ESCAPE -> {
                mode = Mode.NONE;
                connectFrom = null;
                viewModel.clearSelection();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(DRAG_PREFIX)) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean done = false;
        if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(DRAG_PREFIX)) {
            String kind = e.getDragboard().getString().substring(DRAG_PREFIX.length());
            done = viewModel.addNode(kind, toCanvasX(e.getX()), toCanvasY(e.getY())).isPresent();
        }
        e.setDropCompleted(done);
        e.consume();
    }

    /** Adds a node where the view point is (the palette's click-to-add and tests use it). */
    public void addAt(String kind, double viewX, double viewY) {
        viewModel.addNode(kind, toCanvasX(viewX), toCanvasY(viewY));
    }

    /** The visible area in canvas coordinates. */
    public Bounds visibleCanvasArea() {
        return new javafx.geometry.BoundingBox(toCanvasX(0), toCanvasY(0), getWidth() / scale, getHeight() / scale);
    }

    public Canvas canvas() {
        return canvas;
    }

    private Color borderColour(String kind) {
        return borders.computeIfAbsent(kind, k -> palette.kind(k).deriveColor(0, 1, 1, 0.55));
    }
}
