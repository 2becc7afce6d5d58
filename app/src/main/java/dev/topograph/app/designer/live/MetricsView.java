package dev.topograph.app.designer.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Metrics panel: which service's figures show (the canvas selection chooses it too), whether
 * scraping runs (Pause/Resume), and five charts of the last fifteen minutes side by side: request
 * rate, server errors, latency percentiles, goroutines, memory. The charts are JavaFX line charts
 * without symbols or animation, each line at most 300 points, updated once a round while the
 * panel is in view.
 */
public final class MetricsView extends BorderPane {
    public static final String STYLE = "metrics";
    public static final String BAR = "metrics-bar";
    public static final String TITLE = "metrics-title";
    public static final String STATUS = "metrics-status";
    public static final String CHART = "metrics-chart";
    public static final String CHART_BOX = "metrics-chart-box";
    public static final String CHART_TITLE = "metrics-chart-title";
    public static final String CHART_UNIT = "metrics-chart-unit";
    public static final String LEGEND = "metrics-legend";
    /** A line's colour in a legend; {@code metrics-swatch-0} … by the line's order, as the lines are coloured. */
    public static final String SWATCH = "metrics-swatch";
    public static final String EMPTY = "metrics-empty";

    private final List<ChartBox> charts = new ArrayList<>();
    private final HBox chartRow = new HBox(4);

    public MetricsView(LiveMetricsViewModel live) {
        MetricsPanelViewModel viewModel = live.panel();
        getStyleClass().add(STYLE);
        setId("metrics");

        Label title = new Label("Figures of");
        title.getStyleClass().add(TITLE);
        ComboBox<String> node = new ComboBox<>();
        node.setId("metrics-node");
        node.setPrefWidth(180);
        node.itemsProperty().bind(Bindings.createObjectBinding(
                () -> javafx.collections.FXCollections.observableArrayList(viewModel.nodesProperty().get()),
                viewModel.nodesProperty()));
        node.valueProperty().bindBidirectional(viewModel.nodeProperty());
        Label status = new Label();
        status.setId("metrics-status");
        status.getStyleClass().add(STATUS);
        status.textProperty().bind(viewModel.statusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button pause = new Button();
        pause.setId("metrics-pause");
        pause.disableProperty().bind(live.watchingProperty().not());
        Runnable showPause = () -> {
            boolean paused = live.pausedProperty().get();
            pause.setText(paused ? "Resume" : "Pause");
            pause.setGraphic(new FontIcon(paused ? "mdi2p-play" : "mdi2p-pause"));
            pause.setTooltip(new Tooltip(paused ? "Scrape the services again, once a second"
                    : "Stop scraping for now; the figures and charts stay as they are"));
        };
        live.pausedProperty().addListener((o, old, now) -> showPause.run());
        showPause.run();
        pause.setOnAction(e -> {
            if (live.pausedProperty().get()) {
                live.resume();
            } else {
                live.pause();
            }
        });
        HBox bar = new HBox(8, title, node, status, grow, pause);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(BAR);
        setTop(bar);

        Label empty = new Label("Run ▶ the design to see each service's figures over time");
        empty.getStyleClass().add(EMPTY);
        empty.visibleProperty().bind(viewModel.chartsProperty().isNull()
                .or(Bindings.createBooleanBinding(() -> viewModel.chartsProperty().get().isEmpty(),
                        viewModel.chartsProperty())));
        chartRow.getStyleClass().add("metrics-charts");
        chartRow.visibleProperty().bind(empty.visibleProperty().not());
        setCenter(new StackPane(chartRow, empty));

        viewModel.chartsProperty().addListener((o, old, now) -> show(now));
        show(viewModel.chartsProperty().get());
    }

    private void show(List<MetricsChart> data) {
        if (data == null) {
            return;
        }
        while (charts.size() < data.size()) {
            ChartBox box = new ChartBox();
            charts.add(box);
            chartRow.getChildren().add(box);
        }
        for (int i = 0; i < charts.size(); i++) {
            ChartBox box = charts.get(i);
            box.setVisible(i < data.size());
            box.setManaged(i < data.size());
            if (i < data.size()) {
                box.fill(data.get(i));
            }
        }
    }

    /**
     * One chart with its title and, for several lines, a legend of its own on the title's line: a
     * chart narrower than 200 pixels hides JavaFX's legend, and the panel is too short for one below.
     */
    private static final class ChartBox extends VBox {
        private final Label title = new Label();
        private final Label unit = new Label();
        private final HBox legend = new HBox(6);
        private final HBox header;
        private final LineChart<Number, Number> chart = chart();

        ChartBox() {
            getStyleClass().add(CHART_BOX);
            title.getStyleClass().add(CHART_TITLE);
            unit.getStyleClass().add(CHART_UNIT);
            for (Label label : List.of(title, unit)) {
                label.setMinWidth(Region.USE_PREF_SIZE);
            }
            legend.setAlignment(Pos.CENTER_LEFT);
            header = new HBox(3, title, unit, legend);
            HBox.setMargin(legend, new javafx.geometry.Insets(0, 0, 0, 4));
            header.setAlignment(Pos.CENTER_LEFT);
            VBox.setVgrow(chart, Priority.ALWAYS);
            getChildren().addAll(header, chart);
            setPrefWidth(240);
            HBox.setHgrow(this, Priority.ALWAYS);
        }

        /** Never narrower than its title and legend: the charts with several lines take more of the row. */
        @Override
        protected double computeMinWidth(double height) {
            return Math.max(120, header.prefWidth(-1) + snappedLeftInset() + snappedRightInset());
        }

        void fill(MetricsChart data) {
            title.setText(data.title());
            unit.setText(data.unit());
            if (legend.getChildren().size() != (data.lines().size() > 1 ? data.lines().size() : 0)) {
                legend.getChildren().clear();
                for (int i = 0; data.lines().size() > 1 && i < data.lines().size(); i++) {
                    Region swatch = new Region();
                    swatch.getStyleClass().addAll(SWATCH, SWATCH + "-" + i);
                    Label name = new Label(data.lines().get(i).name(), swatch);
                    name.getStyleClass().add(LEGEND);
                    name.setMinWidth(Region.USE_PREF_SIZE);
                    legend.getChildren().add(name);
                }
            }
            MetricsView.fill(chart, data);
        }
    }

    private static LineChart<Number, Number> chart() {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                double s = -seconds.doubleValue();
                return s < 1 ? "now" : s < 120 ? String.format(Locale.ROOT, "-%.0fs", s)
                        : String.format(Locale.ROOT, "-%.0fm", s / 60);
            }

            @Override
            public Number fromString(String string) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.getStyleClass().add(CHART);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setHorizontalGridLinesVisible(true);
        chart.setVerticalGridLinesVisible(false);
        // As tall as the panel lets it be: the axes shrink with it rather than being cut off.
        chart.setMinSize(100, 60);
        chart.setPrefHeight(120);
        return chart;
    }

