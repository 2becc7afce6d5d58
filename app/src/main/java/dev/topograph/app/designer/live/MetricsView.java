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
    public static final String EMPTY = "metrics-empty";

    private final List<LineChart<Number, Number>> charts = new ArrayList<>();
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
            charts.add(chart());
            chartRow.getChildren().add(charts.get(charts.size() - 1));
        }
        for (int i = 0; i < charts.size(); i++) {
            LineChart<Number, Number> chart = charts.get(i);
            chart.setVisible(i < data.size());
            chart.setManaged(i < data.size());
            if (i < data.size()) {
                fill(chart, data.get(i));
            }
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
        chart.setHorizontalGridLinesVisible(true);
        chart.setVerticalGridLinesVisible(false);
        chart.setMinWidth(150);
        chart.setPrefWidth(240);
        HBox.setHgrow(chart, Priority.ALWAYS);
        return chart;
    }

    private static void fill(LineChart<Number, Number> chart, MetricsChart data) {
        chart.setTitle(data.unit().isEmpty() ? data.title() : data.title() + " (" + data.unit() + ")");
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setLowerBound(-Math.ceil(data.spanSeconds()));
        x.setUpperBound(0);
        x.setTickUnit(niceTick(data.spanSeconds()));
        chart.setLegendVisible(data.lines().size() > 1);
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
