package dev.topograph.app.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one target's metrics endpoint said at one moment: its metric families, in the order written. */
public record Scrape(List<MetricFamily> families) {
    public static final Scrape EMPTY = new Scrape(List.of());

    public Scrape {
        families = List.copyOf(families);
    }

    public Optional<MetricFamily> family(String name) {
        for (MetricFamily family : families) {
            if (family.name().equals(name)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /** Every sample of every family, in the order written. */
    public List<Sample> samples() {
        List<Sample> all = new ArrayList<>(seriesCount());
        for (MetricFamily family : families) {
            all.addAll(family.samples());
        }
        return all;
    }

    /** How many series (sample lines) the scrape holds. */
    public int seriesCount() {
        int count = 0;
        for (MetricFamily family : families) {
            count += family.samples().size();
        }
        return count;
    }
}
