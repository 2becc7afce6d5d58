package dev.topograph.app.launch;

import dev.topograph.model.generate.LaunchPlan.Login;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Something a run started for a node — a process or a container — and how to stop it. */
public interface Instance {

    /** What serves the node, in a user's words ("process", "redis-server on PATH", "Docker redis:7-alpine"). */
    String provider();

    Optional<Long> pid();

    /** Start time of the process in epoch ms (0 for a container), recorded so the sweep never kills a stranger. */
    long pidStart();

    Optional<String> container();

    /** Throwaway data this instance made, deleted when it stops. */
    Optional<Path> dataDir();

    /**
     * Where other containers of the project's network reach it ({@code orders-db:5432}), when it runs in
     * a container on such a network; empty for a process or a container on the host's network.
     */
    default Optional<String> inNetwork() {
        return Optional.empty();
    }

    /**
     * The account this server made for its clients (a database's user with a password, granted on that
     * database only), which their addresses carry; empty where clients log in as the server's default user.
     */
    default Optional<Login> login() {
        return Optional.empty();
    }

    /** Completes with the exit code when the instance ends, for whatever reason. */
    CompletableFuture<Integer> exit();

    /** Stops it (gently, then forcibly after {@code grace}) and removes what it made; waits until done. */
    void stop(Duration grace);
}
