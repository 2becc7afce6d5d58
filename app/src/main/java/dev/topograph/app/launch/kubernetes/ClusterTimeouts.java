package dev.topograph.app.launch.kubernetes;

import java.time.Duration;

/**
 * How long the API server may take: to accept a connection, and to answer one request. Every cluster
 * call is bounded by these; nothing waits on a cluster for longer than {@code request}.
 */
public record ClusterTimeouts(Duration connect, Duration request) {
    /** 5 s to connect, 20 s per request. */
    public static final ClusterTimeouts DEFAULT = new ClusterTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
}
