package dev.topograph.app.metrics;

import dev.topograph.model.topology.EdgeKind;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What an edge shows while its system runs: calls per second on a call edge (from the caller's
 * client counter), publish or consume rate and the backlog on a queue edge, the hit ratio on a
 * cache edge. Figures that do not apply to the edge's kind are empty.
 *
 * @param backlog messages published on the topic and not yet handled by this consumer since the
 *                designer started watching (an estimate: counters are per process)
 */
public record EdgeFigures(String edge, EdgeKind kind, OptionalDouble callsPerSecond, OptionalDouble errorRatio,
        OptionalDouble messagesPerSecond, OptionalDouble backlog, OptionalDouble hitRatio, List<Alert> alerts) {

    public EdgeFigures {
        alerts = List.copyOf(alerts);
    }
}
