package dev.topograph.app.designer.run;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunService;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A launcher that runs nothing: a test says what each node does ({@link FakeRun#emit}) and reads
 * what the designer asked of it (starts, restarts, stops, cleanups).
 */
public final class FakeRunService implements RunService {
    public final List<RunSettings.Mode> starts = new CopyOnWriteArrayList<>();
    /** The design file of each start, as the view model handed it over. */
    public final List<Optional<Path>> designFiles = new CopyOnWriteArrayList<>();
    public final List<Leftovers.Found> cleaned = new CopyOnWriteArrayList<>();
    public volatile List<Leftovers.Found> leftovers = List.of();
    /** When set, the next start is refused with it. */
    public volatile LaunchException refusal;
    public volatile FakeRun run;
    /** The name of each design the view model asked to get ready for (warming Go's cache). */
    public final List<String> prepared = new CopyOnWriteArrayList<>();

    @Override
    public void prepare(Topology topology) {
        prepared.add(topology.name());
    }

    @Override
    public Run start(Topology topology, Optional<Path> designFile, RunSettings.Mode mode, RunListener listener)
            throws LaunchException {
        starts.add(mode);
        designFiles.add(designFile);
        if (refusal != null) {
            throw refusal;
        }
        FakeRun r = new FakeRun(topology.name(), topology.nodes().stream().map(Node::id).toList(), listener);
        run = r;
        r.nodes.forEach(n -> r.emit(NodeStatus.waiting(n)));
        return r;
    }

    /** Where the spans of its runs land (a test's receiver fills it). */
    public final dev.topograph.app.traces.SpanStore spans = new dev.topograph.app.traces.SpanStore();

    @Override
    public Optional<dev.topograph.app.traces.SpanStore> traces() {
        return Optional.of(spans);
    }

    @Override
    public List<Leftovers.Found> leftovers() {
        return leftovers;
    }

    @Override
    public void clean(Leftovers.Found found) {
        cleaned.add(found);
    }

    /** A run whose nodes do what the test says. */
    public static final class FakeRun implements Run {
        public final List<String> nodes;
        public final List<String> restarts = new CopyOnWriteArrayList<>();
        public final List<String> rebuilds = new CopyOnWriteArrayList<>();
        /** Where each program's admin server (pprof) answers, by node; none unless a test says. */
        public final Map<String, String> adminUrls = new ConcurrentHashMap<>();
        public volatile int stops;
        private final String project;
        private final RunListener listener;
        private final Map<String, NodeStatus> statuses = new ConcurrentHashMap<>();
        private volatile boolean stopped;

        FakeRun(String project, List<String> nodes, RunListener listener) {
            this.project = project;
            this.nodes = List.copyOf(nodes);
            this.listener = listener;
        }

        /** A node's new status, told to the designer as a launcher tells it (on the caller's thread). */
        public void emit(NodeStatus status) {
            statuses.put(status.node(), status);
            listener.statusChanged(status);
        }

        public void emit(String node, NodeState state, String provider, String message, int restarts) {
            emit(new NodeStatus(node, state, provider, state.isLive() ? Optional.of(4000L + nodes.indexOf(node))
                    : Optional.empty(), Optional.empty(), Optional.of("http://127.0.0.1:" + (8080 + nodes.indexOf(node))),
                    Optional.of("http://127.0.0.1:" + (28080 + nodes.indexOf(node)) + "/metrics"), restarts, message,
                    Instant.now()));
        }

        public void log(String node, String text, boolean fromLauncher) {
            listener.logged(new LogLine(node, Instant.now(), text, fromLauncher));
        }

        @Override
        public String project() {
            return project;
        }

        @Override
        public RunSettings settings() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path systemFolder() {
            return Path.of("/nonexistent");
        }

        @Override
        public List<NodeStatus> statuses() {
            return nodes.stream().map(statuses::get).toList();
        }

        @Override
        public Optional<NodeStatus> status(String node) {
            return Optional.ofNullable(statuses.get(node));
        }

        @Override
        public List<LogLine> log(String node) {
            return List.of();
        }

        @Override
        public Optional<Outcome> awaitStarted(Duration timeout) {
            return Optional.empty();
        }

        @Override
        public Optional<String> adminUrl(String node) {
            return Optional.ofNullable(adminUrls.get(node));
        }

        @Override
        public void restart(String node) {
            restarts.add(node);
        }

        @Override
        public void rebuild(String node) {
            rebuilds.add(node);
        }

        /** Stops every node the way a launcher does: each says it stopped before stop returns. */
        @Override
        public void stop() {
            stops++;
            if (!stopped) {
                for (String n : new ArrayList<>(nodes)) {
                    NodeStatus s = statuses.get(n);
                    if (s != null && s.state().isLive()) {
                        log(n, "stopping", true);
                    }
                    if (s != null && s.state() != NodeState.FAILED) {
                        emit(s.with(NodeState.STOPPED, ""));
                    }
                }
                stopped = true;
            }
        }

        @Override
        public boolean isStopped() {
            return stopped;
        }
    }
}
