package dev.topograph.app.launch.docker;

import dev.topograph.app.launch.Instance;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A container of a run: its log lines go to the node's log, its exit is noticed by inspecting it
 * every half second, and stopping it removes it.
 */
public final class ContainerInstance implements Instance {
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "topograph-container-watch");
        t.setDaemon(true);
        return t;
    });

    private final DockerEngine engine;
    private final String id;
    private final String provider;
    private final Optional<String> inNetwork;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Closeable logs;

    private ContainerInstance(DockerEngine engine, String id, String provider, Optional<String> inNetwork,
            Consumer<String> log) {
        this.engine = engine;
        this.id = id;
        this.provider = provider;
        this.inNetwork = inNetwork;
        this.logs = engine.followLogs(id, log);
        WATCH.schedule(this::poll, 500, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code spec} and follows it. */
    public static ContainerInstance run(DockerEngine engine, ContainerSpec spec, String provider,
            Optional<String> inNetwork, Consumer<String> log) {
        return new ContainerInstance(engine, engine.run(spec), provider, inNetwork, log);
    }

    private void poll() {
        if (exit.isDone()) {
            return;
        }
        try {
            ContainerState state = engine.inspect(id);
            if (!state.running()) {
                exit.complete((int) state.exitCode());
                return;
            }
        } catch (DockerEngineException e) {
            if (String.valueOf(e.getMessage()).contains("No such container")) {
                exit.complete(-1);
                return;
            }
            // The engine is slow or busy: ask again.
        }
        WATCH.schedule(this::poll, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Optional<Long> pid() {
        return Optional.empty();
    }

    @Override
    public long pidStart() {
        return 0;
    }

    @Override
    public Optional<String> container() {
        return Optional.of(id);
    }

    @Override
    public Optional<Path> dataDir() {
        return Optional.empty();
    }

    @Override
    public Optional<String> inNetwork() {
        return inNetwork;
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public void stop(Duration grace) {
        try {
            engine.stop(id, grace);
        } catch (DockerEngineException e) {
            // Gone already, or the engine refuses: remove forcibly below.
        }
        try {
            engine.remove(id);
        } catch (DockerEngineException e) {
            // Labelled: the sweep removes it.
        }
        try {
            logs.close();
        } catch (IOException e) {
            // The stream ends with the container.
        }
        exit.complete(exit.getNow(0));
    }
}
