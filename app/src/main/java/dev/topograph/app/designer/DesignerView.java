package dev.topograph.app.designer;

import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.geometry.Orientation;

/** The designer window's content: the drawing, the Problems panel and a status line. */
public final class DesignerView {
    private static final Map<String, Color> KIND_COLOURS = Map.of(
            "gateway", Color.web("#6d28d9"),
            "service", Color.web("#2563eb"),
            "queue", Color.web("#d97706"),
            "cache", Color.web("#dc2626"),
            "database", Color.web("#059669"));

    private final DesignerViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final Canvas canvas = new Canvas();

    public DesignerView(DesignerViewModel viewModel) {
        this.viewModel = viewModel;
        Pane canvasHolder = new Pane(canvas);
        canvasHolder.setStyle("-fx-background-color: #f8fafc;");
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());

        ListView<ProblemItem> problems = new ListView<>();
        problems.setId("problems");
        viewModel.problemsProperty().addListener((o, old, now) -> problems.getItems().setAll(now));

        SplitPane split = new SplitPane(canvasHolder, problems);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.78);
        root.setCenter(split);

        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(viewModel.statusProperty());
        status.setPadding(new Insets(4, 8, 4, 8));
        root.setBottom(status);

        viewModel.nodesProperty().addListener(o -> redraw());
    }

    public Parent root() {
        return root;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#f8fafc"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.save();
        fitToView(g);
        for (DrawnContext c : viewModel.contextsProperty().get()) {
            g.setFill(Color.web("#e2e8f0", 0.55));
            g.fillRoundRect(c.x(), c.y(), c.width(), c.height(), 18, 18);
            g.setStroke(Color.web("#94a3b8"));
            g.setLineDashes(6, 4);
            g.strokeRoundRect(c.x(), c.y(), c.width(), c.height(), 18, 18);
            g.setLineDashes();
            g.setFill(Color.web("#475569"));
            g.setFont(Font.font("System", FontWeight.BOLD, 13));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(c.name(), c.x() + 10, c.y() + 8);
        }
        for (DrawnEdge e : viewModel.edgesProperty().get()) {
            drawEdge(g, e);
        }
        for (DrawnNode n : viewModel.nodesProperty().get()) {
            drawNode(g, n);
        }
        g.restore();
    }

    /** Scales the drawing down (never up) so that every node and context is in view. */
    private void fitToView(GraphicsContext g) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (DrawnNode n : viewModel.nodesProperty().get()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + DrawnNode.WIDTH);
            maxY = Math.max(maxY, n.y() + DrawnNode.HEIGHT);
        }
        for (DrawnContext c : viewModel.contextsProperty().get()) {
            minX = Math.min(minX, c.x());
            minY = Math.min(minY, c.y());
            maxX = Math.max(maxX, c.x() + c.width());
            maxY = Math.max(maxY, c.y() + c.height());
        }
        if (minX > maxX) {
            return;
        }
        double margin = 24;
        double scale = Math.min(1, Math.min((canvas.getWidth() - 2 * margin) / (maxX - minX),
                (canvas.getHeight() - 2 * margin) / (maxY - minY)));
        g.translate(margin, margin);
        g.scale(scale, scale);
        g.translate(-minX, -minY);
    }

    private static void drawEdge(GraphicsContext g, DrawnEdge e) {
        g.setStroke(e.synchronous() ? Color.web("#334155") : Color.web("#b45309"));
        g.setLineWidth(1.6);
        if (!e.synchronous()) {
            g.setLineDashes(7, 5);
        }
        g.strokeLine(e.x1(), e.y1(), e.x2(), e.y2());
        g.setLineDashes();
        double angle = Math.atan2(e.y2() - e.y1(), e.x2() - e.x1());
        double tipX = (e.x1() + e.x2()) / 2;
        double tipY = (e.y1() + e.y2()) / 2;
        g.setFill(g.getStroke());
        g.fillPolygon(new double[] {tipX + 8 * Math.cos(angle), tipX + 8 * Math.cos(angle + 2.5), tipX + 8 * Math.cos(angle - 2.5)},
                new double[] {tipY + 8 * Math.sin(angle), tipY + 8 * Math.sin(angle + 2.5), tipY + 8 * Math.sin(angle - 2.5)}, 3);
        g.setFont(Font.font("System", 11));
        g.setFill(Color.web("#475569"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(e.label(), tipX, tipY - 6);
    }

    private static void drawNode(GraphicsContext g, DrawnNode n) {
        Color colour = KIND_COLOURS.getOrDefault(n.kind(), Color.GRAY);
        g.setFill(Color.WHITE);
        g.fillRoundRect(n.x(), n.y(), DrawnNode.WIDTH, DrawnNode.HEIGHT, 12, 12);
        g.setFill(colour);
        g.fillRoundRect(n.x(), n.y(), 6, DrawnNode.HEIGHT, 6, 6);
        g.setStroke(n.hasError() ? Color.web("#dc2626") : n.hasWarning() ? Color.web("#d97706") : colour.deriveColor(0, 1, 1, 0.6));
        g.setLineWidth(n.hasError() || n.hasWarning() ? 2.2 : 1.2);
        g.strokeRoundRect(n.x(), n.y(), DrawnNode.WIDTH, DrawnNode.HEIGHT, 12, 12);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFill(Color.web("#0f172a"));
        g.setFont(Font.font("System", FontWeight.BOLD, 13));
        g.fillText(n.id(), n.x() + 14, n.y() + 9, DrawnNode.WIDTH - 20);
        g.setFill(Color.web("#64748b"));
        g.setFont(Font.font("System", 11));
        g.fillText(n.kind() + "  " + n.detail(), n.x() + 14, n.y() + 31, DrawnNode.WIDTH - 20);
    }
}
