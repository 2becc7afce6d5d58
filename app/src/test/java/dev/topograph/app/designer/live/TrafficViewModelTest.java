package dev.topograph.app.designer.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.live.TrafficViewModel.Phase;
import dev.topograph.app.designer.problems.ProblemsViewModel;
import dev.topograph.app.designer.run.FakeRunService;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.live.TrafficGenerator;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.file.ProjectFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * "Send traffic" without a window or a network: each field of the plan is checked as it is typed
 * (bounds of rate and duration, the path, the JSON body), and a fake sender shows progress,
 * cancelling and the summary.
 */
class TrafficViewModelTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    private final FakeRunService service = new FakeRunService();
    private final DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());
    private final ProblemsViewModel problems = new ProblemsViewModel(document, TaskExecutor.synchronous(), 0);
    private final CanvasViewModel canvas = new CanvasViewModel(document, TaskExecutor.synchronous());
    private final List<TrafficGenerator.Plan> plans = new ArrayList<>();
    private final List<FakeSender> senders = new ArrayList<>();
    private RunViewModel run;
    private TrafficViewModel traffic;

    /** Sends nothing: reports progress the test asks for, and returns a canned summary (or waits for stop). */
    private final class FakeSender implements TrafficSender {
        final CountDownLatch stopped = new CountDownLatch(1);
        final boolean waitForStop;
        volatile IntConsumer progress;

        FakeSender(boolean waitForStop) {
            this.waitForStop = waitForStop;
        }

        @Override
        public TrafficGenerator.Summary send(TrafficGenerator.Plan plan, IntConsumer progressSink) throws InterruptedException {
            plans.add(plan);
            progress = progressSink;
            progressSink.accept(150);
            if (waitForStop) {
                stopped.await(10, TimeUnit.SECONDS);
                return new TrafficGenerator.Summary(200, 200, 0, Map.of(201, 200), 2.1, 4.0, 6.3, Duration.ofSeconds(7));
            }
            return new TrafficGenerator.Summary(600, 598, 3, new java.util.TreeMap<>(Map.of(201, 597, 503, 1)), 2.1, 4.0,
                    6.3, Duration.ofSeconds(30));
        }

        @Override
        public void stop() {
            stopped.countDown();
        }
    }

    private void running(TaskExecutor longTasks, boolean waitForStop) throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        run = new RunViewModel(document, problems, TaskExecutor.synchronous(), UiExecutor.direct(), service, 0);
        LiveTools tools = new LiveTools(new FakeMetricsSource(), () -> {
            FakeSender s = new FakeSender(waitForStop);
            senders.add(s);
            return s;
        }, (a, k, s, t) -> 0);
        LiveMetricsViewModel live = new LiveMetricsViewModel(document, canvas, run, TaskExecutor.synchronous(),
                longTasks, UiExecutor.direct(), tools, 0);
        traffic = live.traffic();
    }

    private void allHealthy() {
        for (String node : service.run.nodes) {
            service.run.emit(node, NodeState.HEALTHY, "process", "", 0);
        }
    }

    @Test
    void nothingCanBeSentUntilTheGatewayRuns() throws Exception {
        running(TaskExecutor.synchronous(), false);
        traffic.open();
        assertThat(traffic.canSendProperty().get()).isFalse();
        assertThat(traffic.gatewayErrorProperty().get()).isEqualTo("Run ▶ the design first: traffic goes through its gateway");
        run.start();
        traffic.open();
        assertThat(traffic.gatewayErrorProperty().get()).isEqualTo("gateway is not running yet");
        assertThat(traffic.canSendProperty().get()).isFalse();
        allHealthy();
        assertThat(traffic.gatewayErrorProperty().get()).isEmpty();
        assertThat(traffic.canSendProperty().get()).isTrue();
    }

    @Test
    void theRoutesOfTheGatewayAreOfferedAndAPathSaysWhereItGoes() throws Exception {
        running(TaskExecutor.synchronous(), false);
        run.start();
        allHealthy();
        traffic.open();
        assertThat(traffic.gatewaysProperty().get()).containsExactly("gateway");
        assertThat(traffic.routesProperty().get()).containsExactly("/orders", "/products", "/shipments");
        assertThat(traffic.pathProperty().get()).isEqualTo("/orders");
        assertThat(traffic.destinationProperty().get()).isEqualTo("→ orders");
        traffic.pathProperty().set("/products/42");
        assertThat(traffic.destinationProperty().get()).isEqualTo("→ catalog");
        traffic.pathProperty().set("/payments");
        assertThat(traffic.destinationProperty().get()).isEqualTo("No route of gateway takes this path: it will answer 404");
        assertThat(traffic.canSendProperty().get()).as("a 404 is a valid thing to measure").isTrue();
    }

    @Test
    void eachFieldIsRefusedInPlaceWithItsReason() throws Exception {
        running(TaskExecutor.synchronous(), false);
        run.start();
        allHealthy();
        traffic.open();
        assertThat(traffic.canSendProperty().get()).isTrue();

        for (String bad : new String[] {"0", "0.05", "5001", "fast", ""}) {
            traffic.rateProperty().set(bad);
            assertThat(traffic.rateErrorProperty().get()).as(bad).isEqualTo("A rate from 0.1 to 5,000 requests a second");
            assertThat(traffic.canSendProperty().get()).isFalse();
        }
        traffic.rateProperty().set("5000");
        assertThat(traffic.rateErrorProperty().get()).isEmpty();
        traffic.rateProperty().set("0.5");
        assertThat(traffic.rateErrorProperty().get()).isEmpty();

        for (String bad : new String[] {"0", "3601", "1.5", "-3", "a minute"}) {
            traffic.secondsProperty().set(bad);
            assertThat(traffic.secondsErrorProperty().get()).as(bad).isEqualTo("A duration from 1 to 3,600 whole seconds");
        }
        traffic.secondsProperty().set("3600");
        assertThat(traffic.secondsErrorProperty().get()).isEmpty();
        traffic.rateProperty().set("5000");
        assertThat(traffic.secondsErrorProperty().get())
                .isEqualTo("That is 18,000,000 requests: at most 300,000 in one go (60 s at this rate)");
        traffic.secondsProperty().set("60");
        assertThat(traffic.secondsErrorProperty().get()).isEmpty();

        traffic.pathProperty().set("orders");
        assertThat(traffic.pathErrorProperty().get()).isEqualTo("A path starts with /, e.g. /orders");
        traffic.pathProperty().set("/orders and more");
        assertThat(traffic.pathErrorProperty().get()).startsWith("A path has no spaces");
        traffic.pathProperty().set("/orders?status=new");
        assertThat(traffic.pathErrorProperty().get()).isEmpty();

        traffic.methodProperty().set("POST");
        assertThat(traffic.bodyProperty().get()).as("a body method starts with an empty object").isEqualTo("{}");
        traffic.bodyProperty().set("{\"sku\": \"a\", \"quantity\": }");
        assertThat(traffic.bodyErrorProperty().get()).startsWith("The body is not JSON: Unexpected character ('}'")
                .endsWith("(line 1, column 26)").doesNotContain("code 125");
        assertThat(traffic.canSendProperty().get()).isFalse();
        traffic.bodyProperty().set("{\"sku\": \"a\", \"quantity\": 1}");
        assertThat(traffic.bodyErrorProperty().get()).isEmpty();
        assertThat(traffic.canSendProperty().get()).isTrue();

        traffic.send();
        TrafficGenerator.Plan plan = plans.get(0);
        assertThat(plan.method()).isEqualTo("POST");
        assertThat(plan.url()).isEqualTo(URI.create("http://127.0.0.1:8080/orders?status=new"));
        assertThat(plan.body()).isEqualTo("{\"sku\": \"a\", \"quantity\": 1}");
        assertThat(plan.perSecond()).isEqualTo(5000);
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void sendingShowsProgressThenTheSummary() throws Exception {
        running(TaskExecutor.synchronous(), false);
        run.start();
        allHealthy();
        traffic.open();
        traffic.rateProperty().set("20");
        traffic.secondsProperty().set("30");
        traffic.send();
        assertThat(traffic.phaseProperty().get()).isEqualTo(Phase.DONE);
        assertThat(traffic.summaryProperty().get()).isEqualTo("600 sent, 3 errors · p50 2.1 ms · p95 4.0 ms · p99 6.3 ms");
        assertThat(traffic.statusCodesProperty().get()).isEqualTo("Status codes: 201 × 597, 503 × 1, no answer × 2");
        assertThat(traffic.summaryProblemProperty().get()).isTrue();
        assertThat(traffic.progressProperty().get()).isEqualTo(1.0);
        assertThat(document.noticeProperty().get().text()).isEqualTo(
                "Traffic sent: 600 sent, 3 errors · p50 2.1 ms · p95 4.0 ms · p99 6.3 ms");
        assertThat(traffic.canSendProperty().get()).as("again, with the same plan").isTrue();
        traffic.open();
        assertThat(traffic.phaseProperty().get()).isEqualTo(Phase.EDITING);
    }

    @Test
    void cancelStopsTheSenderAndStoppingTheRunCancelsToo() throws Exception {
        running(TaskExecutor.synchronous(), true);
        run.start();
        allHealthy();
        traffic.open();
        traffic.rateProperty().set("20");
        traffic.secondsProperty().set("10");
        // The sender blocks until stopped: send from a thread of its own, as the app's background task does.
        Thread sending = new Thread(traffic::send);
        sending.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> traffic.progressTextProperty().get().equals("150 of 200 sent"));
        assertThat(traffic.phaseProperty().get()).isEqualTo(Phase.SENDING);
        assertThat(traffic.canSendProperty().get()).isFalse();
        assertThat(traffic.progressTextProperty().get()).isEqualTo("150 of 200 sent");
        assertThat(traffic.progressProperty().get()).isEqualTo(0.75);
        traffic.cancel();
        sending.join(5000);
        assertThat(senders.get(0).stopped.getCount()).isZero();
        assertThat(traffic.phaseProperty().get()).isEqualTo(Phase.DONE);
        assertThat(traffic.progressTextProperty().get()).isEqualTo("200 of 200 sent · cancelled");
        assertThat(document.noticeProperty().get().text()).startsWith("Traffic cancelled: 200 sent, 0 errors");

        Thread again = new Thread(traffic::send);
        again.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> senders.size() == 2
                && senders.get(1).progress != null);
        run.stop();
        again.join(5000);
        assertThat(senders.get(1).stopped.getCount()).as("the run stopped: its traffic too").isZero();
    }
}
