package dev.topograph.app.designer.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.canvas.LiveEdge;
import dev.topograph.app.designer.canvas.LiveNode;
import dev.topograph.app.designer.canvas.LiveOverlay;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.live.FakeMetricsSource.FakeFeed;
import dev.topograph.app.designer.live.LiveSeries.Figure;
import dev.topograph.app.designer.problems.ProblemsViewModel;
import dev.topograph.app.designer.run.FakeRunService;
import dev.topograph.app.designer.run.FakeRunService.FakeRun;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.live.MetricsScraper;
import dev.topograph.app.live.Profiles;
import dev.topograph.app.metrics.Alert;
import dev.topograph.app.metrics.EdgeFigures;
import dev.topograph.app.metrics.NodeFigures;
import dev.topograph.app.metrics.SystemFigures;
import dev.topograph.app.metrics.Thresholds;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.EdgeKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard without a window and without scraping: a fake run says which nodes run where,
 * a fake feed hands over rounds of figures, and the test reads what the drawing, the inspector and
 * the Metrics panel would show.
 */
class LiveMetricsViewModelTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");
    private static final List<String> MEASURED = List.of("gateway", "orders", "payments", "catalog", "inventory",
            "shipping", "notifications");
    private static final OptionalDouble NONE = OptionalDouble.empty();

    private final FakeRunService service = new FakeRunService();
    private final FakeMetricsSource source = new FakeMetricsSource();
    private final List<Object[]> captures = new ArrayList<>();
    private final DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());
    private final ProblemsViewModel problems = new ProblemsViewModel(document, TaskExecutor.synchronous(), 0);
    private final CanvasViewModel canvas = new CanvasViewModel(document, TaskExecutor.synchronous());
    private RunViewModel run;
    private LiveMetricsViewModel live;

    private LiveMetricsViewModel watching(UiExecutor ui) throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        run = new RunViewModel(document, problems, TaskExecutor.synchronous(), UiExecutor.direct(), service, 0);
        LiveTools tools = new LiveTools(source, () -> null, (admin, kind, seconds, target) -> {
            captures.add(new Object[] {admin, kind, seconds, target});
            Files.write(target, new byte[34 * 1024]);
            return 34 * 1024;
        });
        live = new LiveMetricsViewModel(document, canvas, run, TaskExecutor.synchronous(), TaskExecutor.synchronous(),
                ui, tools, 0);
        run.start();
        return live;
    }

    /** Every node of the run healthy, answering where the fake run says. */
    private FakeRun allHealthy() {
        FakeRun fake = service.run;
        for (String node : fake.nodes) {
            fake.emit(node, NodeState.HEALTHY, "process", "", 0);
        }
        return fake;
    }

    static NodeFigures figures(String node, double rate, double errors, double p95, List<Alert> alerts) {
        return new NodeFigures(node, OptionalDouble.of(rate), OptionalDouble.of(errors), OptionalDouble.of(p95),
                OptionalDouble.of(31), OptionalDouble.of(14.2e6), OptionalDouble.of(6.1e6), List.of(1.0, 4.0, rate),
                alerts, Optional.empty());
    }

    static EdgeFigures calls(String key, double rate, double errors) {
        return new EdgeFigures(key, EdgeKind.HTTP, OptionalDouble.of(rate), OptionalDouble.of(errors), NONE, NONE, NONE,
                List.of());
    }

    static SystemFigures round(long at, List<NodeFigures> nodes, List<EdgeFigures> edges) {
        Map<String, NodeFigures> n = new HashMap<>();
        nodes.forEach(f -> n.put(f.node(), f));
        Map<String, EdgeFigures> e = new HashMap<>();
        edges.forEach(f -> e.put(f.edge(), f));
        return new SystemFigures(at, n, e);
    }

    private LiveOverlay overlay() {
        return canvas.liveProperty().get();
    }

    @Test
    void aRunIsWatchedAtTheUrlsItsStatusesGiveAndOnlyWhileItRuns() throws Exception {
        watching(UiExecutor.direct());
        assertThat(live.watchingProperty().get()).isTrue();
        FakeFeed feed = source.last();
        assertThat(feed.started).isTrue();
        assertThat(feed.targets).as("nodes still waiting are not scraped").isEmpty();

        FakeRun fake = allHealthy();
        assertThat(feed.targets).extracting(MetricsScraper.Target::node).containsExactlyElementsOf(MEASURED);
        assertThat(feed.targets.get(1).url()).as("the metrics port, not the public one")
                .isEqualTo(URI.create("http://127.0.0.1:28081/metrics"));

        // A crash takes a node out; its restart brings it back, and the figures hear of the restart.
        fake.emit("orders", NodeState.CRASHED, "process", "exited with code 2", 0);
        assertThat(feed.targets).extracting(MetricsScraper.Target::node).doesNotContain("orders");
        fake.emit("orders", NodeState.STARTING, "process", "", 1);
        assertThat(feed.restarted).containsExactly("orders");
        assertThat(feed.targets).extracting(MetricsScraper.Target::node).contains("orders");
        int changes = feed.targetChanges;
        fake.emit("orders-db", NodeState.HEALTHY, "PostgreSQL", "", 0);
        assertThat(feed.targetChanges).as("a status that changes no target changes nothing").isEqualTo(changes);

        feed.round(round(1000, List.of(figures("orders", 12, 0, 0.004, List.of())), List.of()));
        assertThat(overlay().nodes()).containsKey("orders");

        run.stop();
        assertThat(feed.closed).isTrue();
        assertThat(live.watchingProperty().get()).isFalse();
        assertThat(overlay()).isEqualTo(LiveOverlay.NONE);
        feed.round(round(2000, List.of(figures("orders", 12, 0, 0.004, List.of())), List.of()));
        assertThat(overlay()).as("a round after the stop is dropped").isEqualTo(LiveOverlay.NONE);
    }

    @Test
    void aDeploymentIsWatchedThroughItsPortForwardsUntilALocalRunTakesOver() throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        run = new RunViewModel(document, problems, TaskExecutor.synchronous(), UiExecutor.direct(), service, 0);
        live = new LiveMetricsViewModel(document, canvas, run, TaskExecutor.synchronous(), TaskExecutor.synchronous(),
                UiExecutor.direct(), new LiveTools(source, () -> null, (a, k, s, t) -> 0), 0);
        assertThat(live.watchingProperty().get()).isFalse();

        live.followCluster(document.topology(), Map.of("orders", URI.create("http://127.0.0.1:40123/metrics")));
        FakeFeed cluster = source.last();
        assertThat(live.watchingProperty().get()).isTrue();
        assertThat(cluster.started).isTrue();
        assertThat(cluster.targets).containsExactly(new MetricsScraper.Target("orders",
                URI.create("http://127.0.0.1:40123/metrics")));
        live.followCluster(document.topology(), Map.of("orders", URI.create("http://127.0.0.1:40123/metrics"),
                "catalog", URI.create("http://127.0.0.1:40124/metrics")));
        assertThat(cluster.targets).extracting(MetricsScraper.Target::node).containsExactlyInAnyOrder("orders", "catalog");
        cluster.round(round(1000, List.of(figures("orders", 3, 0, 0.004, List.of())), List.of()));
        assertThat(overlay().nodes()).containsKey("orders");

        // A local run wins the drawing; the deployment's forwards no longer change what is scraped.
        run.start();
        assertThat(cluster.closed).isTrue();
        FakeFeed local = source.last();
        assertThat(local).isNotSameAs(cluster);
        allHealthy();
        live.followCluster(document.topology(), Map.of("orders", URI.create("http://127.0.0.1:40123/metrics")));
        assertThat(local.targets).extracting(MetricsScraper.Target::node).containsExactlyElementsOf(MEASURED);
        run.stop();

        // Closing the deployment's panel (no forwards left) ends a cluster watch.
        live.followCluster(document.topology(), Map.of("orders", URI.create("http://127.0.0.1:40123/metrics")));
        FakeFeed again = source.last();
        live.followCluster(document.topology(), Map.of());
        assertThat(again.closed).isTrue();
        assertThat(live.watchingProperty().get()).isFalse();
    }

    @Test
    void figuresLabelsColoursAndAlertsReachTheirOwnNodesAndEdges() throws Exception {
        watching(UiExecutor.direct());
        allHealthy();
        Alert leak = new Alert(Alert.Kind.GOROUTINE_LEAK, "payments leaks goroutines: 40 more each minute at flat traffic");
        Alert saturated = new Alert(Alert.Kind.CONSUMER_SATURATED, "payments is saturated: 300 messages wait");
        source.last().round(round(5000, List.of(
                        figures("orders", 12.34, 0.004, 0.0042, List.of()),
                        figures("payments", 3.9, 0, 0.003, List.of(leak)),
                        figures("shipping", 8, 0.08, 0.012, List.of()),
                        NodeFigures.unknown("catalog", Optional.of("/metrics did not answer within 800 ms"))),
                List.of(calls("gateway->orders:http", 12.3, 0), calls("orders->catalog:http", 0, 0),
                        calls("gateway->shipping:http", 8, 0.08),
                        new EdgeFigures("orders->order-events:publish:order.created", EdgeKind.PUBLISH, NONE, NONE,
                                OptionalDouble.of(4), NONE, NONE, List.of()),
                        new EdgeFigures("order-events->payments:subscribe:order.created", EdgeKind.SUBSCRIBE, NONE,
                                NONE, OptionalDouble.of(3.9), OptionalDouble.of(300), NONE, List.of(saturated)),
                        new EdgeFigures("catalog->catalog-cache:cache", EdgeKind.CACHE, NONE, NONE, NONE, NONE,
                                OptionalDouble.of(0.87), List.of()))));

        LiveNode orders = overlay().nodes().get("orders");
        assertThat(orders.rate()).isEqualTo("12.3/s");
        assertThat(orders.errors()).isEqualTo("0.4 % err");
        assertThat(orders.p95()).isEqualTo("p95 4.2 ms");
        assertThat(orders.goroutines()).isEqualTo("31 goroutines");
        assertThat(orders.memory()).isEqualTo("14 MB");
        assertThat(orders.trend()).containsExactly(1.0, 4.0, 12.34);
        assertThat(orders.tone()).isEqualTo(Tone.OK);
        assertThat(orders.alert()).isFalse();
        assertThat(orders.tooltip()).contains("12.3 requests/s").contains("14 MB resident, heap 6.1 MB");

        LiveNode payments = overlay().nodes().get("payments");
        assertThat(payments.tone()).as("an alert is a warning").isEqualTo(Tone.WARN);
        assertThat(payments.alert()).isTrue();
        assertThat(payments.tooltip()).contains(leak.message());
        assertThat(overlay().nodes().get("shipping").tone()).as("8 % errors is past the 5 % danger line")
                .isEqualTo(Tone.DANGER);
        LiveNode catalog = overlay().nodes().get("catalog");
        assertThat(catalog.tone()).isEqualTo(Tone.DANGER);
        assertThat(catalog.problem()).isEqualTo("cannot scrape: /metrics did not answer within 800 ms");
        assertThat(catalog.rate()).isEqualTo("–");
        assertThat(overlay().nodes()).doesNotContainKeys("orders-db", "order-events");

        LiveEdge gatewayOrders = overlay().edges().get("gateway->orders:http");
        assertThat(gatewayOrders.label()).isEqualTo("12.3/s");
        assertThat(gatewayOrders.tone()).isEqualTo(Tone.OK);
        assertThat(gatewayOrders.weight()).isGreaterThan(overlay().edges().get("gateway->shipping:http").weight());
        LiveEdge idle = overlay().edges().get("orders->catalog:http");
        assertThat(idle.weight()).isZero();
        assertThat(idle.tone()).isEqualTo(Tone.MUTED);
        assertThat(overlay().edges().get("gateway->shipping:http").label()).isEqualTo("8.0/s · 8.0 % err");
        assertThat(overlay().edges().get("gateway->shipping:http").tone()).isEqualTo(Tone.DANGER);
        assertThat(overlay().edges().get("orders->order-events:publish:order.created").label()).isEqualTo("4.0 msg/s");
        LiveEdge consumer = overlay().edges().get("order-events->payments:subscribe:order.created");
        assertThat(consumer.label()).isEqualTo("3.9 msg/s · backlog 300");
        assertThat(consumer.alert()).isTrue();
        assertThat(consumer.tone()).isEqualTo(Tone.WARN);
        assertThat(consumer.tooltip()).contains(saturated.message());
        assertThat(overlay().edges().get("catalog->catalog-cache:cache").label()).isEqualTo("hit 87 %");
        assertThat(overlay().edges()).doesNotContainKey("orders->orders-db:db");

        assertThat(LiveMetricsViewModel.weight(1e9)).as("capped").isEqualTo(LiveMetricsViewModel.MAX_EDGE_WEIGHT);
        assertThat(LiveMetricsViewModel.weight(100)).as("log scale: 10× the rate is not 10× the width")
                .isLessThan(2 * LiveMetricsViewModel.weight(10));
    }

    @Test
    void thresholdsSetInTheInspectorRecolourTheNodeAtOnce() throws Exception {
        watching(UiExecutor.direct());
        allHealthy();
        source.last().round(round(5000, List.of(figures("orders", 20, 0.002, 0.150, List.of())), List.of()));
        assertThat(overlay().nodes().get("orders").tone()).as("p95 150 ms is past the 100 ms default").isEqualTo(Tone.WARN);
        LiveInspectorViewModel inspector = live.inspector();
        assertThat(inspector.showingProperty().get()).as("nothing selected").isFalse();

        canvas.select(List.of("orders"));
        assertThat(inspector.showingProperty().get()).isTrue();
        assertThat(inspector.rateProperty().get()).isEqualTo("20.0/s");
        assertThat(inspector.p95Property().get()).isEqualTo("150 ms");
        assertThat(inspector.healthProperty().get()).isEqualTo("Warning: p95 150 ms is above 100 ms");
        assertThat(inspector.p95WarnMs().textProperty().get()).isEqualTo("100");
        assertThat(inspector.errorWarnPercent().textProperty().get()).isEqualTo("1");

        inspector.p95WarnMs().textProperty().set("200");
        assertThat(inspector.p95WarnMs().commit()).isTrue();
        assertThat(overlay().nodes().get("orders").tone()).isEqualTo(Tone.OK);
        assertThat(inspector.healthToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(live.thresholds("orders")).isEqualTo(new Thresholds(0.2, 1.0, 0.01, 0.05));
        assertThat(live.thresholds("payments")).as("per node").isEqualTo(Thresholds.DEFAULT);

        inspector.p95WarnMs().textProperty().set("20");
        inspector.p95WarnMs().commit();
        assertThat(overlay().nodes().get("orders").tone()).as("150 ms is past 5 × 20 ms").isEqualTo(Tone.DANGER);
        inspector.errorWarnPercent().textProperty().set("0.1");
        inspector.errorWarnPercent().commit();
        assertThat(live.thresholds("orders").errorWarnRatio()).isEqualTo(0.001);

        inspector.p95WarnMs().textProperty().set("fast");
        assertThat(inspector.p95WarnMs().commit()).isFalse();
        assertThat(inspector.p95WarnMs().errorProperty().get()).isEqualTo("A p95 warning from 1 to 60,000 ms");
        inspector.errorWarnPercent().textProperty().set("120");
        assertThat(inspector.errorWarnPercent().commit()).isFalse();
        assertThat(inspector.errorWarnPercent().errorProperty().get()).isEqualTo("An error warning from 0 to 100 %");
        assertThat(live.thresholds("orders").p95WarnSeconds()).as("a refused value changes nothing").isEqualTo(0.02);

        // The next round keeps the typing in progress.
        inspector.p95WarnMs().textProperty().set("30");
        source.last().round(round(6000, List.of(figures("orders", 21, 0.002, 0.150, List.of())), List.of()));
        assertThat(inspector.p95WarnMs().textProperty().get()).isEqualTo("30");
        assertThat(inspector.rateProperty().get()).isEqualTo("21.0/s");

        canvas.select(List.of("orders-db"));
        assertThat(inspector.showingProperty().get()).as("a database has no live figures").isFalse();
    }

    @Test
    void roundsFromTheScrapersThreadReachTheUiThreadInOneHopAndTheLatestWins() throws Exception {
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        AtomicInteger hops = new AtomicInteger();
        UiExecutor queued = command -> {
            hops.incrementAndGet();
            uiQueue.add(command);
        };
        watching(queued);
        allHealthy();
        FakeFeed feed = source.last();
        int before = hops.get();
        int threads = 4;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    feed.round(round(1000 + offset * 50 + i, List.of(figures("orders", 1, 0, 0.001, List.of())),
                            List.of()));
                }
                done.countDown();
            }).start();
        }
        done.await();
        feed.round(round(9999, List.of(figures("orders", 99, 0, 0.001, List.of())), List.of()));
        assertThat(hops.get() - before).as("201 rounds before the UI thread ran: one hop").isEqualTo(1);
        assertThat(overlay().nodes()).as("nothing drawn off the UI thread").isEmpty();
        Runnable r;
        while ((r = uiQueue.poll()) != null) {
            r.run();
        }
        assertThat(live.figuresProperty().get().atMs()).isEqualTo(9999);
        assertThat(overlay().nodes().get("orders").rate()).isEqualTo("99.0/s");

        feed.round(round(10_999, List.of(figures("orders", 50, 0, 0.001, List.of())), List.of()));
        assertThat(hops.get() - before).as("the next round, the next hop").isEqualTo(2);
    }

    @Test
    void theMetricsPanelFollowsTheSelectionAndKeepsAtMostThreeHundredPointsALine() throws Exception {
        watching(UiExecutor.direct());
        allHealthy();
        MetricsPanelViewModel panel = live.panel();
        assertThat(panel.nodesProperty().get()).containsExactlyElementsOf(MEASURED);
        assertThat(panel.nodeProperty().get()).isEqualTo("gateway");
        canvas.select(List.of("payments"));
        assertThat(panel.nodeProperty().get()).isEqualTo("payments");
        canvas.select(List.of("payments-db"));
        assertThat(panel.nodeProperty().get()).as("a database has no charts: the choice stays").isEqualTo("payments");
        assertThat(panel.chartsProperty().get()).as("worked out only while the panel shows").isEmpty();

        panel.activeProperty().set(true);
        FakeFeed feed = source.last();
        for (int i = 0; i < 1000; i++) {
            double p95 = i == 700 ? 2.0 : 0.005;
            feed.round(round(1000L * i, List.of(figures("payments", i % 10, 0.01, p95, List.of())), List.of()));
        }
        List<MetricsChart> charts = panel.chartsProperty().get();
        assertThat(charts).extracting(MetricsChart::title)
                .containsExactly("Requests", "Server errors", "Latency", "Goroutines", "Memory");
        assertThat(charts.get(2).lines()).extracting(MetricsChart.Line::name).containsExactly("p50", "p95", "p99");
        MetricsChart.Line rate = charts.get(0).lines().get(0);
        assertThat(rate.size()).isEqualTo(MetricsPanelViewModel.MAX_POINTS);
        assertThat(rate.x()[rate.size() - 1]).isLessThanOrEqualTo(0).isGreaterThan(-2);
        assertThat(rate.x()[0]).as("fifteen minutes back, not the whole run").isBetween(-900.0, -896.0);
        assertThat(charts.get(0).spanSeconds()).isEqualTo(899);
        assertThat(rate.y()[0]).as("rounds 100, 101, 102 merged: their mean").isEqualTo(1.0);
        MetricsChart.Line p95 = charts.get(2).lines().get(1);
        assertThat(java.util.Arrays.stream(p95.y()).max().orElse(0)).as("a spike survives the merging").isEqualTo(2000);
        assertThat(charts.get(1).lines().get(0).y()[0]).as("percent").isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(charts.get(4).lines().get(0).y()[0]).as("MB").isEqualTo(14.2, org.assertj.core.data.Offset.offset(1e-9));

        live.pause();
        assertThat(feed.paused).isTrue();
        assertThat(live.pausedProperty().get()).isTrue();
        assertThat(panel.statusProperty().get()).startsWith("Paused");
        live.resume();
        assertThat(feed.paused).isFalse();
        assertThat(panel.statusProperty().get()).isEqualTo("Scraping 7 services and gateways every second · last 15 minutes");
    }

    @Test
    void anotherDesignLeavesNoChartsOfTheLastRunInTheMetricsTab() throws Exception {
        watching(UiExecutor.direct());
        allHealthy();
        MetricsPanelViewModel panel = live.panel();
        panel.activeProperty().set(true);
        source.last().round(round(1000L, List.of(figures("gateway", 5, 0.01, 0.005, List.of())), List.of()));
        assertThat(panel.chartsProperty().get()).isNotEmpty();
        run.stop();
        assertThat(panel.chartsProperty().get()).as("the stopped run's last figures stay").isNotEmpty();
        document.newDocument();
        assertThat(panel.chartsProperty().get()).isEmpty();
        assertThat(panel.nodesProperty().get()).isEmpty();
        assertThat(panel.nodeProperty().get()).isNull();
        assertThat(panel.statusProperty().get()).startsWith("Not running");
    }

    @Test
    void aProfileOfARunningServiceIsSavedWhereTheUserSaid(@TempDir Path dir) throws Exception {
        watching(UiExecutor.direct());
        FakeRun fake = allHealthy();
        assertThat(live.canProfile("orders")).as("no admin port known").isFalse();
        fake.adminUrls.put("orders", "http://127.0.0.1:18081");
        assertThat(live.canProfile("orders")).isTrue();
        assertThat(LiveMetricsViewModel.profileFileName("orders", Profiles.Kind.CPU)).isEqualTo("orders-cpu.pprof");

        Path target = dir.resolve("orders-cpu.pprof");
        live.captureProfile("orders", Profiles.Kind.CPU, target);
        assertThat(captures).hasSize(1);
        assertThat(captures.get(0)).containsExactly(URI.create("http://127.0.0.1:18081"), Profiles.Kind.CPU, 10, target);
        assertThat(document.noticeProperty().get().text())
                .isEqualTo("orders-cpu.pprof saved (34 KB): go tool pprof orders-cpu.pprof");
        assertThat(document.noticeProperty().get().problem()).isFalse();

        run.stop();
        assertThat(live.canProfile("orders")).isFalse();
    }

    @Test
    void theChartsPercentilesComeFromTheNodesHistory() throws Exception {
        LiveSeries series = new LiveSeries();
        dev.topograph.app.metrics.ScrapeHistory history = new dev.topograph.app.metrics.ScrapeHistory();
        dev.topograph.app.metrics.PrometheusTextParser parser = new dev.topograph.app.metrics.PrometheusTextParser();
        for (int i = 0; i < 3; i++) {
            history.add(1000L * i, parser.parse(
                    "# TYPE http_server_request_duration_seconds histogram\n"
                            + "http_server_request_duration_seconds_bucket{route=\"/a\",method=\"GET\",le=\"0.01\"} " + 90 * i + "\n"
                            + "http_server_request_duration_seconds_bucket{route=\"/a\",method=\"GET\",le=\"0.1\"} " + 100 * i + "\n"
                            + "http_server_request_duration_seconds_bucket{route=\"/a\",method=\"GET\",le=\"+Inf\"} " + 100 * i + "\n"
                            + "http_server_request_duration_seconds_bucket{route=\"/metrics\",method=\"GET\",le=\"0.01\"} 0\n"
                            + "http_server_request_duration_seconds_bucket{route=\"/metrics\",method=\"GET\",le=\"0.1\"} 0\n"
                            + "http_server_request_duration_seconds_bucket{route=\"/metrics\",method=\"GET\",le=\"+Inf\"} " + 1000 * i + "\n"));
        }
        series.record(2000, figures("orders", 100, 0, 0.05, List.of()), Optional.of(history));
        LiveSeries.Points points = series.of("orders");
        assertThat(points.of(Figure.P50)[0]).as("half of 90 per 10 ms bucket").isEqualTo(100.0 / 18,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(points.of(Figure.P99)[0]).isEqualTo(91, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(points.of(Figure.P95)[0]).isEqualTo(50, org.assertj.core.data.Offset.offset(1e-9));
    }
}
