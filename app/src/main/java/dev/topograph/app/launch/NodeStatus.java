package dev.topograph.app.launch;

import java.time.Instant;
import java.util.Optional;

/**
 * What a launcher knows of one node: its state, what serves it (a provider a user can read:
 * "process", "nats-server on PATH", "embedded dev server", "Docker nats:2.11-alpine"), where it runs
 * and answers, and why, when something is wrong.
 *
 * @param url      where it answers on this machine (http://127.0.0.1:8080, nats://127.0.0.1:41234)
 * @param metrics  where a service or gateway serves its metrics on this machine
 *                 (http://127.0.0.1:28080/metrics): a port of their own, not {@code url}'s; empty for servers
 * @param message  the last thing a user should know ("exit 1: panic: …", "port 8080 is in use"), or empty
 */
public record NodeStatus(String node, NodeState state, String provider, Optional<Long> pid,
        Optional<String> container, Optional<String> url, Optional<String> metrics, int restarts, String message,
        Instant since) {

    public NodeStatus {
        provider = provider == null ? "" : provider;
        message = message == null ? "" : message;
    }

    /** A node nobody has started yet. */
    public static NodeStatus waiting(String node) {
        return new NodeStatus(node, NodeState.WAITING, "", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, "", Instant.now());
    }

    public NodeStatus with(NodeState newState, String newMessage) {
        return new NodeStatus(node, newState, provider, pid, container, url, metrics, restarts, newMessage,
                Instant.now());
    }

    /** Served by a provider, answering at {@code newUrl}, with no metrics of its own (a server). */
    public NodeStatus servedBy(String newProvider, Optional<Long> newPid, Optional<String> newContainer,
            Optional<String> newUrl) {
        return servedBy(newProvider, newPid, newContainer, newUrl, Optional.empty());
    }

    /** Served by a provider, answering at {@code newUrl}, its metrics at {@code newMetrics}. */
    public NodeStatus servedBy(String newProvider, Optional<Long> newPid, Optional<String> newContainer,
            Optional<String> newUrl, Optional<String> newMetrics) {
        return new NodeStatus(node, state, newProvider, newPid, newContainer, newUrl, newMetrics, restarts, message,
                since);
    }

    public NodeStatus restarted() {
        return new NodeStatus(node, state, provider, pid, container, url, metrics, restarts + 1, message, since);
    }

    /** "pid 1234", "container 3f2a…", or empty. */
    public String where() {
        return pid.map(p -> "pid " + p)
                .or(() -> container.map(c -> "container " + c.substring(0, Math.min(12, c.length()))))
                .orElse("");
    }
}
