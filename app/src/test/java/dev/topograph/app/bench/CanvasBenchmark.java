package dev.topograph.app.bench;

import com.sun.javafx.perf.PerformanceTracker;
import dev.topograph.app.designer.MainView;
import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.designer.canvas.DiagramCanvas;
import dev.topograph.app.designer.canvas.Diagram;
import dev.topograph.app.designer.canvas.DrawnEdge;
import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.designer.canvas.LiveEdge;
import dev.topograph.app.designer.canvas.LiveNode;
import dev.topograph.app.designer.canvas.LiveOverlay;
import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.layout.LayeredLayout;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.SyntheticTopology;
import dev.topograph.model.topology.Topology;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Frame-counting benchmark of the designer canvas (issue 4): opens the real designer window
 * (1400×880) on the current DISPLAY, reports cold start to first frame and memory with
 * {@code examples/shop.topology.json} open, then shows a laid-out 1,000-node / 2,000-edge
 * topology and drives the camera on every pulse through several pan-and-zoom scenarios,
 * counting the frames JavaFX actually renders (its PerformanceTracker), with the CPU time the
 * FX and render threads spent per frame, which says what a frame costs whatever else the
 * machine is doing. A program that prints figures, not a test; {@code scripts/bench-canvas.sh}
 * runs it.
 *
 * <p>Options (system properties): {@code bench.seconds} measured per scenario, after two seconds
 * of warm-up (default 10); {@code bench.layout}: {@code elk} (the app's auto-layout, default) or
 * {@code grid} (the generator's own positions); {@code bench.example}: the example to open;
 * {@code bench.launchedAt}: epoch ms when the process was launched, for cold start from launch;
 * {@code bench.only}: scenario numbers to run (from 0, comma-separated); {@code bench.shots}: a
 * folder for pictures of the canvas at fixed cameras, for comparing drawings before and after a
 * change, and of the first second of each scenario under 45 fps; {@code bench.live}: how many
 * services show live figures during the scenarios (default 0): every second, the services
 * nearest the view's centre get new figures (a card, a sparkline, a ring) and so do their edges
 * (label and width), through the canvas's own overlay, as a watched run's would.
 */
public final class CanvasBenchmark {
    private CanvasBenchmark() {
    }

    public static void main(String[] args) {
        Application.launch(Bench.class, args);
    }

    /** One way of moving the camera: scale and the canvas point at the view's centre, by time. */
    record Scenario(String name, DoubleUnaryOperator scale, DoubleUnaryOperator centreX, DoubleUnaryOperator centreY) {
    }

    /** The designer window exactly as {@code DesignerApp} builds it, plus the measuring. */
    public static final class Bench extends Application {
        private static final int WARM_UP_SECONDS = 2;
        private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        private final AtomicInteger rendered = new AtomicInteger();
        private final List<String> report = new ArrayList<>();
        private final Path shots = Optional.ofNullable(System.getProperty("bench.shots")).map(Path::of).orElse(null);
        private MainViewModel viewModel;
        private MainView view;
        private Stage stage;
        private volatile long firstFrameAt;
        private volatile int awaitedFrame = Integer.MAX_VALUE;
        private volatile long awaitedFrameAt;

        @Override
        public void start(Stage primary) {
            stage = primary;
            viewModel = new MainViewModel(new BackgroundTaskExecutor(new FxUiExecutor()),
                    MainViewModel.VALIDATION_DEBOUNCE_MILLIS);
            view = new MainView(viewModel);
            Scene scene = new Scene(view.root(), 1400, 880);
            stage.setScene(scene);
            stage.titleProperty().bind(viewModel.document().titleProperty());
            PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
            tracker.setOnRenderedFrameTask(() -> {
                long now = System.currentTimeMillis();
                if (firstFrameAt == 0) {
                    firstFrameAt = now;
                }
                if (rendered.incrementAndGet() == awaitedFrame) {
                    awaitedFrameAt = now;
                }
            });
            Path example = Path.of(System.getProperty("bench.example", "examples/shop.topology.json"));
            viewModel.document().topologyProperty().addListener((o, old, now) -> {
                if (now.name().equals("shop")) {
                    whenNextFrameRendered(this::exampleDrawn);
                }
            });
            stage.show();
            view.open(example);
        }

        /**
         * Calls back on the FX thread with the time the next frame was rendered: the frame that
         * the next pulse syncs (at most one frame late if another was still being rendered).
         */
        private void whenNextFrameRendered(java.util.function.LongConsumer then) {
            new AnimationTimer() {
                private boolean armed;

                @Override
                public void handle(long now) {
                    if (!armed) {
                        armed = true;
                        awaitedFrameAt = 0;
                        awaitedFrame = rendered.get() + 1;
                    } else if (awaitedFrameAt != 0) {
                        stop();
                        then.accept(awaitedFrameAt);
                    }
                }
            }.start();
        }

        private void exampleDrawn(long drawnAt) {
            long launchedAt = Long.getLong("bench.launchedAt", 0);
            line("cold start (JVM start -> first frame):        %5d ms", firstFrameAt - jvmStart);
            line("cold start (JVM start -> example drawn):      %5d ms", drawnAt - jvmStart);
            if (launchedAt > 0) {
                line("cold start (process launch -> first frame):   %5d ms", firstFrameAt - launchedAt);
                line("cold start (process launch -> example drawn): %5d ms", drawnAt - launchedAt);
            }
            // Let validation finish and the JIT settle before looking at memory.
            after(1500, () -> {
                line("memory, shop example open: %s", memory());
                Runnable next = this::loadLarge;
                if (shots != null) {
                    DiagramCanvas c = view.canvas();
                    double fitScale = c.scale();
                    double[] fitAt = c.toView(0, 0);
                    next = shots(List.of(
                            new Shot("shop-fit", () -> c.setCamera(fitScale, fitAt[0], fitAt[1])),
                            new Shot("shop-100", () -> c.setCamera(1, 20, 10)),
                            new Shot("shop-selected", () -> viewModel.canvas().select(
                                    List.of("orders", "orders->order-events:publish:order.created", "gateway->catalog:http"))),
                            new Shot("shop-60", () -> {
                                viewModel.canvas().clearSelection();
                                c.setCamera(0.6, 20, 10);
                            }),
                            new Shot("shop-dark", () -> {
                                viewModel.darkProperty().set(true);
                                c.setCamera(1, 20, 10);
                            }),
                            new Shot("shop-light", () -> viewModel.darkProperty().set(false))), next);
                }
                next.run();
            });
        }

        private void loadLarge() {
            String layout = System.getProperty("bench.layout", "elk");
            long t0 = System.nanoTime();
            Topology t = SyntheticTopology.generate(1000, 2000, 42);
            if (layout.equals("elk")) {
                t = laidOut(t);
            }
            long t1 = System.nanoTime();
            viewModel.document().show(t, Optional.empty(), false);
            long t2 = System.nanoTime();
            view.canvas().fitToView();
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (Node n : t.nodes()) {
                Layout at = n.layout().orElseThrow();
                minX = Math.min(minX, at.x());
                minY = Math.min(minY, at.y());
                maxX = Math.max(maxX, at.x() + DrawnNode.WIDTH);
                maxY = Math.max(maxY, at.y() + DrawnNode.HEIGHT);
            }
            line("large design: %d nodes, %d edges, %d contexts, layout %s (%.0f ms), %.0f x %.0f, shown in %.0f ms;"
                    + " canvas %.0f x %.0f, fit to view at zoom %.2f", t.nodes().size(), t.edges().size(),
                    t.contexts().size(), layout, (t1 - t0) / 1e6, maxX - minX, maxY - minY, (t2 - t1) / 1e6,
                    view.canvas().getWidth(), view.canvas().getHeight(), view.canvas().scale());
            after(3000, () -> {
                line("memory, large design open: %s", memory());
                startLiveFigures(Integer.getInteger("bench.live", 0));
                Runnable next = () -> runScenarios(scenarios(), 0);
                if (shots != null) {
                    DiagramCanvas c = view.canvas();
                    javafx.geometry.Bounds all = c.visibleCanvasArea();
                    double cx = all.getCenterX();
                    double cy = all.getCenterY();
                    List<Shot> list = new ArrayList<>();
                    for (double zoom : new double[] {1, 0.6, 0.44, 0.3, 0.15}) {
                        list.add(new Shot(String.format(Locale.ROOT, "large-%03d", Math.round(zoom * 100)),
                                () -> c.setCamera(zoom, c.getWidth() / 2 - cx * zoom, c.getHeight() / 2 - cy * zoom)));
                    }
                    next = shots(list, next);
                }
                next.run();
            });
        }

        /** Feeds live figures of {@code count} services to the canvas every second, as a watched run would. */
        private void startLiveFigures(int count) {
            if (count <= 0) {
                return;
            }
            Random random = new Random(42);
            int[] edges = new int[1];
            javafx.animation.Timeline feed = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                    javafx.util.Duration.seconds(1), e -> {
                        LiveOverlay overlay = liveOverlay(count, random);
                        edges[0] = overlay.edges().size();
                        viewModel.canvas().showLive(overlay);
                    }));
            feed.setCycleCount(javafx.animation.Animation.INDEFINITE);
            feed.play();
            after(1100, () -> line("live figures: %d services nearest the view's centre and their %d edges, new figures"
                    + " every second", count, edges[0]));
        }

        private LiveOverlay liveOverlay(int count, Random random) {
            Diagram d = viewModel.canvas().diagramProperty().get();
            javafx.geometry.Bounds area = view.canvas().visibleCanvasArea();
            double cx = area.getCenterX();
            double cy = area.getCenterY();
            List<DrawnNode> nearest = d.nodes().stream().filter(n -> n.kind().equals("service") || n.kind().equals("gateway"))
                    .sorted(Comparator.comparingDouble(n -> Math.hypot(n.centerX() - cx, n.centerY() - cy)))
                    .limit(count).toList();
            Set<String> ids = new HashSet<>();
            Map<String, LiveNode> nodes = new HashMap<>();
            RunBadge.Tone[] tones = {RunBadge.Tone.OK, RunBadge.Tone.OK, RunBadge.Tone.OK, RunBadge.Tone.WARN,
                    RunBadge.Tone.DANGER};
            for (DrawnNode n : nearest) {
                ids.add(n.id());
                List<Double> trend = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    trend.add(20 + 10 * random.nextDouble());
                }
                double rate = 10 + 90 * random.nextDouble();
                nodes.put(n.id(), new LiveNode(String.format(Locale.ROOT, "%.1f/s", rate),
                        String.format(Locale.ROOT, "%.1f %% err", random.nextDouble()),
                        String.format(Locale.ROOT, "p95 %.1f ms", 2 + 20 * random.nextDouble()),
                        (20 + random.nextInt(40)) + " goroutines", (10 + random.nextInt(30)) + " MB", trend,
                        tones[random.nextInt(tones.length)], random.nextInt(10) == 0, "", n.id() + " figures"));
            }
            Map<String, LiveEdge> edges = new HashMap<>();
            for (DrawnEdge e : d.edges()) {
                if ((ids.contains(e.from()) || ids.contains(e.to())) && !e.kind().equals("db")) {
                    double rate = 100 * random.nextDouble();
                    edges.put(e.key(), new LiveEdge(String.format(Locale.ROOT, "%.1f/s", rate),
                            Math.min(5, 1.5 * Math.log10(1 + rate)), RunBadge.Tone.OK, random.nextInt(20) == 0,
                            e.key()));
                }
            }
            return new LiveOverlay(nodes, edges);
        }

        /** A named camera or state to take a picture of, to compare the drawing before and after a change. */
        record Shot(String name, Runnable setUp) {
        }

        private Runnable shots(List<Shot> list, Runnable then) {
            return () -> {
                if (list.isEmpty()) {
                    then.run();
                    return;
                }
                Shot shot = list.get(0);
                shot.setUp().run();
                after(400, () -> {
                    snapshot(shots.resolve(shot.name() + ".png"));
                    after(100, shots(list.subList(1, list.size()), then));
                });
            };
        }

        /** The app's own auto-layout (Eclipse ELK, layered), applied the way a user would. */
        private static Topology laidOut(Topology t) {
            List<LayeredLayout.Box> boxes = t.nodes().stream()
                    .map(n -> new LayeredLayout.Box(n.id(), DrawnNode.WIDTH, DrawnNode.HEIGHT)).toList();
            List<LayeredLayout.Link> links = t.edges().stream()
                    .map(e -> new LayeredLayout.Link(e.from(), e.to())).toList();
            Map<String, double[]> at = new LayeredLayout().layout(boxes, links);
            List<Node> nodes = t.nodes().stream().map(n -> {
                double[] p = at.get(n.id());
                return n.withLayout(Optional.of(new Layout(Math.round(p[0]), Math.round(p[1]))));
            }).toList();
            return new Topology(t.name(), t.module(), t.contexts(), nodes, t.edges());
        }

        private List<Scenario> scenarios() {
            DiagramCanvas canvas = view.canvas();
            canvas.fitToView();
            javafx.geometry.Bounds all = canvas.visibleCanvasArea();
            double minX = all.getMinX();
            double minY = all.getMinY();
            double w = all.getWidth();
            double h = all.getHeight();
            double fit = canvas.scale();
            // The centre wanders over the middle of the design (a Lissajous path), so the view
            // crosses dense and sparse parts, contexts and long edges.
            DoubleUnaryOperator wanderX = s -> minX + w * (0.5 + 0.3 * Math.sin(s * 0.45));
            DoubleUnaryOperator wanderY = s -> minY + h * (0.5 + 0.3 * Math.sin(s * 0.31 + 1));
            return List.of(
                    new Scenario("pan + zoom 0.25-1.5 (user range)", cycle(0.25, 1.5, 6), wanderX, wanderY),
                    new Scenario("pan + zoom 0.3-0.4 (zoomed out)", cycle(0.3, 0.4, 3), wanderX, wanderY),
                    new Scenario("pan at 100 %", s -> 1, wanderX, wanderY),
                    new Scenario(String.format(Locale.ROOT, "whole design, zoom %.2f-%.2f", fit, fit * 1.25),
                            cycle(fit, fit * 1.25, 3), s -> minX + w / 2 + w * 0.05 * Math.sin(s), s -> minY + h / 2),
                    new Scenario("pan + zoom 0.5-0.7", cycle(0.5, 0.7, 3), wanderX, wanderY));
        }

        /** A scale that swings between lo and hi (geometrically, like wheel zooming) every period seconds. */
        private static DoubleUnaryOperator cycle(double lo, double hi, double period) {
            return s -> lo * Math.pow(hi / lo, 0.5 - 0.5 * Math.cos(2 * Math.PI * s / period));
        }

        private void runScenarios(List<Scenario> all, int index) {
            if (index == all.size()) {
                report.forEach(System.out::println);
                System.out.flush();
                stage.close();
                javafx.application.Platform.exit();
                System.exit(0);
                return;
            }
            String only = System.getProperty("bench.only");
            if (only != null && !Arrays.asList(only.split(",")).contains(String.valueOf(index))) {
                runScenarios(all, index + 1);
                return;
            }
            Scenario scenario = all.get(index);
            int seconds = Integer.getInteger("bench.seconds", 10);
            DiagramCanvas canvas = view.canvas();
            List<Integer> frames = new ArrayList<>();
            List<Integer> pulses = new ArrayList<>();
            Map<DiagramCanvas.Frame, Integer> kinds = new java.util.EnumMap<>(DiagramCanvas.Frame.class);
            new AnimationTimer() {
                private long start = -1;
                private long secondStart;
                private int framesAtSecond;
                private int pulsesInSecond;
                private int firstFrame;
                private long[] cpuAtStart;
                private boolean slowShot;

                @Override
                public void handle(long now) {
                    if (start < 0) {
                        start = now;
                        secondStart = now + WARM_UP_SECONDS * 1_000_000_000L;
                        framesAtSecond = -1;
                    }
                    if (framesAtSecond >= 0) {
                        // What the previous pulse left on the canvas: drawn, drawn rough, or moved.
                        kinds.merge(canvas.shownFrame(), 1, Integer::sum);
                    }
                    double s = (now - start) / 1e9;
                    double scale = scenario.scale().applyAsDouble(s);
                    double cx = scenario.centreX().applyAsDouble(s);
                    double cy = scenario.centreY().applyAsDouble(s);
                    canvas.setCamera(scale, canvas.getWidth() / 2 - cx * scale, canvas.getHeight() / 2 - cy * scale);
                    if (now < secondStart) {
                        return;
                    }
                    if (framesAtSecond < 0) {
                        framesAtSecond = rendered.get();
                        firstFrame = framesAtSecond;
                        cpuAtStart = threadCpu();
                        secondStart = now;
                        pulsesInSecond = 0;
                    }
                    pulsesInSecond++;
                    if (now - secondStart >= 1_000_000_000L) {
                        double elapsed = (now - secondStart) / 1e9;
                        int r = rendered.get();
                        frames.add((int) Math.round((r - framesAtSecond) / elapsed));
                        if (shots != null && frames.get(frames.size() - 1) < 45 && !slowShot) {
                            slowShot = true;
                            snapshot(shots.resolve("slow-" + index + ".png"));
                        }
                        pulses.add((int) Math.round(pulsesInSecond / elapsed));
                        framesAtSecond = r;
                        secondStart = now;
                        pulsesInSecond = 0;
                    }
                    if (frames.size() == seconds) {
                        stop();
                        long[] cpu = threadCpu();
                        int count = Math.max(1, rendered.get() - firstFrame);
                        finish(scenario, frames, pulses, (cpu[0] - cpuAtStart[0]) / 1e6 / count,
                                (cpu[1] - cpuAtStart[1]) / 1e6 / count, kinds);
                        after(300, () -> runScenarios(all, index + 1));
                    }
                }
            }.start();
        }

        private void finish(Scenario scenario, List<Integer> frames, List<Integer> pulses, double fxCpu,
                double renderCpu, Map<DiagramCanvas.Frame, Integer> kinds) {
            int all = Math.max(1, kinds.values().stream().mapToInt(i -> i).sum());
            line("fps %-34s median %3d  min %3d  max %3d | pulses/s %3d | CPU ms/frame FX %4.1f render %4.1f"
                    + " | frames drawn %3d%%, rough %3d%%, moved %3d%% | per second %s", scenario.name(), median(frames),
                    frames.stream().mapToInt(i -> i).min().orElse(0), frames.stream().mapToInt(i -> i).max().orElse(0),
                    median(pulses), fxCpu, renderCpu, 100 * kinds.getOrDefault(DiagramCanvas.Frame.DETAILED, 0) / all,
                    100 * kinds.getOrDefault(DiagramCanvas.Frame.ROUGH, 0) / all,
                    100 * kinds.getOrDefault(DiagramCanvas.Frame.MOVED, 0) / all, frames);
        }

        /**
         * CPU time so far of the FX application thread and of the render thread, in ns. Per frame,
         * they say what a frame costs whatever else the machine is doing.
         */
        private static long[] threadCpu() {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] cpu = new long[2];
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("JavaFX Application Thread")) {
                    cpu[0] = threads.getThreadCpuTime(t.getId());
                } else if (t.getName().startsWith("QuantumRenderer")) {
                    cpu[1] = threads.getThreadCpuTime(t.getId());
                }
            }
            return cpu;
        }

        private void snapshot(Path out) {
            try {
                Files.createDirectories(out.getParent());
                var image = view.canvas().snapshot(null, null);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                        out.toFile());
            } catch (Exception e) {
                line("screenshot %s failed: %s", out, e);
            }
        }

        private static int median(List<Integer> values) {
            int[] sorted = values.stream().mapToInt(i -> i).sorted().toArray();
            return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        }

        private static String memory() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime rt = Runtime.getRuntime();
            long used = rt.totalMemory() - rt.freeMemory();
            return String.format(Locale.ROOT, "heap used %.1f MB (committed %.1f MB), RSS %s",
                    used / 1048576.0, rt.totalMemory() / 1048576.0, rss());
        }

        private static String rss() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(l -> l.startsWith("VmRSS:"))
                        .map(l -> String.format(Locale.ROOT, "%.1f MB",
                                Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0))
                        .findFirst().orElse("?");
            } catch (Exception e) {
                return "?";
            }
        }

        private void line(String format, Object... values) {
            String text = String.format(Locale.ROOT, format, values);
            report.add(text);
            System.err.println("[bench] " + text);
        }

        /** Runs on the FX thread after a delay, without Platform.runLater. */
        private static void after(long millis, Runnable action) {
            javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(
                    javafx.util.Duration.millis(millis));
            pause.setOnFinished(e -> action.run());
            pause.play();
        }
    }
}
