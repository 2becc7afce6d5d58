package dev.topograph.app.designer.live;

import java.util.Optional;
import java.util.function.DoublePredicate;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A threshold the user types as a number (p95 in ms, errors in %): what is typed, and why the last
 * commit was refused; a refused value stays in the field with the reason, and nothing changes.
 */
public final class ThresholdField {
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final double min;
    private final double max;
    private final String refusal;
    private final DoublePredicate apply;
    private double value = Double.NaN;

    /**
     * @param refusal what to say of a number out of bounds or not a number at all
     * @param apply   applies an accepted value; false if it could not (nothing to apply it to)
     */
    ThresholdField(double min, double max, String refusal, DoublePredicate apply) {
        this.min = min;
        this.max = max;
        this.refusal = refusal;
        this.apply = apply;
    }

    public StringProperty textProperty() {
        return text;
    }

    /** Why the typed text was refused; empty while it is fine. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Applies the typed number (Enter or focus loss); returns whether it holds now. */
    public boolean commit() {
        Optional<Double> typed = parse(text.get());
        if (typed.isEmpty() || typed.get() < min || typed.get() > max) {
            error.set(refusal);
            return false;
        }
        if (typed.get() == value) {
            show(value);
            return true;
        }
        if (!apply.test(typed.get())) {
            return false;
        }
        error.set("");
        show(typed.get());
        return true;
    }

    /** Puts the value in force back in the field (Escape). */
    public void revert() {
        show(value);
    }

    /** Shows the value in force; typing in progress is dropped. */
    void show(double inForce) {
        value = inForce;
        text.set(format(inForce));
        error.set("");
    }

    /** "100", "0.5": as a person would type it. */
    static String format(double v) {
        return Double.isFinite(v) ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "";
    }

    private static Optional<Double> parse(String s) {
        try {
            double v = Double.parseDouble(s == null ? "" : s.strip().replace(',', '.').replace("%", "").strip());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
