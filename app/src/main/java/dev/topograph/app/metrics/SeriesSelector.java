package dev.topograph.app.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which series a query adds up: one sample name and conditions on labels, like PromQL's
 * {@code http_server_requests_total{code=~"5.*"}}.
 */
public record SeriesSelector(String name, List<LabelMatcher> matchers) {
    public SeriesSelector {
        Objects.requireNonNull(name, "name");
        matchers = List.copyOf(matchers);
    }

    /** Every series of this sample name. */
    public static SeriesSelector of(String name) {
        return new SeriesSelector(name, List.of());
    }

    public SeriesSelector where(LabelMatcher matcher) {
        List<LabelMatcher> more = new ArrayList<>(matchers);
        more.add(matcher);
        return new SeriesSelector(name, more);
    }

    public SeriesSelector whereLabel(String label, String value) {
        return where(new LabelMatcher.Equals(label, value));
    }

    public SeriesSelector whereLabelStartsWith(String label, String prefix) {
        return where(new LabelMatcher.StartsWith(label, prefix));
    }

    /** The same conditions on another sample name, e.g. a histogram's {@code _bucket} series. */
    public SeriesSelector withName(String otherName) {
        return new SeriesSelector(otherName, matchers);
    }

    public boolean matches(Series series) {
        if (!series.name().equals(name)) {
            return false;
        }
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(series.labels())) {
                return false;
            }
        }
        return true;
    }
}
