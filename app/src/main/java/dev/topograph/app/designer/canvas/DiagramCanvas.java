package dev.topograph.app.designer.canvas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The drawing: a single Canvas redrawn from the {@link Diagram} snapshot. It culls what is out
 * of view and leaves out labels too small to read (level of detail), so large designs pan and
 * zoom smoothly. Every gesture ends as one call on the {@link CanvasViewModel}.
 */
public final class DiagramCanvas extends Region {
    /** The data format a palette drag carries: the node kind to add. */
    public static final String DRAG_PREFIX = "topograph-kind:";
    public static final double MIN_SCALE = 0.1;
    public static final double MAX_SCALE = 3;
    private static final double LABEL_SCALE = 0.45;
    private static final double HANDLE_RADIUS = 7;
    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 13);
    private static final Font SMALL = Font.font("System", 11);
    private static final Font CONTEXT = Font.font("System", FontWeight.BOLD, 13);

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

    public DiagramCanvas(CanvasViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("diagram-canvas");
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(200, 200);
        viewModel.diagramProperty().addListener(o -> redraw());
        viewModel.selectionProperty().addListener(o -> redraw());
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

    /** Where the canvas reports what a gesture could not do. */
    public void onStatus(Consumer<String> sink) {
        this.status = sink;
    }

    public void setPalette(CanvasPalette palette) {
        this.palette = palette;
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
        redraw();
    }

    public void zoomBy(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    public void panBy(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
        redraw();
    }

    /** Sets zoom and pan outright (benchmarks and tests). */
    public void setCamera(double newScale, double newOffsetX, double newOffsetY) {
        scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, newScale));
        offsetX = newOffsetX;
        offsetY = newOffsetY;
        redraw();
    }

    /** Shows the whole design, never enlarged beyond 100 %. */
    public void fitToView() {
        Diagram d = viewModel.diagramProperty().get();
        double[] b = bounds(d);
        if (b == null || getWidth() <= 0) {
            scale = 1;
            offsetX = 0;
            offsetY = 0;
            redraw();
            return;
        }
        double margin = 40;
        scale = Math.max(MIN_SCALE, Math.min(1, Math.min((getWidth() - 2 * margin) / (b[2] - b[0]),
                (getHeight() - 2 * margin) / (b[3] - b[1]))));
        offsetX = (getWidth() - (b[2] - b[0]) * scale) / 2 - b[0] * scale;
        offsetY = (getHeight() - (b[3] - b[1]) * scale) / 2 - b[1] * scale;
        redraw();
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
        redraw();
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw();
        }
    }

    // --- drawing ---------------------------------------------------------------------------

    /** Draws the current snapshot; cheap enough to call on every event. */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        drawGrid(g, w, h);
        Diagram d = viewModel.diagramProperty().get();
        Set<String> selected = viewModel.selectionProperty().get();
        double left = -offsetX / scale;
        double top = -offsetY / scale;
        double right = left + w / scale;
        double bottom = top + h / scale;
        boolean labels = scale >= LABEL_SCALE;

        g.save();
        g.translate(offsetX, offsetY);
        g.scale(scale, scale);
        for (DrawnContext c : d.contexts()) {
            if (c.x() > right || c.y() > bottom || c.x() + c.width() < left || c.y() + c.height() < top) {
                continue;
            }
            g.setFill(palette.contextFill());
            g.fillRoundRect(c.x(), c.y(), c.width(), c.height(), 22, 22);
            g.setStroke(palette.contextStroke());
            g.setLineWidth(1.2 / scale);
            g.setLineDashes(8 / scale, 5 / scale);
            g.strokeRoundRect(c.x(), c.y(), c.width(), c.height(), 22, 22);
            g.setLineDashes();
            if (labels) {
                g.setFill(palette.contextText());
                g.setFont(CONTEXT);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.TOP);
                g.fillText(c.name(), c.x() + 12, c.y() + 10);
            }
        }
        Map<String, DrawnNode> byId = d.nodesById();
        g.setLineCap(StrokeLineCap.ROUND);
        for (DrawnEdge e : d.edges()) {
            DrawnNode a = byId.get(e.from());
            DrawnNode b = byId.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            double minX = Math.min(a.x(), b.x());
            double maxX = Math.max(a.x(), b.x()) + DrawnNode.WIDTH;
            double minY = Math.min(a.y(), b.y());
            double maxY = Math.max(a.y(), b.y()) + DrawnNode.HEIGHT;
            if (minX > right || minY > bottom || maxX < left || maxY < top) {
                continue;
            }
            drawEdge(g, e, a, b, selected.contains(e.key()), labels);
        }
        for (DrawnNode n : d.nodes()) {
            if (n.x() > right || n.y() > bottom || n.x() + DrawnNode.WIDTH < left || n.y() + DrawnNode.HEIGHT < top) {
                continue;
            }
            drawNode(g, n, selected.contains(n.id()), labels);
        }
        drawGesture(g, d);
        g.restore();
    }

    private void drawGrid(GraphicsContext g, double w, double h) {
        double step = CanvasViewModel.GRID * scale;
        if (step < 12) {
            return;
        }
        g.setFill(palette.grid());
        double startX = offsetX % step;
        double startY = offsetY % step;
        double dot = Math.max(1, scale);
        for (double x = startX; x < w; x += step) {
            for (double y = startY; y < h; y += step) {
                g.fillRect(x, y, dot, dot);
            }
        }
    }

    private void drawEdge(GraphicsContext g, DrawnEdge e, DrawnNode a, DrawnNode b, boolean selected, boolean labels) {
        double[] p1 = border(a, b.centerX(), b.centerY());
        double[] p2 = border(b, a.centerX(), a.centerY());
        Color colour = e.marker() == Marker.ERROR ? palette.danger()
                : e.marker() == Marker.WARNING ? palette.warn()
                : e.synchronous() ? palette.edgeSync() : palette.edgeAsync();
        if (selected) {
            g.setStroke(palette.selection());
            g.setLineWidth(6 / scale + 2);
            g.strokeLine(p1[0], p1[1], p2[0], p2[1]);
        }
        g.setStroke(colour);
        g.setLineWidth(1.6);
        if (!e.synchronous()) {
            g.setLineDashes(7, 5);
        }
        g.strokeLine(p1[0], p1[1], p2[0], p2[1]);
        g.setLineDashes();
        double angle = Math.atan2(p2[1] - p1[1], p2[0] - p1[0]);
        double size = 9;
        g.setFill(colour);
        g.fillPolygon(
                new double[] {p2[0], p2[0] - size * Math.cos(angle - 0.4), p2[0] - size * Math.cos(angle + 0.4)},
                new double[] {p2[1], p2[1] - size * Math.sin(angle - 0.4), p2[1] - size * Math.sin(angle + 0.4)}, 3);
        if (labels && !e.label().isEmpty()) {
            double mx = (p1[0] + p2[0]) / 2;
            double my = (p1[1] + p2[1]) / 2;
            g.setFont(SMALL);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            double width = e.label().length() * 6.2 + 8;
            g.setFill(palette.background());
            g.fillRoundRect(mx - width / 2, my - 8, width, 16, 8, 8);
            g.setFill(palette.edgeText());
            g.fillText(e.label(), mx, my);
        }
    }

    /** Where the line from the node's centre towards (tx, ty) leaves its box. */
    private static double[] border(DrawnNode n, double tx, double ty) {
        double cx = n.centerX();
        double cy = n.centerY();
        double dx = tx - cx;
        double dy = ty - cy;
        if (dx == 0 && dy == 0) {
            return new double[] {cx, cy};
        }
        double sx = dx == 0 ? Double.MAX_VALUE : (DrawnNode.WIDTH / 2) / Math.abs(dx);
        double sy = dy == 0 ? Double.MAX_VALUE : (DrawnNode.HEIGHT / 2) / Math.abs(dy);
        double s = Math.min(sx, sy);
        return new double[] {cx + dx * s, cy + dy * s};
    }

    private void drawNode(GraphicsContext g, DrawnNode n, boolean selected, boolean labels) {
        double x = n.x();
        double y = n.y();
        if (mode == Mode.MOVE && moveStart.containsKey(n.id())) {
            Point start = moveStart.get(n.id());
            x = start.x() + (dragX - pressX) / scale;
            y = start.y() + (dragY - pressY) / scale;
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
        Color border = n.marker() == Marker.ERROR ? palette.danger()
                : n.marker() == Marker.WARNING ? palette.warn()
                : selected ? palette.selection() : kind.deriveColor(0, 1, 1, 0.55);
        g.setStroke(border);
        g.setLineWidth(n.marker() != Marker.NONE || selected ? 2.2 : 1.2);
        if (connectFrom != null && n.id().equals(hoverTarget)) {
            g.setStroke(hoverAllowed ? palette.ok() : palette.danger());
            g.setLineWidth(3);
        }
        g.strokeRoundRect(x, y, DrawnNode.WIDTH, DrawnNode.HEIGHT, 12, 12);
        if (labels) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.setFill(palette.nodeText());
            g.setFont(TITLE);
            g.fillText(n.id(), x + 16, y + 10, DrawnNode.WIDTH - 40);
            g.setFill(palette.nodeMuted());
            g.setFont(SMALL);
            g.fillText(n.kind() + "  " + n.detail(), x + 16, y + 33, DrawnNode.WIDTH - 24);
        }
        if (n.marker() != Marker.NONE) {
            g.setFill(n.marker() == Marker.ERROR ? palette.danger() : palette.warn());
            g.fillOval(x + DrawnNode.WIDTH - 20, y + 8, 12, 12);
            if (labels) {
                g.setFill(Color.WHITE);
                g.setFont(Font.font("System", FontWeight.BOLD, 10));
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                g.fillText("!", x + DrawnNode.WIDTH - 14, y + 14.5);
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

    private static double[] bounds(Diagram d) {
        if (d.nodes().isEmpty()) {
            return null;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (DrawnNode n : d.nodes()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + DrawnNode.WIDTH);
            maxY = Math.max(maxY, n.y() + DrawnNode.HEIGHT);
        }
        for (DrawnContext c : d.contexts()) {
            minX = Math.min(minX, c.x());
            minY = Math.min(minY, c.y());
            maxX = Math.max(maxX, c.x() + c.width());
            maxY = Math.max(maxY, c.y() + c.height());
        }
        return new double[] {minX, minY, maxX, maxY};
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
        double x = toCanvasX(viewX);
        double y = toCanvasY(viewY);
        Diagram d = viewModel.diagramProperty().get();
        double tolerance = 6 / scale;
        for (DrawnEdge e : d.edges()) {
            DrawnNode a = d.nodesById().get(e.from());
            DrawnNode b = d.nodesById().get(e.to());
            if (a != null && b != null && distance(x, y, a.centerX(), a.centerY(), b.centerX(), b.centerY()) <= tolerance) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static double distance(double px, double py, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len));
        double cx = x1 + t * dx;
        double cy = y1 + t * dy;
        return Math.hypot(px - cx, py - cy);
    }

    // --- gestures --------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        requestFocus();
        closeKindMenu();
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
                redraw();
            }
            case MOVE, RUBBER -> redraw();
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
                redraw();
            }
            case RUBBER -> {
                double[] r = rubberRect();
                if (r[2] > 2 || r[3] > 2) {
                    viewModel.selectInside(r[0], r[1], r[2], r[3], e.isShiftDown());
                }
                redraw();
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
        redraw();
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
            redraw();
        }
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
            case DIGIT0, NUMPAD0 -> setCamera(1, offsetX, offsetY);
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
}
