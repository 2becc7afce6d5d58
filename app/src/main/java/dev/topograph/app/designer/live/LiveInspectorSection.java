package dev.topograph.app.designer.live;

import dev.topograph.app.designer.inspector.InspectorView;
import dev.topograph.app.designer.run.RunTones;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inspector's Live section, shown while the selected service or gateway runs: its figures of
 * the last round, its health in its colour, and its two warning thresholds, which recolour the
 * drawing as soon as they are committed (Enter or leaving the field; Escape puts the old one back).
 */
public final class LiveInspectorSection extends VBox {
    public static final String STYLE = "live-section";
    public static final String FIGURE = "live-figure";
    public static final String HEALTH = "live-health";
    public static final String UNIT = "live-unit";
    private static final double LABEL_WIDTH = 96;

    public LiveInspectorSection(LiveInspectorViewModel viewModel) {
        super(8);
        getStyleClass().add(STYLE);
        setId("inspector-live");
        visibleProperty().bind(viewModel.showingProperty());
        managedProperty().bind(visibleProperty());

        Label title = new Label("Live", new FontIcon("mdi2h-heart-pulse"));
        title.getStyleClass().add(InspectorView.SECTION_TITLE);

        GridPane figures = new GridPane();
        figures.setHgap(8);
        figures.setVgap(4);
        figure(figures, 0, "Requests", "live-rate", viewModel.rateProperty());
        figure(figures, 1, "Server errors", "live-errors", viewModel.errorsProperty());
        figure(figures, 2, "p95 latency", "live-p95", viewModel.p95Property());
        figure(figures, 3, "Goroutines", "live-goroutines", viewModel.goroutinesProperty());
        figure(figures, 4, "Memory", "live-memory", viewModel.memoryProperty());

        Label health = new Label();
        health.setId("live-health");
        health.getStyleClass().add(HEALTH);
        health.setWrapText(true);
        health.setMinHeight(Region.USE_PREF_SIZE);
        health.textProperty().bind(viewModel.healthProperty());
        FontIcon dot = new FontIcon("mdi2c-circle");
        dot.getStyleClass().add(HEALTH);
        health.setGraphic(dot);
        viewModel.healthToneProperty().addListener((o, old, now) -> {
            RunTones.apply(health, now);
            RunTones.apply(dot, now);
        });
        RunTones.apply(health, viewModel.healthToneProperty().get());
        RunTones.apply(dot, viewModel.healthToneProperty().get());

        Label thresholds = new Label("Warn above");
        thresholds.getStyleClass().add(InspectorView.SECTION_TITLE);
        Label hint = new Label("Amber above these, red at 5× them. Kept while the designer is open, not saved"
                + " in the design.", new FontIcon("mdi2i-information-outline"));
        hint.getStyleClass().add(InspectorView.HINT);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        getChildren().addAll(title, figures, health, thresholds,
                thresholdRow("p95 latency", "live-p95-warn", "ms", viewModel.p95WarnMs()),
                thresholdRow("Server errors", "live-errors-warn", "%", viewModel.errorWarnPercent()), hint);
    }

    private static void figure(GridPane grid, int row, String name, String id, ReadOnlyStringProperty value) {
        Label label = new Label(name);
        label.getStyleClass().add(InspectorView.FIELD_LABEL);
        label.setMinWidth(LABEL_WIDTH);
        Label text = new Label();
        text.setId(id);
        text.getStyleClass().add(FIGURE);
        text.textProperty().bind(value);
        grid.addRow(row, label, text);
    }

    private static Node thresholdRow(String name, String id, String unit, ThresholdField field) {
        Label label = new Label(name);
        label.getStyleClass().add(InspectorView.FIELD_LABEL);
        label.setMinWidth(LABEL_WIDTH);
        label.setPrefWidth(LABEL_WIDTH);
        TextField input = new TextField();
        input.setId(id);
        input.setPrefColumnCount(6);
        input.textProperty().bindBidirectional(field.textProperty());
        input.setOnAction(e -> field.commit());
        input.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                field.commit();
            }
        });
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.revert();
                e.consume();
            }
        });
        field.errorProperty().addListener((o, old, now) ->
                input.pseudoClassStateChanged(InspectorView.INVALID, !now.isEmpty()));
        label.minHeightProperty().bind(input.heightProperty());
        label.setAlignment(Pos.CENTER_LEFT);
        Label units = new Label(unit);
        units.getStyleClass().add(UNIT);
        units.minHeightProperty().bind(input.heightProperty());
        HBox line = new HBox(6, input, units);
        line.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.getStyleClass().add(InspectorView.FIELD_ERROR);
        error.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(field.errorProperty());
        error.visibleProperty().bind(field.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox column = new VBox(4, line, error);
        HBox.setHgrow(column, Priority.ALWAYS);
        HBox row = new HBox(8, label, column);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }
}
