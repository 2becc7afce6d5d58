package dev.topograph.app.metrics;

/** A warning the figures raise on a node or edge, in words a user can act on. */
public record Alert(Kind kind, String message) {

    /** What is wrong. */
    public enum Kind {
        /** Goroutines keep climbing while traffic is flat. */
        GOROUTINE_LEAK,
        /** Messages arrive faster than a consumer handles them: the backlog grows. */
        CONSUMER_SATURATED,
        /** Every connection of a pool is in use and requests queue for one. */
        POOL_SATURATED,
        /** Above a threshold the user set (p95 latency, error ratio). */
        THRESHOLD
    }
}
