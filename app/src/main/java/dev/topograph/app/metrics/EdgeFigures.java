package dev.topograph.app.metrics;

import dev.topograph.model.topology.EdgeKind;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What an edge shows while its system runs: calls per second on a call edge (from the caller's
 * client counter), publish or consume rate and the backlog on a queue edge, the hit ratio on a
 * cache edge, how busy the connection pool is on a database edge. Figures that do not apply to
 * the edge's kind are empty.
 *
 * @param backlog      messages published on the topic and not yet handled by this consumer since the
 *                     designer started watching (an estimate: counters are per process)
 * @param poolBusy     connections in use over the pool's maximum
 * @param poolWaitsPerSecond acquires per second that found no idle connection and waited
 */
public record EdgeFigures(String edge, EdgeKind kind, OptionalDouble callsPerSecond, OptionalDouble errorRatio,
        OptionalDouble messagesPerSecond, OptionalDouble backlog, OptionalDouble hitRatio, OptionalDouble poolBusy,
        OptionalDouble poolWaitsPerSecond, List<Alert> alerts) {

    public EdgeFigures {
        alerts = List.copyOf(alerts);
    }

    /** Figures of an edge without a connection pool. */
    public EdgeFigures(String edge, EdgeKind kind, OptionalDouble callsPerSecond, OptionalDouble errorRatio,
            OptionalDouble messagesPerSecond, OptionalDouble backlog, OptionalDouble hitRatio, List<Alert> alerts) {
        this(edge, kind, callsPerSecond, errorRatio, messagesPerSecond, backlog, hitRatio, OptionalDouble.empty(),
                OptionalDouble.empty(), alerts);
    }
}
