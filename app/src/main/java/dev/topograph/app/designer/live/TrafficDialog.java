package dev.topograph.app.designer.live;

import dev.topograph.app.designer.inspector.InspectorView;
import dev.topograph.app.designer.live.TrafficViewModel.Phase;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Send traffic": a window beside the drawing (not modal, so the user watches the load arrive on
 * the canvas while it goes out). The plan's fields with their reasons in place, Send, then a
 * progress bar with Cancel, then the summary. Closing it leaves traffic going; the status line
 * tells the summary when it ends.
 */
public final class TrafficDialog {
    public static final String STYLE = "traffic-dialog";
    public static final String SUMMARY = "traffic-summary";
    private static final ButtonType SEND = new ButtonType("Send", ButtonBar.ButtonData.OK_DONE);
    private static final ButtonType CANCEL = new ButtonType("Cancel sending", ButtonBar.ButtonData.OTHER);
    private static final ButtonType CLOSE = new ButtonType("Close", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final TrafficViewModel viewModel;
    private final Dialog<Void> dialog = new Dialog<>();

    public TrafficDialog(TrafficViewModel viewModel, Window owner) {
        this.viewModel = viewModel;
        dialog.setTitle("Send traffic");
        dialog.setHeaderText("Send requests through the gateway at a steady rate");
        dialog.initModality(Modality.NONE);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setResizable(true);
        var pane = dialog.getDialogPane();
        pane.setId("traffic-dialog");
        // A window of its own: the designer's tokens and styles come with it.
        pane.getStyleClass().addAll("designer", STYLE);
        pane.getStylesheets().add(TrafficDialog.class.getResource("/dev/topograph/app/designer/app.css")
                .toExternalForm());
        pane.getButtonTypes().setAll(SEND, CANCEL, CLOSE);
        pane.setContent(content());
        pane.setPrefWidth(560);

        Button send = (Button) pane.lookupButton(SEND);
        send.setId("traffic-send");
        send.setGraphic(new FontIcon("mdi2s-send"));
        send.disableProperty().bind(viewModel.canSendProperty().not());
        send.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            viewModel.send();
        });
        Button cancel = (Button) pane.lookupButton(CANCEL);
        cancel.setId("traffic-cancel");
        cancel.visibleProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.SENDING));
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            viewModel.cancel();
        });
        ((Button) pane.lookupButton(CLOSE)).setId("traffic-close");
        // The progress and the summary come and go: the window grows and shrinks with them.
        viewModel.phaseProperty().addListener((o, old, now) -> fit());
        for (var error : java.util.List.of(viewModel.gatewayErrorProperty(), viewModel.pathErrorProperty(),
                viewModel.bodyErrorProperty(), viewModel.rateErrorProperty(), viewModel.secondsErrorProperty())) {
            error.addListener((o, old, now) -> {
                if (old.isEmpty() != now.isEmpty()) {
                    fit();
                }
            });
        }
        dialog.setResultConverter(button -> null);
    }

    /** Shows the window (or brings it forward), with the running design's routes. */
    public void show() {
        viewModel.open();
        if (dialog.isShowing()) {
            ((javafx.stage.Stage) dialog.getDialogPane().getScene().getWindow()).toFront();
        } else {
            dialog.show();
        }
    }

    private void fit() {
        Window window = dialog.getDialogPane().getScene() == null ? null : dialog.getDialogPane().getScene().getWindow();
        if (window != null && window.isShowing()) {
            window.sizeToScene();
        }
    }

    private Node content() {
        Label problem = error(viewModel.gatewayErrorProperty());
        problem.setId("traffic-gateway-error");

        ComboBox<String> gateway = new ComboBox<>();
        gateway.setId("traffic-gateway");
        gateway.itemsProperty().bind(Bindings.createObjectBinding(
                () -> javafx.collections.FXCollections.observableArrayList(viewModel.gatewaysProperty().get()),
                viewModel.gatewaysProperty()));
        gateway.valueProperty().bindBidirectional(viewModel.gatewayProperty());

        ComboBox<String> path = new ComboBox<>();
        path.setId("traffic-path");
        path.setEditable(true);
        path.setMaxWidth(Double.MAX_VALUE);
        path.itemsProperty().bind(Bindings.createObjectBinding(
                () -> javafx.collections.FXCollections.observableArrayList(viewModel.routesProperty().get()),
                viewModel.routesProperty()));
        path.getEditor().textProperty().bindBidirectional(viewModel.pathProperty());
        path.valueProperty().addListener((o, old, now) -> {
            if (now != null) {
                viewModel.pathProperty().set(now);
            }
        });
        Label destination = new Label();
        destination.getStyleClass().add(InspectorView.HINT);
        destination.textProperty().bind(viewModel.destinationProperty());

        ComboBox<String> method = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                TrafficViewModel.METHODS));
        method.setId("traffic-method");
        method.valueProperty().bindBidirectional(viewModel.methodProperty());

        TextArea body = new TextArea();
        body.setId("traffic-body");
        body.setPrefRowCount(3);
        body.setWrapText(true);
        body.setPromptText("{\"sku\": \"a\", \"quantity\": 1}");
        body.textProperty().bindBidirectional(viewModel.bodyProperty());

        TextField rate = new TextField();
        rate.setId("traffic-rate");
        rate.setPrefColumnCount(7);
        rate.textProperty().bindBidirectional(viewModel.rateProperty());
        TextField seconds = new TextField();
        seconds.setId("traffic-seconds");
        seconds.setPrefColumnCount(7);
        seconds.textProperty().bindBidirectional(viewModel.secondsProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        int row = 0;
        Node gatewayRow = field(form, row++, "Gateway", gateway, null, null);
        gatewayRow.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.gatewaysProperty().get().size() > 1,
                viewModel.gatewaysProperty()));
        field(form, row++, "Path", path, viewModel.pathErrorProperty(), destination);
        field(form, row++, "Method", method, null, null);
        field(form, row++, "JSON body", body, viewModel.bodyErrorProperty(), null);
        field(form, row++, "Rate", withUnit(rate, "requests a second"), viewModel.rateErrorProperty(), null);
        field(form, row++, "Duration", withUnit(seconds, "seconds"), viewModel.secondsErrorProperty(), null);
        for (TextInputControl input : new TextInputControl[] {path.getEditor(), body, rate, seconds}) {
            input.disableProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.SENDING));
        }
        method.disableProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.SENDING));
        path.disableProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.SENDING));
        gateway.disableProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.SENDING));

        ProgressBar progress = new ProgressBar();
        progress.setId("traffic-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(viewModel.progressProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label progressText = new Label();
        progressText.setId("traffic-progress-text");
        progressText.textProperty().bind(viewModel.progressTextProperty());
        HBox progressRow = new HBox(10, progress, progressText);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(viewModel.phaseProperty().isNotEqualTo(Phase.EDITING));
        progressRow.managedProperty().bind(progressRow.visibleProperty());

        Label summary = new Label();
        summary.setId("traffic-summary");
        summary.getStyleClass().add(SUMMARY);
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty().bind(viewModel.summaryProperty());
        viewModel.summaryProblemProperty().addListener((o, old, now) ->
                summary.pseudoClassStateChanged(InspectorView.INVALID, now));
        Label codes = new Label();
        codes.setId("traffic-codes");
        codes.setWrapText(true);
        codes.textProperty().bind(viewModel.statusCodesProperty());
        VBox result = new VBox(4, summary, codes);
        result.visibleProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.DONE));
        result.managedProperty().bind(result.visibleProperty());

        VBox content = new VBox(12, problem, form, progressRow, result);
        content.setPrefWidth(520);
        return content;
    }

    private static Node withUnit(Node input, String unit) {
        Label label = new Label(unit);
        label.getStyleClass().add(InspectorView.FIELD_LABEL);
        HBox box = new HBox(8, input, label);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** A labelled row of the form, with its error under the control (and an optional note beside it). */
    private static Node field(GridPane form, int row, String name, Node control, ReadOnlyStringProperty error, Node note) {
        Label label = new Label(name);
        label.getStyleClass().add(InspectorView.FIELD_LABEL);
        label.setMinWidth(80);
        VBox column = new VBox(4, control);
        if (note != null) {
            column.getChildren().add(note);
        }
        if (error != null) {
            column.getChildren().add(error(error));
        }
        GridPane.setHgrow(column, Priority.ALWAYS);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        label.setPadding(new javafx.geometry.Insets(6, 0, 0, 0));
        form.addRow(row, label, column);
        label.visibleProperty().bind(column.visibleProperty());
        label.managedProperty().bind(column.visibleProperty());
        column.managedProperty().bind(column.visibleProperty());
        return column;
    }

    private static Label error(ReadOnlyStringProperty error) {
        Label message = new Label();
        message.getStyleClass().add(InspectorView.FIELD_ERROR);
        message.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(error);
        message.visibleProperty().bind(error.isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }
}
