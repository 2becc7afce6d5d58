package dev.topograph.app.designer.live;

import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.canvas.LiveEdge;
import dev.topograph.app.designer.canvas.LiveNode;
import dev.topograph.app.designer.canvas.LiveOverlay;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.designer.run.RunViewModel.Phase;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.live.MetricsScraper;
import dev.topograph.app.live.MetricsSource;
import dev.topograph.app.live.Profiles;
import dev.topograph.app.metrics.Alert;
import dev.topograph.app.metrics.EdgeFigures;
import dev.topograph.app.metrics.NodeFigures;
import dev.topograph.app.metrics.SystemFigures;
import dev.topograph.app.metrics.Thresholds;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.Throttle;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.Topology;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The drawing as the live dashboard of a running design. While a run is under way (any mode) it
 * watches the run's services and gateways through a {@link MetricsSource} feed, their targets taken
 * from the run's statuses (each program's {@link NodeStatus#metrics}, a port of its own) and kept up
 * to date as nodes start, crash and restart; it stops watching when the run stops. Each scrape
 * round's figures arrive on the feed's thread, are recorded there for the charts, and reach the UI
 * thread at most once per round (a {@link Throttle}), where they become the canvas overlay (each node
 * judged against its own thresholds), the inspector's Live section and the Metrics panel's charts.
 *
 * <p>Thresholds are kept per node id for the window's session, across runs, and are not saved in
 * the design (decision 0018). Also here: pause and resume, and pprof captures of a node.
 */
public final class LiveMetricsViewModel {
    /** How soon after a round its figures reach the UI thread; rounds are a second apart, so one hop each. */
    public static final long COALESCE_MILLIS = 50;
    /** How long a CPU profile samples. */
    public static final int CPU_PROFILE_SECONDS = 10;
    /** The widest a busy edge is drawn beyond its usual line, in canvas units. */
    static final double MAX_EDGE_WEIGHT = 5;

    private final DocumentViewModel document;
    private final CanvasViewModel canvas;
    private final RunViewModel run;
    private final TaskExecutor tasks;
    private final TaskExecutor longTasks;
    private final UiExecutor ui;
    private final LiveTools tools;
    private final long coalesceMillis;
    private final Map<String, Thresholds> thresholds = new HashMap<>();
    private final ReadOnlyObjectWrapper<SystemFigures> figures = new ReadOnlyObjectWrapper<>(SystemFigures.NONE);
    private final ReadOnlyBooleanWrapper watching = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final LiveInspectorViewModel inspector = new LiveInspectorViewModel(this::applyThresholds);
    private final MetricsPanelViewModel panel = new MetricsPanelViewModel();
    private final TrafficViewModel traffic;
    /** The run being watched; UI thread only. */
    private Watch watch;

    /**
     * @param tasks     short background work (opening a feed)
     * @param longTasks work that may take minutes (traffic, profiles), kept off {@code tasks} so a
     *                  Stop or a save never waits behind it
     */
    public LiveMetricsViewModel(DocumentViewModel document, CanvasViewModel canvas, RunViewModel run,
            TaskExecutor tasks, TaskExecutor longTasks, UiExecutor ui, LiveTools tools, long coalesceMillis) {
        this.document = document;
        this.canvas = canvas;
        this.run = run;
        this.tasks = tasks;
        this.longTasks = longTasks;
        this.ui = ui;
        this.tools = tools;
        this.coalesceMillis = coalesceMillis;
        this.traffic = new TrafficViewModel(document, run, longTasks, ui, tools.traffic());
        run.phaseProperty().addListener((o, old, now) -> phaseChanged(now));
        run.statusesProperty().addListener((o, old, now) -> {
            if (watch != null) {
                watch.follow(now);
            }
        });
        canvas.selectionProperty().addListener((o, old, now) -> {
            if (now.size() == 1) {
                panel.selected(now.iterator().next());
            }
            showInspected();
        });
        // Another design: the Metrics tab shows nothing of the last one's run (its charts stay only until then).
        document.shownProperty().addListener((o, old, now) -> {
            if (watch == null) {
                panel.clear();
            }
        });
        panel.stopped();
        phaseChanged(run.phaseProperty().get());
    }

    // --- what the views bind to ------------------------------------------------------------

    /** The latest round's figures; {@link SystemFigures#NONE} when no run is watched. */
    public ReadOnlyObjectProperty<SystemFigures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /** A run is being watched. */
    public ReadOnlyBooleanProperty watchingProperty() {
        return watching.getReadOnlyProperty();
    }

    /** Scraping is paused (the figures stay as they were). */
    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** The inspector's Live section. */
    public LiveInspectorViewModel inspector() {
        return inspector;
    }

    /** The Metrics panel. */
    public MetricsPanelViewModel panel() {
        return panel;
    }

    /** The "Send traffic" dialog. */
    public TrafficViewModel traffic() {
        return traffic;
    }

    /** The thresholds that colour a node. */
    public Thresholds thresholds(String node) {
        return thresholds.getOrDefault(node, Thresholds.DEFAULT);
    }

    // --- what the user does ----------------------------------------------------------------

    /** Sets a node's thresholds; the drawing follows at once. */
    public void setThresholds(String node, Thresholds t) {
        thresholds.put(node, t);
        render();
    }

    private boolean applyThresholds(String node, Thresholds t) {
        if (node.isEmpty()) {
            return false;
        }
        setThresholds(node, t);
        return true;
    }

    /** Stops scraping, keeping what was seen (the Metrics panel's Pause). */
    public void pause() {
        if (watch != null && watch.feed != null) {
            watch.feed.pause();
            paused.set(true);
            showStatus();
        }
    }

    public void resume() {
        if (watch != null && watch.feed != null) {
            watch.feed.resume();
            paused.set(false);
            showStatus();
        }
    }

    /** Whether a node of the run has an admin port to take profiles from. */
    public boolean canProfile(String node) {
        return run.adminUrl(node).isPresent();
    }

    /** The file a capture is saved to unless the user says otherwise: {@code orders-cpu.pprof}. */
    public static String profileFileName(String node, Profiles.Kind kind) {
        return kind.fileName(node);
    }

    /** Takes a profile of a running node in the background and says where it went. */
    public void captureProfile(String node, Profiles.Kind kind, Path target) {
        Optional<String> admin = run.adminUrl(node);
        if (admin.isEmpty()) {
            document.tell(node + " is not running: no profile to take", true);
            return;
        }
        String what = kind.name().toLowerCase(Locale.ROOT) + " profile of " + node;
        document.tell(kind == Profiles.Kind.CPU ? "Capturing a " + what + " (" + CPU_PROFILE_SECONDS + " s)…"
                : "Capturing a " + what + "…", false);
        String name = target.getFileName().toString();
        BackgroundTask.wrap(() -> tools.profiles().capture(URI.create(admin.get()), kind, CPU_PROFILE_SECONDS, target))
                .onSuccess(bytes -> document.tell(name + " saved (" + size(bytes) + "): go tool pprof " + name, false))
                .onFailure(e -> document.tell("Could not capture the " + what + ": " + e.getMessage(), true))
                .executeWith(longTasks);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    // --- watching a run --------------------------------------------------------------------

    private void phaseChanged(Phase phase) {
        if (phase == Phase.RUNNING && (watch == null || watch.cluster)) {
            if (watch != null) {
                stopWatching(); // a local run takes the figures over from a deployment
            }
            run.runningTopology().ifPresent(this::startWatching);
        } else if (phase != Phase.RUNNING && watch != null && !watch.cluster) {
            stopWatching();
        }
    }

    /**
     * Watches a deployment's services through the port-forwards its panel keeps open (node →
     * {@code http://127.0.0.1:<port>/metrics}), while no local run is watched: a cluster reads as a
     * local run does. An empty map ends a cluster watch.
     */
    public void followCluster(Topology deployed, Map<String, URI> urls) {
        if (urls.isEmpty()) {
            if (watch != null && watch.cluster) {
                stopWatching();
            }
            return;
        }
        if (watch == null) {
            startWatching(deployed, true);
        }
        if (watch.cluster) {
            watch.clusterUrls = Map.copyOf(urls);
            watch.followUrls();
        }
    }

    private void startWatching(Topology topology) {
        startWatching(topology, false);
    }

    private void startWatching(Topology topology, boolean cluster) {
        Watch w = new Watch(topology);
        w.cluster = cluster;
        watch = w;
        watching.set(true);
        paused.set(false);
        figures.set(SystemFigures.NONE);
        panel.watching(w.measurable, w.series);
        showStatus();
        // Opening a feed builds an HTTP client and threads: not on the UI thread.
        BackgroundTask.wrap(() -> tools.metrics().watch(topology, w))
                .onSuccess(feed -> {
                    if (watch != w) {
                        feed.close();
                        return;
                    }
                    w.feed = feed;
                    if (w.cluster) {
                        w.followUrls();
                    } else {
                        w.follow(run.statusesProperty().get());
                    }
                    feed.start();
                })
                .onFailure(e -> document.tell("Cannot watch the run's figures: " + e.getMessage(), true))
                .executeWith(tasks);
    }

    private void stopWatching() {
        Watch w = watch;
        watch = null;
        if (w.feed != null) {
            MetricsSource.Feed feed = w.feed;
            BackgroundTask.wrap(() -> {
                feed.close();
                return feed;
            }).executeWith(tasks);
        }
        watching.set(false);
        paused.set(false);
        figures.set(SystemFigures.NONE);
        canvas.showLive(LiveOverlay.NONE);
        panel.stopped();
        showInspected();
    }

    private void showStatus() {
        Watch w = watch;
        if (w == null) {
            panel.stopped();
            return;
        }
        int n = w.measurable.size();
        panel.status(paused.get() ? "Paused: the figures stay as they were; Resume to go on"
                : "Scraping " + n + (n == 1 ? " service" : " services and gateways") + " every second · last 15 minutes");
    }

    /** A round's figures, on the UI thread. */
    private void show(Watch w, SystemFigures f) {
        if (watch != w) {
            return; // Stopped and put away: its last round changes nothing.
        }
        figures.set(f);
        render();
        panel.refresh();
    }

    /** Draws the latest figures with the thresholds in force. */
    private void render() {
        Watch w = watch;
        if (w == null) {
            return;
        }
        canvas.showLive(overlay(w.topology, figures.get()));
        showInspected();
    }

    private void showInspected() {
        Set<String> selected = canvas.selectionProperty().get();
        Watch w = watch;
        Optional<String> node = w != null && selected.size() == 1 && w.measurable.contains(selected.iterator().next())
                ? Optional.of(selected.iterator().next()) : Optional.empty();
        inspector.show(node, node.flatMap(figures.get()::node), node.map(this::thresholds).orElse(Thresholds.DEFAULT),
                node.isPresent() && w.targets.containsKey(node.get()));
    }

    // --- what the drawing shows ------------------------------------------------------------

    /** The overlay of a round: a card per measured node, a label and weight per edge with figures. */
    LiveOverlay overlay(Topology topology, SystemFigures f) {
        Map<String, LiveNode> nodes = new LinkedHashMap<>();
        for (NodeFigures n : f.nodes().values()) {
            nodes.put(n.node(), liveNode(n, thresholds(n.node())));
        }
        Map<String, LiveEdge> edges = new LinkedHashMap<>();
        for (Edge e : topology.edges()) {
            f.edge(e.key()).flatMap(x -> liveEdge(e, x, thresholds(e.to()))).ifPresent(x -> edges.put(e.key(), x));
        }
        return new LiveOverlay(nodes, edges);
    }

    static LiveNode liveNode(NodeFigures n, Thresholds t) {
        Thresholds.Health health = t.judge(n);
        List<String> lines = new ArrayList<>();
        lines.add(FigureText.rate(n.requestsPerSecond()).replace("/s", " requests/s") + " · "
                + FigureText.percent(n.errorRatio()) + " server errors · p95 " + FigureText.duration(n.p95Seconds()));
        lines.add(FigureText.count(n.goroutines()) + " goroutines · " + FigureText.bytes(n.residentBytes()) + " resident"
                + (FigureText.known(n.heapBytes()) ? ", heap " + FigureText.bytes(n.heapBytes()) : ""));
        List<String> why = reasons(n, t);
        if (!why.isEmpty()) {
            lines.add((health == Thresholds.Health.DANGER ? "Danger: " : "Warning: ") + String.join("; ", why));
        }
        return new LiveNode(FigureText.rate(n.requestsPerSecond()), FigureText.percent(n.errorRatio()) + " err",
                "p95 " + FigureText.duration(n.p95Seconds()), FigureText.count(n.goroutines()) + " goroutines",
                FigureText.bytes(n.residentBytes()), n.requestTrend(), tone(health),
                !n.alerts().isEmpty() || n.problem().isPresent(), n.problem().map(p -> "cannot scrape: " + p).orElse(""),
                String.join("\n", lines));
    }

    /** Why a node is not healthy, in words: its scrape problem, thresholds crossed, alerts. */
    static List<String> reasons(NodeFigures n, Thresholds t) {
        List<String> why = new ArrayList<>();
        n.problem().ifPresent(p -> why.add("cannot scrape: " + p));
        OptionalDouble p95 = n.p95Seconds();
        if (FigureText.known(p95) && p95.getAsDouble() > t.p95WarnSeconds()) {
            boolean danger = p95.getAsDouble() > t.p95DangerSeconds();
            why.add("p95 " + FigureText.duration(p95) + " is above "
                    + FigureText.duration(OptionalDouble.of(danger ? t.p95DangerSeconds() : t.p95WarnSeconds())));
        }
        OptionalDouble errors = n.errorRatio();
        if (FigureText.known(errors) && errors.getAsDouble() > t.errorWarnRatio()) {
            boolean danger = errors.getAsDouble() > t.errorDangerRatio();
            why.add(FigureText.percent(errors) + " server errors is above "
                    + FigureText.percent(OptionalDouble.of(danger ? t.errorDangerRatio() : t.errorWarnRatio())));
        }
        n.alerts().stream().map(Alert::message).forEach(why::add);
        return why;
    }

    static Optional<LiveEdge> liveEdge(Edge e, EdgeFigures x, Thresholds t) {
        String route = e.from() + " → " + e.to() + " (" + e.kind().json() + e.topic().map(s -> " " + s).orElse("") + ")";
        List<String> lines = new ArrayList<>();
        String label;
        double rate;
        Tone tone;
        switch (e.kind()) {
            case HTTP, GRPC -> {
                if (!FigureText.known(x.callsPerSecond())) {
                    return Optional.empty();
                }
                rate = x.callsPerSecond().getAsDouble();
                double failed = x.errorRatio().orElse(0);
                label = FigureText.rate(x.callsPerSecond())
                        + (failed >= 0.0005 ? " · " + FigureText.percent(x.errorRatio()) + " err" : "");
                lines.add(route + ": " + FigureText.rate(x.callsPerSecond()).replace("/s", " calls/s") + ", "
                        + FigureText.percent(OptionalDouble.of(failed)) + " failed");
                tone = failed > t.errorDangerRatio() ? Tone.DANGER : failed > t.errorWarnRatio() ? Tone.WARN
                        : rate > 0 ? Tone.OK : Tone.MUTED;
            }
            case PUBLISH, SUBSCRIBE -> {
                if (!FigureText.known(x.messagesPerSecond())) {
                    return Optional.empty();
                }
                rate = x.messagesPerSecond().getAsDouble();
                String backlog = FigureText.known(x.backlog()) ? " · backlog " + FigureText.count(x.backlog()) : "";
                label = FigureText.rate(x.messagesPerSecond()).replace("/s", " msg/s") + backlog;
                lines.add(route + ": " + FigureText.rate(x.messagesPerSecond()).replace("/s", " messages/s")
                        + (e.kind() == dev.topograph.model.topology.EdgeKind.PUBLISH ? " published" : " handled")
                        + (backlog.isEmpty() ? "" : ", " + FigureText.count(x.backlog()) + " waiting"));
                tone = rate > 0 ? Tone.OK : Tone.MUTED;
            }
            case CACHE -> {
                if (!FigureText.known(x.hitRatio())) {
                    return Optional.empty();
                }
                rate = 0;
                label = "hit " + FigureText.percent(x.hitRatio());
                lines.add(route + ": " + FigureText.percent(x.hitRatio()) + " of lookups hit");
                tone = Tone.OK;
            }
            default -> {
                return Optional.empty();
            }
        }
        boolean alert = !x.alerts().isEmpty();
        x.alerts().forEach(a -> lines.add("Warning: " + a.message()));
        if (alert && tone != Tone.DANGER) {
            tone = Tone.WARN;
        }
        return Optional.of(new LiveEdge(label, weight(rate), tone, alert, String.join("\n", lines)));
    }

    /** How much wider a line carrying this rate is drawn: on a log scale, capped; nothing when idle. */
    static double weight(double perSecond) {
        return perSecond > 0 ? Math.min(MAX_EDGE_WEIGHT, 1.5 * Math.log10(1 + perSecond)) : 0;
    }

    static Tone tone(Thresholds.Health health) {
        return switch (health) {
            case UNKNOWN -> Tone.MUTED;
            case OK -> Tone.OK;
            case WARN -> Tone.WARN;
            case DANGER -> Tone.DANGER;
        };
    }

    /**
     * One watched run: its design, the nodes it measures (services and gateways), the feed, and
     * what the feed's thread hands over. Rounds come on the feed's thread; the UI thread takes the
     * latest when the throttle fires, so rounds it has not taken yet are folded into one.
     */
    private final class Watch implements MetricsScraper.Listener {
        final Topology topology;
        final List<String> measurable;
        final LiveSeries series = new LiveSeries();
        private final Throttle throttle = new Throttle(coalesceMillis, ui, this::flush);
        private final AtomicReference<SystemFigures> latest = new AtomicReference<>();
        volatile MetricsSource.Feed feed;
        // UI thread only.
        private Map<String, URI> targets = Map.of();
        private final Map<String, Integer> restarts = new HashMap<>();

        Watch(Topology topology) {
            this.topology = topology;
            this.measurable = topology.nodes().stream().filter(n -> n.listenPort().isPresent()).map(Node::id).toList();
        }

        /** Whether this watch reads a deployment through port-forwards rather than a local run. */
        boolean cluster;
        /** For a cluster watch: the forwarded /metrics of each ready service. UI thread only. */
        Map<String, URI> clusterUrls = Map.of();

        /** Scrapes what the deployment's port-forwards reach. */
        void followUrls() {
            MetricsSource.Feed f = feed;
            if (f == null || clusterUrls.equals(targets)) {
                return;
            }
            targets = clusterUrls;
            List<MetricsScraper.Target> list = new ArrayList<>();
            clusterUrls.forEach((node, uri) -> list.add(new MetricsScraper.Target(node, uri)));
            f.targets(list);
        }

        /** Scrapes the measured nodes that run and answer over HTTP; tells the feed of restarts. */
        void follow(Map<String, NodeStatus> statuses) {
            MetricsSource.Feed f = feed;
            if (f == null || cluster) {
                return;
            }
            Map<String, URI> now = new LinkedHashMap<>();
            for (NodeStatus s : statuses.values()) {
                if (!measurable.contains(s.node())) {
                    continue;
                }
                Integer before = restarts.put(s.node(), s.restarts());
                if (before != null && s.restarts() > before) {
                    f.restarted(s.node());
                }
                Optional<String> url = s.metrics().filter(u -> u.startsWith("http://") || u.startsWith("https://"));
                if (s.state().isLive() && url.isPresent()) {
                    now.put(s.node(), URI.create(url.get()));
                }
            }
            if (!now.equals(targets)) {
                targets = now;
                List<MetricsScraper.Target> list = new ArrayList<>();
                now.forEach((node, uri) -> list.add(new MetricsScraper.Target(node, uri)));
                f.targets(list);
            }
        }

        @Override
        public void scraped(SystemFigures round) {
            MetricsSource.Feed f = feed;
            for (NodeFigures n : round.nodes().values()) {
                series.record(round.atMs(), n, f == null ? Optional.empty() : f.history(n.node()));
            }
            latest.set(round);
            throttle.request();
        }

        private void flush() {
            SystemFigures round = latest.getAndSet(null);
            if (round != null) {
                show(this, round);
            }
        }
    }
}
