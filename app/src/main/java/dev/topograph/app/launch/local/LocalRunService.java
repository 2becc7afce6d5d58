package dev.topograph.app.launch.local;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunService;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.topology.Topology;
import dev.topograph.app.traces.SpanStore;
import dev.topograph.app.traces.TraceReceiver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The designer's runs on this machine: a {@link LocalLauncher} per Run with the user's settings in
 * the chosen mode. A run is also stopped when the app's process exits without a word (the window
 * killed by the platform, a SIGTERM), so no process outlives the designer that started it.
 */
public final class LocalRunService implements RunService {
    private final RunSettings settings;
    private final BuildWarmer warmer;
    private final SpanStore spans = new SpanStore();
    private TraceReceiver receiver;
    /** Where the receiver tells of exports it refused: the current run's log. */
    private volatile Consumer<String> traceLog = line -> { };

    public LocalRunService(RunSettings settings) {
        this.settings = settings;
        this.warmer = new BuildWarmer(settings.home().warmUp(), () -> GoToolchain.find(settings.searchPath()),
                line -> { });
    }

    /** Compiles the design's dependencies into Go's build cache while the user draws: the first Run ▶ is quicker. */
    @Override
    public void prepare(Topology topology) {
        warmer.warm(topology);
    }

    /** Builds the design's code folder when it has one; a design without one runs bare, from a throwaway folder. */
    @Override
    public Run start(Topology topology, Optional<Path> designFile, RunSettings.Mode mode, RunListener listener)
            throws LaunchException {
        warmer.pause(); // The run's own build takes over; what the warm-up compiled is in the cache.
        Optional<Path> code = designFile.flatMap(CodeFolder::of).map(CodeFolder::root);
        RunSettings s = code.map(settings::withSystemFolder).orElse(settings);
        spans.clear(); // the Traces panel shows this run's requests
        traceLog = line -> listener.logged(new LogLine("", Instant.now(), line, true));
        Optional<URI> traces = receiver();
        if (traces.isPresent()) {
            s = s.withTraces(traces.get());
        }
        Run run = new LocalLauncher(s.withMode(mode),
                designFile.map(p -> p.toAbsolutePath().toString()).orElse("(unsaved design)"))
                .launch(topology, listener);
        return new StoppedOnExit(run);
    }

    @Override
    public Optional<SpanStore> traces() {
        return Optional.of(spans);
    }

    /** The receiver's endpoint, started on first use; empty (the run goes untraced) if no port could be had. */
    private synchronized Optional<URI> receiver() {
        if (receiver == null) {
            try {
                receiver = TraceReceiver.start(spans, line -> traceLog.accept(line));
            } catch (IOException e) {
                traceLog.accept("traces: no receiver (" + e.getMessage() + "); the run goes untraced");
                return Optional.empty();
            }
        }
        return Optional.of(receiver.endpoint());
    }

    @Override
    public List<Leftovers.Found> leftovers() {
        return leftoversOfThisMachine().find();
    }

    @Override
    public void clean(Leftovers.Found found) {
        leftoversOfThisMachine().clean(found);
    }

    private Leftovers leftoversOfThisMachine() {
        return new Leftovers(settings.home(), DockerSupport.connect().containers());
    }

    /** A run with a shutdown hook that stops it, removed once it has been stopped. */
    private static final class StoppedOnExit implements Run {
        private final Run run;
        private final Thread hook;

        StoppedOnExit(Run run) {
            this.run = run;
            this.hook = new Thread(run::stop, "topograph-stop-" + run.project());
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void stop() {
            run.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // The process is exiting: the hook runs, and finds the run stopped.
            }
        }

        @Override
        public String project() {
            return run.project();
        }

        @Override
        public RunSettings settings() {
            return run.settings();
        }

        @Override
        public Path systemFolder() {
            return run.systemFolder();
        }

        @Override
        public List<NodeStatus> statuses() {
            return run.statuses();
        }

        @Override
        public Optional<NodeStatus> status(String node) {
            return run.status(node);
        }

        @Override
        public List<LogLine> log(String node) {
            return run.log(node);
        }

        @Override
        public Optional<Outcome> awaitStarted(Duration timeout) throws InterruptedException {
            return run.awaitStarted(timeout);
        }

        @Override
        public Optional<String> adminUrl(String node) {
            return run.adminUrl(node);
        }

        @Override
        public void restart(String node) {
            run.restart(node);
        }

        @Override
        public void rebuild(String node) {
            run.rebuild(node);
        }

        @Override
        public boolean isStopped() {
            return run.isStopped();
        }
    }
}
