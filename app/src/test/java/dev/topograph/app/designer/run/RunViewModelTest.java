package dev.topograph.app.designer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.problems.ProblemsViewModel;
import dev.topograph.app.designer.run.FakeRunService.FakeRun;
import dev.topograph.app.designer.run.RunViewModel.Phase;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.command.Edits;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run ▶ without a window and without running anything: a fake launcher says what each node does,
 * and the test reads what the designer would show (badges, summary, logs, notices, offers).
 */
class RunViewModelTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    private final FakeRunService service = new FakeRunService();
    private final DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());
    private final ProblemsViewModel problems = new ProblemsViewModel(document, TaskExecutor.synchronous(), 0);
    private final List<RunViewModel.Failure> failures = new ArrayList<>();
    private final AtomicInteger logsShown = new AtomicInteger();

    private RunViewModel viewModel(UiExecutor ui) {
        RunViewModel run = new RunViewModel(document, problems, TaskExecutor.synchronous(), ui, service, 0);
        run.onFailure(failures::add);
        run.onShowLogs(logsShown::incrementAndGet);
        return run;
    }

    private RunViewModel runningShop() throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        RunViewModel run = viewModel(UiExecutor.direct());
        run.start();
        assertThat(run.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        return run;
    }

    private static RunBadge badge(RunViewModel run, String node) {
        return run.badgesProperty().get().get(node);
    }

    @Test
    void theOpenDesignIsPreparedForItsFirstRunWhileNothingRuns() throws Exception {
        RunViewModel run = viewModel(UiExecutor.direct());
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        assertThat(service.prepared).as("opening the design gets its build ready").endsWith("shop");
        int before = service.prepared.size();
        run.start();
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        assertThat(service.prepared).as("a running design builds for itself").hasSize(before);
    }

    @Test
    void aBuildingNodeAndTheStatusLineSayWhatTakesTheTime() throws Exception {
        RunViewModel run = runningShop();
        String progress = "143 of 498 packages · 40 s · first build: compiling dependencies once";
        service.run.emit("orders", NodeState.BUILDING, "", progress, 0);
        assertThat(badge(run, "orders").note()).isEqualTo(progress);
        assertThat(badge(run, "orders").noteProblem()).isFalse();
        assertThat(run.summaryProperty().get()).isEqualTo("shop: 0 of 15 healthy · building 1… · " + progress);
        assertThat(run.summaryToneProperty().get()).isEqualTo(Tone.PROGRESS);
    }

    @Test
    void eachNodeShowsItsOwnStateAsItChanges() throws Exception {
        RunViewModel run = runningShop();
        FakeRun fake = service.run;
        assertThat(service.starts).containsExactly(RunSettings.Mode.PROCESS);
        assertThat(run.badgesProperty().get()).hasSize(15)
                .allSatisfy((node, b) -> assertThat(b.tone()).isEqualTo(Tone.MUTED));
        assertThat(badge(run, "orders").state()).isEqualTo("waiting");

        fake.emit("orders", NodeState.BUILDING, "", "", 0);
        fake.emit("order-events", NodeState.HEALTHY, "nats-server on PATH", "", 0);
        fake.emit("catalog", NodeState.CRASHED, "process", "exited with code 1: panic: runtime error", 2);
        assertThat(badge(run, "orders").state()).isEqualTo("building");
        assertThat(badge(run, "orders").tone()).isEqualTo(Tone.PROGRESS);
        assertThat(badge(run, "order-events").tone()).isEqualTo(Tone.OK);
        assertThat(badge(run, "order-events").note()).as("what serves an infrastructure node")
                .isEqualTo("nats-server on PATH");
        assertThat(badge(run, "order-events").noteProblem()).isFalse();
        RunBadge catalog = badge(run, "catalog");
        assertThat(catalog.state()).isEqualTo("crashed");
        assertThat(catalog.tone()).isEqualTo(Tone.DANGER);
        assertThat(catalog.note()).isEqualTo("exited with code 1: panic: runtime error");
        assertThat(catalog.noteProblem()).isTrue();
        assertThat(catalog.details()).contains("restarted 2 times").contains("panic: runtime error");
        assertThat(badge(run, "payments").state()).as("untouched nodes keep their state").isEqualTo("waiting");
        assertThat(run.summaryProperty().get()).isEqualTo("shop: 1 of 15 healthy · catalog crashed (restart 2)");
        assertThat(run.summaryToneProperty().get()).isEqualTo(Tone.DANGER);

        fake.emit("catalog", NodeState.STARTING, "process", "", 2);
        assertThat(run.summaryProperty().get()).isEqualTo("shop: 1 of 15 healthy · building 1…");
        fake.emit("orders", NodeState.STARTING, "process", "", 0);
        assertThat(run.summaryProperty().get()).isEqualTo("shop: 1 of 15 healthy · starting…");
        for (String node : fake.nodes) {
            fake.emit(node, NodeState.HEALTHY, "process", "", 0);
        }
        assertThat(run.summaryProperty().get()).isEqualTo("shop: 15 of 15 healthy");
        assertThat(run.summaryToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(run.badgesProperty().get()).allSatisfy((node, b) -> assertThat(b.state()).isEqualTo("healthy"));
        assertThat(badge(run, "orders").note()).as("a process says nothing under the node").isEmpty();

        fake.emit("inventory", NodeState.UNHEALTHY, "process", "/readyz answered 503", 0);
        assertThat(run.summaryProperty().get()).isEqualTo("shop: 14 of 15 healthy · inventory unhealthy");
        assertThat(run.summaryToneProperty().get()).isEqualTo(Tone.WARN);
        assertThat(badge(run, "inventory").note()).isEqualTo("/readyz answered 503");
    }

    @Test
    void aThousandStatusesAndLinesFromManyThreadsReachTheUiThreadInOneHop() throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        AtomicInteger hops = new AtomicInteger();
        RunViewModel run = viewModel(command -> {
            hops.incrementAndGet();
            uiQueue.add(command);
        });
        run.start();
        FakeRun fake = service.run;
        int afterStart = hops.get();
        assertThat(afterStart).as("the waiting statuses of the start are one hop").isEqualTo(1);
        drain(uiQueue);

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> launcherThreads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            launcherThreads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 250; i++) {
                    String node = fake.nodes.get((thread * 250 + i) % fake.nodes.size());
                    fake.emit(node, i % 2 == 0 ? NodeState.STARTING : NodeState.BUILDING, "process", "", 0);
                    fake.log(node, "line " + thread + "-" + i, false);
                }
            }));
        }
        launcherThreads.forEach(Thread::start);
        go.countDown();
        for (Thread t : launcherThreads) {
            t.join();
        }
        // Until the UI thread takes the batch, however many events come, one hop is pending.
        assertThat(hops.get() - afterStart).isEqualTo(1);
        for (int i = 0; i < 1000; i++) {
            fake.emit("orders", NodeState.BUILDING, "process", "", 0);
        }
        fake.emit("orders", NodeState.HEALTHY, "process", "", 0);
        assertThat(hops.get() - afterStart).isEqualTo(1);
        assertThat(badge(run, "orders").state()).as("nothing reaches the UI before its thread runs").isEqualTo("waiting");

        drain(uiQueue);
        assertThat(badge(run, "orders").state()).as("the newest status wins").isEqualTo("healthy");
        run.logs().select("payments");
        assertThat(run.logs().rows()).extracting(LogRow::text).allMatch(t -> t.startsWith("line ")).isNotEmpty();
        int total = fake.nodes.stream().mapToInt(n -> {
            run.logs().select(n);
            return run.logs().rows().size();
        }).sum();
        assertThat(total).as("every line arrives, in batches").isEqualTo(1000);

        fake.emit("payments", NodeState.HEALTHY, "process", "", 0);
        assertThat(hops.get() - afterStart).as("the next burst is the next hop").isEqualTo(2);
    }

    private static void drain(ConcurrentLinkedQueue<Runnable> queue) {
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            r.run();
        }
    }

    @Test
    void stopStopsTheRunAndTheCanvasGoesBackToDesigning() throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        RunViewModel run = viewModel(uiQueue::add);
        run.start();
        FakeRun fake = service.run;
        fake.nodes.forEach(n -> fake.emit(n, NodeState.HEALTHY, "process", "", 0));
        drain(uiQueue);
        assertThat(run.summaryProperty().get()).isEqualTo("shop: 15 of 15 healthy");

        run.runOrStop();
        assertThat(fake.stops).isEqualTo(1);
        assertThat(run.phaseProperty().get()).isEqualTo(Phase.IDLE);
        assertThat(run.badgesProperty().get()).isEmpty();
        assertThat(run.summaryProperty().get()).isEmpty();
        assertThat(document.noticeProperty().get().text()).isEqualTo("Stopped shop: nothing of it is left running");
        run.logs().select("orders");
        assertThat(run.logs().rows()).as("the last lines of a stopped run still show, not a batch later")
                .extracting(LogRow::text).containsExactly("stopping");
        drain(uiQueue);
        assertThat(run.badgesProperty().get()).as("late news of a stopped run changes nothing").isEmpty();

        run.runOrStop();
        assertThat(service.starts).as("Run again starts a new run").hasSize(2);
        assertThat(service.run).isNotSameAs(fake);
    }

    @Test
    void aRefusedRunIsANoticeAndADialogThatPointsAtTheProblems() throws Exception {
        Topology shop = new ProjectFile().load(EXAMPLE);
        document.show(shop, Optional.of(EXAMPLE), false);
        // A subscriber whose queue nobody publishes to: TOPO030, an error.
        document.execute(Edits.addNode(dev.topograph.model.topology.InfraNode.of("lonely",
                dev.topograph.model.topology.NodeKind.QUEUE).withLayout(Optional.of(new Layout(0, 0)))));
        document.execute(Edits.connect(dev.topograph.model.topology.Edge.of("lonely", "shipping",
                dev.topograph.model.topology.EdgeKind.SUBSCRIBE)));
        assertThat(problems.errorsProperty().get()).isPositive();
        service.refusal = new LaunchException("The design has 1 error; fix it before running it:\n  TOPO030 lonely: …");
        RunViewModel run = viewModel(UiExecutor.direct());
        run.start();
        assertThat(run.phaseProperty().get()).isEqualTo(Phase.IDLE);
        assertThat(document.noticeProperty().get())
                .isEqualTo(new DocumentViewModel.Notice("Cannot run shop: The design has 1 error; fix it before running it", true));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Cannot run shop");
            assertThat(f.message()).contains("TOPO030 lonely");
            assertThat(f.designHasErrors()).isTrue();
        });

        service.refusal = new LaunchException("Another program already listens on port 8080 (gateway).");
        document.undo();
        document.undo();
        run.start();
        assertThat(failures).hasSize(2);
        assertThat(failures.get(1).designHasErrors()).isFalse();
        assertThat(run.badgesProperty().get()).isEmpty();
    }

    @Test
    void aRunningServiceWhoseLastBuildFailedStaysGreenAndSaysWhyUnderTheNode() throws Exception {
        RunViewModel run = runningShop();
        FakeRun fake = service.run;
        for (String node : fake.nodes) {
            fake.emit(node, NodeState.HEALTHY, "process", "", 0);
        }
        String error = "build failed: services/catalog/internal/handlers/list_products.go:12: undefined: foo";
        fake.emit("catalog", NodeState.HEALTHY, "process", error, 0);
        RunBadge catalog = badge(run, "catalog");
        assertThat(catalog.state()).isEqualTo("healthy");
        assertThat(catalog.tone()).as("it still serves, on its previous build").isEqualTo(Tone.OK);
        assertThat(catalog.note()).isEqualTo(error);
        assertThat(catalog.noteProblem()).isTrue();
        assertThat(badge(run, "orders").note()).isEmpty();
    }

    @Test
    void aStartTheLauncherGivesUpOnTellsWhyAndKeepsTheFailedNodeInView() throws Exception {
        RunViewModel run = runningShop();
        FakeRun fake = service.run;
        fake.emit("catalog", NodeState.FAILED, "", "catalog: go build failed: undefined: handleFoo", 0);
        fake.log("catalog", "./handlers.go:12:2: undefined: handleFoo", true);
        fake.log("", "run stopped: catalog: go build failed: undefined: handleFoo", true);
        fake.nodes.stream().filter(n -> !n.equals("catalog"))
                .forEach(n -> fake.emit(n, NodeState.STOPPED, "", "", 0));
        assertThat(run.phaseProperty().get()).isEqualTo(Phase.IDLE);
        assertThat(fake.stops).as("joined, so nothing is left when the designer moves on").isEqualTo(1);
        assertThat(run.summaryProperty().get()).isEqualTo("shop could not start: catalog: go build failed: undefined: handleFoo");
        assertThat(run.summaryToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(document.noticeProperty().get().problem()).isTrue();
        assertThat(badge(run, "catalog").state()).isEqualTo("failed");
        assertThat(badge(run, "catalog").note()).contains("undefined: handleFoo");
        assertThat(run.logs().selectedProperty().get().node()).isEqualTo("catalog");
        assertThat(run.logs().rows()).extracting(LogRow::text).contains("./handlers.go:12:2: undefined: handleFoo");
        assertThat(logsShown.get()).isEqualTo(1);
        assertThat(failures).as("no dialog for what the canvas and the logs show").isEmpty();
    }

    @Test
    void leftoversOfAKilledRunAreOfferedAndCleanedOnlyWhenTheUserAgrees() {
        Leftovers.Found shop = new Leftovers.Found("shop", Path.of("/runs/shop"),
                List.of(ProcessHandle.current(), ProcessHandle.current()), List.of(),
                List.of(Path.of("/tmp/a"), Path.of("/tmp/b"), Path.of("/tmp/c")));
        Leftovers.Found stale = new Leftovers.Found("old", Path.of("/runs/old"), List.of(), List.of(), List.of());
        service.leftovers = List.of(stale, shop);
        RunViewModel run = viewModel(UiExecutor.direct());
        List<RunViewModel.LeftoversOffer> offers = new ArrayList<>();

        run.offerCleanup(offer -> {
            offers.add(offer);
            return false;
        });
        assertThat(offers).singleElement().extracting(RunViewModel.LeftoversOffer::message)
                .isEqualTo("A run of shop was interrupted and left 2 processes, 3 data folders.");
        assertThat(service.cleaned).as("Leave: only a record with nothing behind it goes").containsExactly(stale);

        service.cleaned.clear();
        run.offerCleanup(offer -> true);
        assertThat(service.cleaned).containsExactly(stale, shop);
        assertThat(document.noticeProperty().get().text()).isEqualTo("Cleaned up what the interrupted run of shop left");

        service.cleaned.clear();
        service.leftovers = List.of();
        run.offerCleanup(offer -> {
            throw new AssertionError("nothing to offer");
        });
        assertThat(service.cleaned).isEmpty();
    }

    @Test
    void runWaitsUntilTheCleanupIsDone() throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        service.leftovers = List.of(new Leftovers.Found("shop", Path.of("/runs/shop"), List.of(ProcessHandle.current()),
                List.of(), List.of()));
        List<dev.topograph.app.ui.BackgroundTask<?>> later = new ArrayList<>();
        AtomicInteger submitted = new AtomicInteger();
        TaskExecutor findNowCleanLater = new TaskExecutor() {
            @Override
            public <T> void execute(dev.topograph.app.ui.BackgroundTask<T> task) {
                if (submitted.incrementAndGet() == 2) {
                    later.add(task); // The cleanup takes its time.
                } else {
                    TaskExecutor.synchronous().execute(task);
                }
            }
        };
        RunViewModel run = new RunViewModel(document, problems, findNowCleanLater, UiExecutor.direct(), service, 0);
        run.offerCleanup(offer -> true);
        assertThat(run.cleaningProperty().get()).isTrue();
        assertThat(run.summaryProperty().get()).isEqualTo("cleaning up after shop…");
        run.start();
        assertThat(service.starts).as("not while the old run's processes may hold its ports").isEmpty();

        later.forEach(task -> TaskExecutor.synchronous().execute(task));
        assertThat(service.cleaned).hasSize(1);
        assertThat(run.cleaningProperty().get()).isFalse();
        assertThat(run.summaryProperty().get()).isEmpty();
        run.start();
        assertThat(service.starts).hasSize(1);
    }

    @Test
    void offersForSeveralProjectsNameEach() {
        Leftovers.Found a = new Leftovers.Found("shop", Path.of("/a"), List.of(ProcessHandle.current()), List.of("c1"),
                List.of());
        Leftovers.Found b = new Leftovers.Found("billing", Path.of("/b"), List.of(), List.of(), List.of(Path.of("/d")));
        assertThat(RunViewModel.offer(List.of(a, b)).message()).isEqualTo(
                "Runs of shop and billing were interrupted and left shop: 1 process, 1 container; billing: 1 data folder.");
    }

    @Test
    void editingWhileRunningIsAllowedAndHintsThatChangesApplyOnTheNextRun() throws Exception {
        RunViewModel run = runningShop();
        assertThat(run.editedWhileRunningProperty().get()).isFalse();
        assertThat(document.execute(Edits.moveNodes(Map.of("orders", new Layout(1000, 1000))))).isTrue();
        assertThat(run.editedWhileRunningProperty().get()).isTrue();
        document.undo();
        assertThat(run.editedWhileRunningProperty().get()).as("back to what runs").isFalse();
        document.redo();
        run.stop();
        assertThat(run.editedWhileRunningProperty().get()).isFalse();
    }

    @Test
    void restartAndShowLogsAreForNodesOfTheRun() throws Exception {
        RunViewModel run = runningShop();
        FakeRun fake = service.run;
        assertThat(run.runs("catalog")).isTrue();
        assertThat(run.runs("nonexistent")).isFalse();
        run.restart("catalog");
        assertThat(fake.restarts).containsExactly("catalog");
        assertThat(document.noticeProperty().get().text()).isEqualTo("Restarting catalog");
        run.showLogs("orders");
        assertThat(run.logs().selectedProperty().get().node()).isEqualTo("orders");
        assertThat(logsShown.get()).isEqualTo(1);
        run.stop();
        assertThat(run.runs("catalog")).isFalse();
        run.restart("catalog");
        assertThat(fake.restarts).hasSize(1);
    }

    @Test
    void closingTheWindowStopsTheRunFirst() throws Exception {
        RunViewModel run = runningShop();
        List<String> order = new ArrayList<>();
        run.close(() -> order.add("closed after " + service.run.stops + " stop"));
        assertThat(order).containsExactly("closed after 1 stop");
        assertThat(run.phaseProperty().get()).isEqualTo(Phase.IDLE);

        run.close(() -> order.add("closed at once"));
        assertThat(order).containsExactly("closed after 1 stop", "closed at once");
    }

    @Test
    void closingWaitsForAStopOnlySoLong() throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        List<Runnable> never = new ArrayList<>();
        // Background work that never finishes: the stop hangs.
        RunViewModel run = new RunViewModel(document, problems, new TaskExecutor() {
            private boolean first = true;

            @Override
            public <T> void execute(dev.topograph.app.ui.BackgroundTask<T> task) {
                if (first) {
                    first = false;
                    TaskExecutor.synchronous().execute(task);
                } else {
                    never.add(() -> { });
                }
            }
        }, UiExecutor.direct(), service, 0);
        run.start();
        CountDownLatch closed = new CountDownLatch(1);
        run.close(closed::countDown, Duration.ofMillis(50));
        assertThat(closed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(never).hasSize(1);
    }

    @Test
    void theLogsKeepTheNewestLinesOfEachNodeAndFilterThem() throws Exception {
        RunViewModel run = runningShop();
        FakeRun fake = service.run;
        for (int i = 0; i < LogsViewModel.LINES_PER_SOURCE + 500; i++) {
            fake.log("orders", "{\"level\":\"INFO\",\"msg\":\"request\",\"path\":\"/orders/" + i + "\"}", false);
        }
        fake.log("orders", "x".repeat(LogsViewModel.LINE_CHARS * 3), false);
        fake.log("orders", "started by process as pid 4001", true);
        LogsViewModel logs = run.logs();
        logs.select("orders");
        assertThat(logs.rows()).hasSize(LogsViewModel.LINES_PER_SOURCE);
        assertThat(logs.rows().get(0).text()).contains("/orders/502\"");
        assertThat(logs.rows().get(logs.rows().size() - 2).text()).hasSizeLessThan(LogsViewModel.LINE_CHARS + 3);
        assertThat(logs.rows().get(logs.rows().size() - 1).fromLauncher()).isTrue();

        logs.filterProperty().set("ORDERS/999\"");
        assertThat(logs.rows()).extracting(LogRow::text).containsExactly("{\"level\":\"INFO\",\"msg\":\"request\",\"path\":\"/orders/999\"}");
        fake.log("orders", "{\"path\":\"/orders/999\"}", false);
        fake.log("orders", "{\"path\":\"/orders/1000\"}", false);
        assertThat(logs.rows()).as("new lines are filtered as they come").hasSize(2);
        logs.filterProperty().set("");
        assertThat(logs.rows()).hasSize(LogsViewModel.LINES_PER_SOURCE);

        logs.select("payments");
        assertThat(logs.rows()).isEmpty();
        assertThat(logs.sourcesProperty().get().get(0)).isEqualTo(LogSource.RUN);
        assertThat(logs.sourcesProperty().get()).hasSize(16);
    }

    @Test
    void theLogsFollowTheCanvasSelectionAndTheCanvasShowsTheBadges(@TempDir Path temp) throws Exception {
        MainViewModel main = new MainViewModel(TaskExecutor.synchronous(), 0, new UserDirectories(temp, temp), 0,
                service, UiExecutor.direct(), 0, dev.topograph.app.designer.live.FakeMetricsSource.silentTools(),
                TaskExecutor.synchronous());
        main.document().show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        main.run().start();
        service.run.emit("orders", NodeState.HEALTHY, "process", "", 0);
        assertThat(main.canvas().runBadgesProperty().get().get("orders").state()).isEqualTo("healthy");
        main.canvas().select(List.of("catalog"));
        assertThat(main.run().logs().selectedProperty().get().node()).isEqualTo("catalog");
        main.canvas().select(List.of("catalog", "orders"));
        assertThat(main.run().logs().selectedProperty().get().node()).as("several selected: no change").isEqualTo("catalog");
        main.run().stop();
        assertThat(main.canvas().runBadgesProperty().get()).isEmpty();
    }
}