    private static void fill(LineChart<Number, Number> chart, MetricsChart data) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        double tick = niceTick(data.spanSeconds());
        x.setLowerBound(-Math.ceil(data.spanSeconds() / tick) * tick);
        x.setUpperBound(0);
        x.setTickUnit(tick);
        // A flat zero (no errors yet) still gets an axis with a scale, not a lone "0.0".
        NumberAxis y = (NumberAxis) chart.getYAxis();
        boolean flat = data.lines().stream().allMatch(l -> java.util.Arrays.stream(l.y()).allMatch(v -> v <= 0));
        y.setAutoRanging(!flat);
        if (flat) {
            y.setLowerBound(0);
            y.setUpperBound(1);
            y.setTickUnit(0.5);
        }
        while (chart.getData().size() < data.lines().size()) {
            chart.getData().add(new XYChart.Series<>());
        }
        while (chart.getData().size() > data.lines().size()) {
            chart.getData().remove(chart.getData().size() - 1);
        }
        for (int i = 0; i < data.lines().size(); i++) {
            MetricsChart.Line line = data.lines().get(i);
            XYChart.Series<Number, Number> series = chart.getData().get(i);
            series.setName(line.name());
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(line.size());
            for (int k = 0; k < line.size(); k++) {
                points.add(new XYChart.Data<>(line.x()[k], line.y()[k]));
            }
            series.getData().setAll(points);
        }
    }

    /** A tick every 15 s, 30 s, 1, 2, 5 minutes…: about four across the span. */
    private static double niceTick(double span) {
        for (double tick : new double[] {15, 30, 60, 120, 300}) {
            if (span / tick <= 4.5) {
                return tick;
            }
        }
        return 300;
    }
}
