package dev.topograph.app.launch.local;

import dev.topograph.app.launch.Commands;
import dev.topograph.app.launch.ProcessInstance;
import dev.topograph.model.generate.GenerationException;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fills Go's build cache with what a design's programs depend on (the standard library, pgx, NATS,
 * OpenTelemetry, ...) while the user draws, so the first Run ▶ compiles only the design's own code.
 * The design is generated afresh into a folder of its own (never the user's code folder), and
 * {@code go build} compiles every package its programs import that is not the system's, at the lowest
 * CPU priority, into the same build cache Run ▶ uses. Only the dependencies: the system's own packages
 * are keyed by their folder, so compiling them here would help no run. When the cache has everything
 * already, this costs Go a look at its cache (a second or two); a Run ▶ stops it, keeping what it compiled.
 */
public final class BuildWarmer implements AutoCloseable {
    /** How long a design must rest before it is warmed: a burst of edits warms once. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private final Path folder;
    /** Finds Go on the warm-up's own thread the first time: finding it runs a process. */
    private final java.util.function.Supplier<Optional<GoToolchain>> findGo;
    private Optional<GoToolchain> go;
    private final Consumer<String> log;
    private final Duration settle;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "topograph-warm-go-cache");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private Future<?> next;
    /** The dependencies last compiled (or found compiled): the same list again needs no go build. */
    private volatile List<String> warmed = List.of();

    /**
     * @param folder where the design is generated to be built (replaced at each warm-up)
     * @param log    what each warm-up did, one line, for a debugging user
     */
    public BuildWarmer(Path folder, java.util.function.Supplier<Optional<GoToolchain>> findGo, Consumer<String> log) {
        this(folder, findGo, log, SETTLE);
    }

    BuildWarmer(Path folder, java.util.function.Supplier<Optional<GoToolchain>> findGo, Consumer<String> log,
            Duration settle) {
        this.folder = folder;
        this.findGo = findGo;
        this.log = log;
        this.settle = settle;
    }

    /** Warms the cache for {@code design} once it has rested; returns at once. */
    public synchronized void warm(Topology design) {
        if (design.nodes().isEmpty() || worker.isShutdown()) {
            return;
        }
        if (next != null) {
            next.cancel(false); // An older version waiting to be warmed: this one replaces it.
        }
        next = worker.schedule(() -> warmNow(design), settle.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops a warm-up under way or waiting (a Run ▶ builds now); what Go compiled stays in its cache. */
    public synchronized void pause() {
        if (next != null) {
            next.cancel(true); // Interrupting Commands.run kills the go build.
            next = null;
        }
    }

    @Override
    public void close() {
        pause();
        worker.shutdownNow();
    }

    /** The packages compiled (or found in the cache) for the last design warmed; for tests. */
    List<String> warmed() {
        return warmed;
    }

    private void warmNow(Topology design) {
        long start = System.nanoTime();
        if (go == null) {
            go = findGo.get();
        }
        if (go.isEmpty()) {
            return; // No Go: Run ▶ says so when pressed.
        }
        try {
            List<GoToolchain.Program> programs = LaunchPlan.of(design).nodes().stream()
                    .filter(LaunchPlan.PlannedNode::isProgram)
                    .map(n -> new GoToolchain.Program(n.id(), n.module(), n.mainPackage(), n.goGenerate())).toList();
            if (programs.isEmpty()) {
                return;
            }
            ProcessInstance.deleteTree(folder);
            new TreeWriter().write(new Generator().generate(design), folder);
            List<String> dependencies = go.get().dependencies(folder, programs);
            if (dependencies.isEmpty() || dependencies.equals(warmed)) {
                return;
            }
            int compiled = go.get().compileQuietly(folder, dependencies);
            warmed = dependencies;
            log.accept(String.format(java.util.Locale.ROOT,
                    "Go build cache warmed for %s: %d of %d dependencies compiled in %.1f s", design.name(), compiled,
                    dependencies.size(), (System.nanoTime() - start) / 1e9));
        } catch (GenerationException | IllegalArgumentException e) {
            // A design that cannot be generated yet (mid-edit): the next edit tries again.
        } catch (IOException e) {
            log.accept("Go build cache not warmed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Paused: a run builds now.
        }
    }
}
