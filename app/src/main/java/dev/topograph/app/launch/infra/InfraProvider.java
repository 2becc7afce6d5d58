package dev.topograph.app.launch.infra;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One way to serve an infrastructure node on this machine: a Docker image, a server binary, or an
 * embedded dev server. A run asks each provider in the order of its settings and takes the first that can.
 */
public interface InfraProvider {

    ProviderKind kind();

    /** Why this provider cannot serve {@code node} here ("redis-server is not on PATH"), or empty when it can. */
    Optional<String> cannotServe(PlannedNode node);

    /**
     * Starts a server for {@code node} listening on 127.0.0.1:{@code port} (with the node's database
     * created, for a database) and returns once it accepts connections.
     */
    Instance start(String project, PlannedNode node, int port, Consumer<String> log, Duration timeout)
            throws LaunchException, InterruptedException;
}
