package dev.topograph.app.designer.traces;

import dev.topograph.app.traces.TraceFilter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Traces panel: filters on top; below, the recent traces, the selected trace's waterfall (a
 * bar per span, indented by depth; choosing one selects its node on the canvas) and the log lines
 * that carry its trace id.
 */
public final class TracesView extends BorderPane {
    public static final String STYLE = "traces";
    public static final String BAR = "traces-bar";
    public static final String SUMMARY = "traces-summary";
    public static final String SPAN_BAR = "trace-span-bar";
    public static final String SPAN_ERROR = "trace-span-error";
    public static final String SPAN_NAME = "trace-span-name";
    public static final String SPAN_TIME = "trace-span-time";
    public static final String ERROR_TEXT = "traces-error";
    private static final double NAME_WIDTH = 230;
    private static final double INDENT = 12;

    public TracesView(TracesViewModel viewModel) {
        getStyleClass().add(STYLE);
        setId("traces");

        ComboBox<String> node = new ComboBox<>();
        node.setId("traces-node");
        node.setPrefWidth(150);
        node.itemsProperty().bind(Bindings.createObjectBinding(
                () -> FXCollections.observableArrayList(viewModel.nodesProperty().get()), viewModel.nodesProperty()));
        node.valueProperty().bindBidirectional(viewModel.nodeProperty());
        node.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? "every node" : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        TextField route = new TextField();
        route.setId("traces-route");
        route.setPromptText("route, e.g. /orders");
        route.setPrefColumnCount(12);
        route.textProperty().bindBidirectional(viewModel.routeProperty());
        ComboBox<TraceFilter.Status> status = new ComboBox<>(FXCollections.observableArrayList(TraceFilter.Status.values()));
        status.setId("traces-status");
        status.valueProperty().bindBidirectional(viewModel.statusProperty());
        status.setConverter(new StringConverter<>() {
            @Override
            public String toString(TraceFilter.Status s) {
                return s == null || s == TraceFilter.Status.ANY ? "any status" : s == TraceFilter.Status.OK ? "ok" : "errors";
            }

            @Override
            public TraceFilter.Status fromString(String s) {
                return TraceFilter.Status.ANY;
            }
        });
        TextField min = new TextField();
        min.setId("traces-min");
        min.setPromptText("≥ ms");
        min.setPrefColumnCount(5);
        min.textProperty().addListener((o, old, now) -> {
            try {
                viewModel.minMillisProperty().set(now.isBlank() ? 0 : Double.parseDouble(now.strip()));
            } catch (NumberFormatException e) {
                // half-typed: the filter keeps the last number
            }
        });
        Label count = new Label();
        count.textProperty().bind(Bindings.size(viewModel.rows()).asString("%d traces"));
        HBox bar = new HBox(8, new Label("Traces through"), node, new Label("on"), route, status,
                new Label("taking at least"), min, new Label("ms"), spacer(), count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(BAR);
        setTop(bar);

        TableView<TraceRow> table = traceTable(viewModel);
        VBox waterfall = waterfall(viewModel);
        ListView<String> logs = new ListView<>(viewModel.logLines());
        logs.setId("traces-logs");
        logs.setPlaceholder(new Label("No log line carries this trace's id"));
        SplitPane detail = new SplitPane(waterfall, logs);
        detail.setOrientation(Orientation.VERTICAL);
        detail.setDividerPositions(0.72);
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.46);
        setCenter(split);
    }

