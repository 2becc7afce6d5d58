package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.topograph.app.designer.canvas.LiveEdge;
import dev.topograph.app.designer.canvas.LiveOverlay;
import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.run.FakeRunService;
import dev.topograph.app.designer.run.FakeRunService.FakeRun;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.designer.traces.SpanBar;
import dev.topograph.app.designer.traces.TraceHighlight;
import dev.topograph.app.designer.traces.TraceRow;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.traces.TraceReceiver;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Traces tab in the real window: a fake launcher says the shop example runs, and spans come the
 * way generated services send them, as OTLP/HTTP protobuf exports POSTed to a real receiver. The tab
 * lists the traces, filters them, shows the chosen one's waterfall and log lines, selects a span's node
 * on the canvas, and lights the trace's way on the drawing with the slowest hop marked. Writes
 * {@code docs/screenshots/designer-traces.png}. Needs a display.
 */
@ExtendWith(ApplicationExtension.class)
class TracesWindowTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLE = REPO.resolve("examples/shop.topology.json");
    private static final long T0 = 1_765_000_000_000_000_000L;

    @TempDir
    static Path user;
    private final FakeRunService service = new FakeRunService();
    private TraceReceiver receiver;
    private MainViewModel viewModel;
    private MainView view;
    private Stage stage;
    private int ids;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        receiver = TraceReceiver.start(service.spans, line -> { });
        FxUiExecutor ui = new FxUiExecutor();
        viewModel = new MainViewModel(new BackgroundTaskExecutor(ui), 50, new UserDirectories(user, user), 60_000,
                service, ui, RunViewModel.COALESCE_MILLIS);
        view = DesignerApp.show(stage, viewModel);
        viewModel.run().onNeedCodeFolder(question -> Optional.of(new RunViewModel.CodeFolderAnswer.Bare()));
        view.start(Optional.of(EXAMPLE));
    }

    @AfterEach
    void stop() {
        if (viewModel != null && viewModel.run().phaseProperty().get() == RunViewModel.Phase.RUNNING) {
            WaitForAsyncUtils.asyncFx(() -> viewModel.run().stop());
        }
        receiver.close();
    }

    @Test
    void theTracesTabShowsAPostOrderAcrossTheDesignAndLightsItsWay(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.document().fileProperty().get().isPresent()
                && viewModel.canvas().diagramProperty().get().nodes().size() == 15);
        robot.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> service.run != null
                && viewModel.run().phaseProperty().get() == RunViewModel.Phase.RUNNING);
        FakeRun fake = service.run;
        for (String node : fake.nodes) {
            fake.emit(new NodeStatus(node, NodeState.HEALTHY, "process", Optional.of(4000L), Optional.empty(),
                    Optional.empty(), Optional.empty(), 0, "", Instant.now()));
        }
        robot.clickOn("#tab-traces");

        // 24 orders and 12 catalog reads; order 17 is slow in payments' SQL, order 5 fails in inventory.
        String slow = null;
        for (int i = 0; i < 24; i++) {
            String trace = postOrder(i, i == 17 ? 38_000_000 : 2_000_000 + i * 90_000L, i == 5);
            if (i == 17) {
                slow = trace;
            }
        }
        for (int i = 0; i < 12; i++) {
            getCatalog(100 + i);
        }
        fake.log("payments", "{\"time\":\"2026-12-07T21:30:00Z\",\"level\":\"INFO\",\"msg\":\"payment recorded\","
                + "\"order\":\"17\",\"trace_id\":\"" + slow + "\",\"span_id\":\"00000000000000aa\"}", false);
        fake.log("orders", "{\"level\":\"INFO\",\"msg\":\"order created\",\"trace_id\":\"" + slow + "\"}", false);
        fake.log("orders", "{\"level\":\"INFO\",\"msg\":\"another request\",\"trace_id\":\"0123\"}", false);

        TableView<TraceRow> table = robot.lookup("#traces-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 36);
        assertThat(table.getItems()).filteredOn(TraceRow::error).extracting(TraceRow::route)
                .containsExactly("POST /orders");

        // An edge's tooltip (its live figures) gains its p50/p95 from spans: 24 hops of orders' INSERT, 2.5 ms each.
        robot.interact(() -> viewModel.canvas().showLive(new LiveOverlay(Map.of(), Map.of(
                "orders->orders-db:db", new LiveEdge("pool 10 %", 0, RunBadge.Tone.OK, false, "pool 10 % busy")))));
        // The span figures join the overlay from a background round: wait for them, then read them.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            LiveEdge edge = viewModel.canvas().liveProperty().get().edges().get("orders->orders-db:db");
            return edge != null && edge.tooltip().contains("spans:");
        });
        assertThat(viewModel.canvas().liveProperty().get().edges().get("orders->orders-db:db").tooltip())
                .isEqualTo("pool 10 % busy\nspans: p50 2.5 ms · p95 2.5 ms (24 hops)");

        // Filters: the catalog reads alone, then the slow orders alone.
        robot.clickOn("#traces-route").write("/catalog");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 12);
        robot.interact(() -> viewModel.traces().routeProperty().set(""));
        robot.clickOn("#traces-min").write("30");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        TraceRow row = table.getItems().get(0);
        assertThat(row.traceId()).isEqualTo(slow);
        assertThat(row.slowestHop()).startsWith("payments → payments-db");
        robot.interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();

        // The waterfall: every span, the root first; the log lines that carry the trace id, from both nodes.
        ListView<SpanBar> waterfall = robot.lookup("#traces-waterfall").queryListView();
        assertThat(waterfall.getItems()).hasSize(9);
        assertThat(waterfall.getItems().get(0).node()).isEqualTo("gateway");
        assertThat(waterfall.getItems().get(0).offset()).isZero();
        // The event is handled after the gateway answered: the trace ends with payments' handling, not the root.
        assertThat(waterfall.getItems().get(0).width()).isLessThan(0.5);
        assertThat(waterfall.getItems().stream().mapToDouble(b -> b.offset() + b.width()).max().orElseThrow())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        ListView<String> logs = robot.lookup("#traces-logs").queryListView();
        assertThat(logs.getItems()).hasSize(2).anySatisfy(l -> assertThat(l).startsWith("payments").contains("payment recorded"))
                .anySatisfy(l -> assertThat(l).startsWith("orders").contains("order created"));

        // The way on the canvas: gateway → orders → its store and topic → both subscribers and their stores.
        TraceHighlight lit = viewModel.traces().highlightProperty().get();
        assertThat(lit.hops()).extracting(h -> h.from() + "->" + h.to()).containsExactly(
                "gateway->orders", "orders->orders-db", "orders->order-events", "order-events->payments",
                "order-events->inventory", "payments->payments-db", "inventory->inventory-db");
        assertThat(lit.hops()).filteredOn(TraceHighlight.Hop::slowest).singleElement()
                .satisfies(h -> assertThat(h.from() + "->" + h.to()).isEqualTo("payments->payments-db"));
        assertThat(robot.lookup(".trace-hop-label").queryAll()).hasSize(7);
        assertThat(robot.lookup(".trace-hop-label.trace-slowest").queryLabeled().getText())
                .isEqualTo("6  38.0 ms  slowest");

        // Choosing a span selects its node on the canvas.
        robot.interact(() -> waterfall.getSelectionModel().select(waterfall.getItems().stream()
                .filter(b -> b.node().equals("payments") && b.kind().equals("consumer")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.canvas().selectionProperty().get()).containsExactly("payments");

        robot.interact(() -> {
            viewModel.traces().minMillisProperty().set(0);
            robot.lookup("#traces-min").queryTextInputControl().setText("");
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 36);
        robot.interact(() -> {
            TraceRow again = table.getItems().stream().filter(r -> r.traceId().equals(row.traceId())).findFirst()
                    .orElseThrow();
            table.getSelectionModel().select(again);
            table.scrollTo(Math.max(0, table.getItems().indexOf(again) - 1));
        });
        screenshot(robot);
    }

    /** POST /orders: gateway → orders (SQL, publish) → payments and inventory handle the event (each with SQL). */
    private String postOrder(int n, long paymentsSql, boolean inventoryFails) throws Exception {
        String trace = String.format("%032x", 0xabc000L + n);
        long t = T0 + n * 50_000_000L;
        String gw = id(), gwClient = id(), orders = id(), ordersSql = id(), publish = id();
        String payments = id(), paymentsDb = id(), inventory = id(), inventoryDb = id();
        long ordersEnd = t + 6_000_000;
        long paymentsStart = ordersEnd - 1_500_000;
        Map<String, List<Span>> byNode = new LinkedHashMap<>();
        byNode.put("gateway", List.of(
                span(trace, gw, "", "POST /orders", SpanKind.SPAN_KIND_SERVER, t, t + 7_500_000, false,
                        Map.of("http.route", "/orders", "http.request.method", "POST", "http.response.status_code", "201")),
                span(trace, gwClient, gw, "POST", SpanKind.SPAN_KIND_CLIENT, t + 300_000, t + 7_200_000, false,
                        Map.of("http.request.method", "POST", "server.address", "orders"))));
        byNode.put("orders", List.of(
                span(trace, orders, gwClient, "POST /orders", SpanKind.SPAN_KIND_SERVER, t + 600_000, ordersEnd + 900_000,
                        false, Map.of("http.route", "/orders", "http.request.method", "POST")),
                span(trace, ordersSql, orders, "INSERT orders", SpanKind.SPAN_KIND_CLIENT, t + 900_000, t + 3_400_000,
                        false, Map.of("db.system", "postgresql", "db.query.text", "INSERT INTO orders (id, body) VALUES ($1, $2)")),
                span(trace, publish, orders, "order.created publish", SpanKind.SPAN_KIND_PRODUCER, t + 3_600_000,
                        t + 4_300_000, false, Map.of("messaging.system", "nats", "messaging.destination.name", "order.created"))));
        byNode.put("payments", List.of(
                span(trace, payments, publish, "order.created process", SpanKind.SPAN_KIND_CONSUMER, paymentsStart,
                        paymentsStart + paymentsSql + 1_200_000, false,
                        Map.of("messaging.system", "nats", "messaging.destination.name", "order.created")),
                span(trace, paymentsDb, payments, "INSERT payments", SpanKind.SPAN_KIND_CLIENT, paymentsStart + 500_000,
                        paymentsStart + 500_000 + paymentsSql, false, Map.of("db.system", "postgresql"))));
        byNode.put("inventory", List.of(
                span(trace, inventory, publish, "order.created process", SpanKind.SPAN_KIND_CONSUMER, paymentsStart + 200_000,
                        paymentsStart + 3_000_000, inventoryFails,
                        Map.of("messaging.system", "nats", "messaging.destination.name", "order.created")),
                span(trace, inventoryDb, inventory, "UPDATE stock", SpanKind.SPAN_KIND_CLIENT, paymentsStart + 600_000,
                        paymentsStart + 2_400_000, inventoryFails, Map.of("db.system", "postgresql"))));
        for (Map.Entry<String, List<Span>> e : byNode.entrySet()) {
            export(e.getKey(), e.getValue());
        }
        return trace;
    }

    private void getCatalog(int n) throws Exception {
        String trace = String.format("%032x", 0xcafe000L + n);
        long t = T0 + n * 20_000_000L;
        String gw = id(), client = id(), catalog = id(), cache = id();
        export("gateway", List.of(
                span(trace, gw, "", "GET /catalog", SpanKind.SPAN_KIND_SERVER, t, t + 2_100_000, false,
                        Map.of("http.route", "/catalog", "http.request.method", "GET")),
                span(trace, client, gw, "GET", SpanKind.SPAN_KIND_CLIENT, t + 200_000, t + 1_900_000, false, Map.of())));
        export("catalog", List.of(
                span(trace, catalog, client, "GET /catalog", SpanKind.SPAN_KIND_SERVER, t + 400_000, t + 1_700_000, false,
                        Map.of("http.route", "/catalog", "http.request.method", "GET")),
                span(trace, cache, catalog, "redis GET", SpanKind.SPAN_KIND_CLIENT, t + 500_000, t + 800_000, false,
                        Map.of("db.system", "redis"))));
    }

    private void export(String service, List<Span> spans) throws Exception {
        byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", service)))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))).build().toByteArray();
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(receiver.endpoint() + "/v1/traces")).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private String id() {
        return String.format("%016x", ++ids);
    }

    private static Span span(String trace, String id, String parent, String name, SpanKind kind, long start, long end,
            boolean error, Map<String, String> attributes) {
        Span.Builder b = Span.newBuilder().setTraceId(hex(trace)).setSpanId(hex(id)).setName(name).setKind(kind)
                .setStartTimeUnixNano(start).setEndTimeUnixNano(end);
        if (!parent.isEmpty()) {
            b.setParentSpanId(hex(parent));
        }
        if (error) {
            b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
        }
        List<KeyValue> kvs = new ArrayList<>();
        attributes.forEach((k, v) -> kvs.add(kv(k, v)));
        return b.addAllAttributes(kvs).build();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ByteString hex(String s) {
        return ByteString.copyFrom(HexFormat.of().parseHex(s));
    }

    private void screenshot(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1500);
            stage.setHeight(980);
            robot.lookup(".split-pane").queryAllAs(SplitPane.class).stream()
                    .filter(p -> p.getOrientation() == Orientation.VERTICAL).findFirst()
                    .ifPresent(p -> p.setDividerPositions(0.58));
        });
        robot.interact(() -> view.canvas().fitToView());
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Path dir = REPO.resolve("docs/screenshots");
        Files.createDirectories(dir);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve("designer-traces.png").toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
