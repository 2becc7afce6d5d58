package dev.topograph.app.metrics;

/**
 * When a node's colour turns amber (warn) or red (danger): p95 latency in seconds and the share of
 * server errors. The user sets them per node; the defaults suit an interactive API.
 */
public record Thresholds(double p95WarnSeconds, double p95DangerSeconds, double errorWarnRatio, double errorDangerRatio) {

    public static final Thresholds DEFAULT = new Thresholds(0.100, 0.500, 0.01, 0.05);

    public Thresholds {
        if (p95WarnSeconds > p95DangerSeconds || errorWarnRatio > errorDangerRatio) {
            throw new IllegalArgumentException("a warning threshold must not be above its danger threshold");
        }
    }

    /** How a node with these figures looks against these thresholds. */
    public Health judge(NodeFigures f) {
        double p95 = f.p95Seconds().orElse(0);
        double errors = f.errorRatio().isPresent() && !Double.isNaN(f.errorRatio().getAsDouble())
                ? f.errorRatio().getAsDouble() : 0;
        if (f.problem().isPresent() || p95 > p95DangerSeconds || errors > errorDangerRatio) {
            return Health.DANGER;
        }
        if (!f.alerts().isEmpty() || p95 > p95WarnSeconds || errors > errorWarnRatio) {
            return Health.WARN;
        }
        return f.requestsPerSecond().isPresent() ? Health.OK : Health.UNKNOWN;
    }

    /** The colour class of a node. */
    public enum Health { UNKNOWN, OK, WARN, DANGER }
}
