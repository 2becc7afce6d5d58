package dev.topograph.app.designer.palette;

import dev.topograph.app.designer.canvas.DiagramCanvas;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The node kinds to drag onto the canvas (or click to add in the middle of the view). */
public final class PaletteView extends VBox {
    /** One entry: the kind, its label, icon and what it is for. */
    public record Entry(String kind, String label, String icon, String help) {
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("gateway", "Gateway", "mdi2r-router-network", "Routes path prefixes to services"),
            new Entry("service", "Service", "mdi2c-cube-outline", "A Go microservice with HTTP endpoints"),
            new Entry("queue", "Queue", "mdi2t-tray-full", "NATS, RabbitMQ or Kafka: publish and subscribe"),
            new Entry("cache", "Cache", "mdi2l-lightning-bolt-outline", "Redis or Memcached, cache-aside"),
            new Entry("database", "Database", "mdi2d-database-outline", "PostgreSQL, MySQL or SQLite"));

    public PaletteView(Consumer<String> clickToAdd) {
        getStyleClass().add("palette");
        setSpacing(6);
        setPadding(new Insets(10));
        Label title = new Label("Add");
        title.getStyleClass().add("palette-title");
        getChildren().add(title);
        for (Entry e : ENTRIES) {
            FontIcon icon = new FontIcon(e.icon());
            icon.getStyleClass().addAll("palette-icon", "kind-" + e.kind());
            Label label = new Label(e.label());
            HBox tile = new HBox(10, icon, label);
            tile.setId("palette-" + e.kind());
            tile.getStyleClass().addAll("palette-tile");
            tile.setAlignment(Pos.CENTER_LEFT);
            tile.setPadding(new Insets(8, 12, 8, 10));
            Tooltip.install(tile, new Tooltip(e.help() + "\nDrag onto the canvas, or click to add."));
            tile.setOnDragDetected(ev -> {
                Dragboard board = tile.startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.putString(DiagramCanvas.DRAG_PREFIX + e.kind());
                board.setContent(content);
                ev.consume();
            });
            tile.setOnMouseClicked(ev -> clickToAdd.accept(e.kind()));
            getChildren().add(tile);
        }
    }
}
