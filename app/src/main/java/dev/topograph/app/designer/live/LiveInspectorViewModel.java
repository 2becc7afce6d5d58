package dev.topograph.app.designer.live;

import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.metrics.NodeFigures;
import dev.topograph.app.metrics.Thresholds;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The inspector's Live section while the design runs and one service or gateway is selected: its
 * current figures, its health in words, and the two thresholds that colour it (p95 warning in ms,
 * server-error warning in %), which apply to the drawing at once. The danger thresholds follow at
 * {@value #DANGER_FACTOR}× the warnings, as the defaults do (100 ms / 500 ms, 1 % / 5 %).
 */
public final class LiveInspectorViewModel {
    /** A danger threshold is this many times its warning. */
    public static final double DANGER_FACTOR = 5;

    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper node = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper(FigureText.UNKNOWN);
    private final ReadOnlyStringWrapper errors = new ReadOnlyStringWrapper(FigureText.UNKNOWN);
    private final ReadOnlyStringWrapper p95 = new ReadOnlyStringWrapper(FigureText.UNKNOWN);
    private final ReadOnlyStringWrapper goroutines = new ReadOnlyStringWrapper(FigureText.UNKNOWN);
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(FigureText.UNKNOWN);
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> healthTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ThresholdField p95WarnMs;
    private final ThresholdField errorWarnPercent;
    private Thresholds inForce = Thresholds.DEFAULT;

    /** {@code apply} puts a node's new thresholds in force (and redraws); false when there is no node. */
    LiveInspectorViewModel(BiPredicate<String, Thresholds> apply) {
        p95WarnMs = new ThresholdField(1, 60_000, "A p95 warning from 1 to 60,000 ms",
                ms -> apply.test(node.get(), withP95(inForce, ms / 1000)));
        errorWarnPercent = new ThresholdField(0, 100, "An error warning from 0 to 100 %",
                pct -> apply.test(node.get(), withErrors(inForce, pct / 100)));
    }

    static Thresholds withP95(Thresholds t, double warnSeconds) {
        return new Thresholds(warnSeconds, warnSeconds * DANGER_FACTOR, t.errorWarnRatio(), t.errorDangerRatio());
    }

    static Thresholds withErrors(Thresholds t, double warnRatio) {
        return new Thresholds(t.p95WarnSeconds(), t.p95DangerSeconds(), warnRatio,
                Math.min(1, warnRatio * DANGER_FACTOR));
    }

    /** Whether the section shows: a run is watched and one service or gateway is selected. */
    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    /** The node whose figures show. */
    public ReadOnlyStringProperty nodeProperty() {
        return node.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty p95Property() {
        return p95.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty goroutinesProperty() {
        return goroutines.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** Its health in words: "Healthy", "Warning: p95 above 100 ms", "No figures yet". */
    public ReadOnlyStringProperty healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> healthToneProperty() {
        return healthTone.getReadOnlyProperty();
    }

    /** p95 latency above which the node turns amber, in ms. */
    public ThresholdField p95WarnMs() {
        return p95WarnMs;
    }

    /** Share of server errors above which the node turns amber, in %. */
    public ThresholdField errorWarnPercent() {
        return errorWarnPercent;
    }

    /**
     * Shows a node's figures (or hides the section when {@code id} is empty).
     *
     * @param scraped the node runs and is being scraped (a crashed or starting one is not)
     */
    void show(Optional<String> id, Optional<NodeFigures> figures, Thresholds thresholds, boolean scraped) {
        boolean fresh = !id.orElse("").equals(node.get()) || !thresholds.equals(inForce);
        node.set(id.orElse(""));
        showing.set(id.isPresent());
        inForce = thresholds;
        if (fresh) {
            p95WarnMs.show(thresholds.p95WarnSeconds() * 1000);
            errorWarnPercent.show(thresholds.errorWarnRatio() * 100);
        }
        if (id.isEmpty()) {
            return;
        }
        NodeFigures f = figures.orElse(NodeFigures.unknown(id.get(), Optional.empty()));
        rate.set(FigureText.rate(f.requestsPerSecond()));
        errors.set(FigureText.percent(f.errorRatio()));
        p95.set(FigureText.duration(f.p95Seconds()));
        goroutines.set(FigureText.count(f.goroutines()));
        memory.set(FigureText.bytes(f.residentBytes()) + (FigureText.known(f.heapBytes())
                ? " · heap " + FigureText.bytes(f.heapBytes()) : ""));
        Thresholds.Health h = thresholds.judge(f);
        healthTone.set(LiveMetricsViewModel.tone(h));
        List<String> why = LiveMetricsViewModel.reasons(f, thresholds);
        health.set(switch (h) {
            case UNKNOWN -> !scraped && figures.isEmpty() ? "No figures: it is not running"
                    : "No figures yet: rates need two scrapes";
            case OK -> "Healthy";
            case WARN -> "Warning: " + String.join("; ", why);
            case DANGER -> "Danger: " + String.join("; ", why);
        });
    }
}