    private static TableView<TraceRow> traceTable(TracesViewModel viewModel) {
        TableView<TraceRow> table = new TableView<>(viewModel.rows());
        table.setId("traces-table");
        table.setPlaceholder(new Label("No traces yet: run the design and send it some requests"));
        table.getColumns().add(column("Start", 104, TraceRow::start));
        table.getColumns().add(column("Route", 128, TraceRow::route));
        TableColumn<TraceRow, String> time = column("Time", 70,
                r -> String.format(Locale.ROOT, r.millis() >= 100 ? "%.0f ms" : "%.1f ms", r.millis()));
        time.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(time);
        table.getColumns().add(column("Spans", 50, r -> String.valueOf(r.spans())));
        TableColumn<TraceRow, String> state = column("Status", 62, r -> r.error() ? "error" : "ok");
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove(ERROR_TEXT);
                if (!empty && "error".equals(item)) {
                    getStyleClass().add(ERROR_TEXT);
                }
            }
        });
        table.getColumns().add(state);
        table.getColumns().add(column("Slowest hop", 210, TraceRow::slowestHop));
        table.getColumns().add(column("Nodes", 260, TraceRow::nodes));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null) {
                viewModel.selectedProperty().set(now);
            }
        });
        viewModel.selectedProperty().addListener((o, old, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
                table.scrollTo(Math.max(0, table.getSelectionModel().getSelectedIndex() - 2));
            }
        });
        return table;
    }

    private static TableColumn<TraceRow, String> column(String title, double width,
            java.util.function.Function<TraceRow, String> value) {
        TableColumn<TraceRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    private static VBox waterfall(TracesViewModel viewModel) {
        Label summary = new Label();
        summary.setId("traces-summary");
        summary.getStyleClass().add(SUMMARY);
        summary.textProperty().bind(Bindings.createStringBinding(() -> viewModel.summaryProperty().get().isEmpty()
                ? "Choose a trace to see its spans" : viewModel.summaryProperty().get(), viewModel.summaryProperty()));
        ListView<SpanBar> spans = new ListView<>();
        spans.setId("traces-waterfall");
        spans.itemsProperty().bind(Bindings.createObjectBinding(
                () -> FXCollections.observableArrayList(viewModel.waterfallProperty().get()),
                viewModel.waterfallProperty()));
        spans.setCellFactory(l -> new SpanCell());
        spans.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null) {
                viewModel.selectSpan(now);
            }
        });
        VBox.setVgrow(spans, Priority.ALWAYS);
        VBox box = new VBox(4, summary, spans);
        return box;
    }

    /** One span: its name indented by depth, a bar where it lies in the trace's time, its time. */
    private static final class SpanCell extends ListCell<SpanBar> {
        private final Label name = new Label();
        private final Region bar = new Region();
        private final Pane track = new Pane(bar);
        private final Label time = new Label();
        private final HBox row = new HBox(6, name, track, time);
        private final Tooltip tip = new Tooltip();
        private SpanBar shown;

        SpanCell() {
            setPrefWidth(0); // as wide as the list, never wider: the bars scale, the list does not scroll sideways
            name.getStyleClass().add(SPAN_NAME);
            name.setMinWidth(NAME_WIDTH);
            name.setPrefWidth(NAME_WIDTH);
            name.setMaxWidth(NAME_WIDTH);
            time.getStyleClass().add(SPAN_TIME);
            time.setMinWidth(64);
            time.setAlignment(Pos.CENTER_RIGHT);
            bar.getStyleClass().add(SPAN_BAR);
            bar.setManaged(false);
            HBox.setHgrow(track, Priority.ALWAYS);
            track.setMinWidth(80);
            track.setPrefHeight(14);
            row.setAlignment(Pos.CENTER_LEFT);
            track.widthProperty().addListener(o -> place());
            track.heightProperty().addListener(o -> place());
        }

        @Override
        protected void updateItem(SpanBar item, boolean empty) {
            super.updateItem(item, empty);
            shown = empty ? null : item;
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(item.node() + "  " + item.name());
            name.setPadding(new javafx.geometry.Insets(0, 0, 0, INDENT * Math.min(item.depth(), 12)));
            time.setText(TracesViewModel.ms((long) (item.millis() * 1e6)));
            bar.getStyleClass().remove(SPAN_ERROR);
            if (item.error()) {
                bar.getStyleClass().add(SPAN_ERROR);
            }
            tip.setText(item.details());
            setTooltip(tip);
            setGraphic(row);
            place();
        }

        private void place() {
            if (shown == null) {
                return;
            }
            double w = track.getWidth();
            double h = Math.max(8, track.getHeight() - 4);
            bar.resizeRelocate(shown.offset() * w, (track.getHeight() - h) / 2, Math.max(2, shown.width() * w), h);
        }
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
