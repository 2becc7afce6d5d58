package dev.topograph.app.metrics;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a running service or gateway shows on its node: traffic, errors, latency, goroutines,
 * memory, the recent request rate for a sparkline, and any alert. Empty figures mean "not known
 * yet" (fewer than two scrapes), not zero.
 *
 * @param errorRatio   the share of requests answered with a server error (5xx, or a gRPC server error)
 * @param requestTrend requests per second at each of the last scrapes, oldest first
 * @param problem      why the target could not be scraped lately, if it could not
 */
public record NodeFigures(String node, OptionalDouble requestsPerSecond, OptionalDouble errorRatio,
        OptionalDouble p95Seconds, OptionalDouble goroutines, OptionalDouble residentBytes,
        OptionalDouble heapBytes, List<Double> requestTrend, List<Alert> alerts, Optional<String> problem) {

    public NodeFigures {
        requestTrend = List.copyOf(requestTrend);
        alerts = List.copyOf(alerts);
    }

    /** Figures of a node that has not been scraped (yet). */
    public static NodeFigures unknown(String node, Optional<String> problem) {
        return new NodeFigures(node, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), List.of(), List.of(), problem);
    }
}
