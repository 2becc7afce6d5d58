package dev.topograph.app.designer.live;

import java.util.Locale;
import java.util.OptionalDouble;

/** Live figures in the few characters a node's card has room for: "12.3/s", "0.4 %", "4.2 ms", "14 MB". */
final class FigureText {
    /** What shows where a figure is not known yet (fewer than two scrapes). */
    static final String UNKNOWN = "–";

    private FigureText() {
    }

    static boolean known(OptionalDouble v) {
        return v.isPresent() && Double.isFinite(v.getAsDouble());
    }

    /** A rate: "0", "0.25", "4.2", "12.3", "120", "12.3k". */
    static String number(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a > 0 && a < 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** "12.3/s" or "–". */
    static String rate(OptionalDouble perSecond) {
        return known(perSecond) ? number(perSecond.getAsDouble()) + "/s" : UNKNOWN;
    }

    /** A ratio as a percentage: "0 %", "0.4 %", "12 %", or "–". */
    static String percent(OptionalDouble ratio) {
        if (!known(ratio)) {
            return UNKNOWN;
        }
        double p = ratio.getAsDouble() * 100;
        if (p == 0) {
            return "0 %";
        }
        // Decided on the rounded figure, so 9.96 % is "10 %", not "10.0 %".
        return String.format(Locale.ROOT, p >= 9.95 ? "%.0f %%" : "%.1f %%", p);
    }

    /** Seconds as "850 µs", "4.2 ms", "120 ms", "1.3 s", or "–". */
    static String duration(OptionalDouble seconds) {
        if (!known(seconds)) {
            return UNKNOWN;
        }
        double s = seconds.getAsDouble();
        if (s >= 1) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        double ms = s * 1000;
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.0f µs", ms * 1000);
        }
        return String.format(Locale.ROOT, ms >= 10 ? "%.0f ms" : "%.1f ms", ms);
    }

    /** Bytes as "14 MB", "4.2 MB", "1.2 GB", or "–" (decimal units, as `topograph top` prints). */
    static String bytes(OptionalDouble bytes) {
        if (!known(bytes)) {
            return UNKNOWN;
        }
        double mb = bytes.getAsDouble() / 1e6;
        if (mb >= 1000) {
            return String.format(Locale.ROOT, "%.1f GB", mb / 1000);
        }
        return String.format(Locale.ROOT, mb >= 10 ? "%.0f MB" : "%.1f MB", mb);
    }

    /** A count: "31", or "–". */
    static String count(OptionalDouble v) {
        return known(v) ? String.format(Locale.ROOT, "%.0f", v.getAsDouble()) : UNKNOWN;
    }
}
