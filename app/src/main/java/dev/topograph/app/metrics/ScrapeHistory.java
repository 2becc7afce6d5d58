package dev.topograph.app.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The recent scrapes of one target and what they say per second: counter rates and increases,
 * their ratios, and histogram quantiles over a window, as PromQL's {@code rate},
 * {@code increase} and {@code histogram_quantile(q, sum by (le) (rate(x_bucket[w])))} would give them.
 *
 * <p>Time is whatever the caller says: each scrape comes with its timestamp in milliseconds,
 * strictly increasing (use a monotonic clock), and a window ends at the latest scrape and holds
 * the scrapes less than its length before it. Targets' own sample timestamps are ignored.
 *
 * <p>Counters restart from zero when their process restarts, so a drop between two scrapes
 * counts as a reset, as in PromQL: the value before the drop is added back. A series counts
 * once it has two scrapes in the window. Unlike PromQL, rates are not extrapolated to the edges
 * of the window but divided by the time between a series' first and last scrape in it: we hold
 * every scrape, so no guessing is needed, and for a steady counter both give the same figure.
 *
 * <p>Memory is bounded: at most {@code capacity} scrapes are kept, as values only; scrapes with
 * the same series as the one before share its list of series. Safe to add from a scraping
 * thread while another thread queries.
 */
public final class ScrapeHistory {
    /** Fifteen minutes at one scrape a second. */
    public static final int DEFAULT_CAPACITY = 900;

    private final int capacity;
    private final long[] times;
    private final Layout[] layouts;
    private final double[][] values;
    /** Slot of the newest scrape; the oldest is {@code size - 1} slots before it, wrapping. */
    private int newest = -1;
    private int size;
    private Optional<Scrape> latest = Optional.empty();

    public ScrapeHistory() {
        this(DEFAULT_CAPACITY);
    }

    public ScrapeHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a history needs room for two scrapes to say anything per second, not " + capacity);
        }
        this.capacity = capacity;
        this.times = new long[capacity];
        this.layouts = new Layout[capacity];
        this.values = new double[capacity][];
    }

    /**
     * Keeps a scrape taken at {@code timestampMs}, dropping the oldest when full.
     *
     * @throws IllegalArgumentException when the timestamp is not after the latest one
     */
    public synchronized void add(long timestampMs, Scrape scrape) {
        Objects.requireNonNull(scrape, "scrape");
        if (size > 0 && timestampMs <= times[newest]) {
            throw new IllegalArgumentException("scrape at " + timestampMs + " ms is not after the latest, at " + times[newest] + " ms");
        }
        List<Sample> samples = scrape.samples();
        Layout previous = size > 0 ? layouts[newest] : null;
        Layout layout = previous != null && previous.sameSeries(samples) ? previous : Layout.of(samples);
        double[] scraped = new double[samples.size()];
        for (int i = 0; i < scraped.length; i++) {
            scraped[i] = samples.get(i).value();
        }
        newest = (newest + 1) % capacity;
        times[newest] = timestampMs;
        layouts[newest] = layout;
        values[newest] = scraped;
        size = Math.min(size + 1, capacity);
        latest = Optional.of(scrape);
    }

    /** How many scrapes are kept. */
    public synchronized int size() {
        return size;
    }

    public synchronized Optional<Scrape> latest() {
        return latest;
    }

    public synchronized OptionalLong latestTimestampMs() {
        return size == 0 ? OptionalLong.empty() : OptionalLong.of(times[newest]);
    }

    /** The sum of the matching series in the latest scrape, e.g. a gauge; empty when none match. */
    public synchronized OptionalDouble latestValue(SeriesSelector selector) {
        if (size == 0) {
            return OptionalDouble.empty();
        }
        Layout layout = layouts[newest];
        int[] matching = layout.matching(selector);
        if (matching.length == 0) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (int index : matching) {
            sum += values[newest][index];
        }
        return OptionalDouble.of(sum);
    }

    /**
     * How much the matching counters grew over the window, resets allowed for, summed: PromQL's
     * {@code sum(increase(…))} without extrapolation. Empty when the window holds fewer than two
     * scrapes; 0 when no series matches (a counter never incremented is often never written).
     */
    public synchronized OptionalDouble increase(SeriesSelector selector, Duration window) {
        Optional<Collection<CounterRun>> runs = runs(selector, window);
        if (runs.isEmpty()) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (CounterRun run : runs.get()) {
            if (run.points >= 2) {
                sum += run.increase();
            }
        }
        return OptionalDouble.of(sum);
    }

    /**
     * The per-second rate of the matching counters over the window, summed: PromQL's
     * {@code sum(rate(…))} without extrapolation. Empty and 0 as for {@link #increase}.
     */
    public synchronized OptionalDouble rate(SeriesSelector selector, Duration window) {
        Optional<Collection<CounterRun>> runs = runs(selector, window);
        if (runs.isEmpty()) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (CounterRun run : runs.get()) {
            if (run.points >= 2) {
                sum += run.increase() / ((run.lastTime - run.firstTime) / 1000.0);
            }
        }
        return OptionalDouble.of(sum);
    }

    /**
     * The rate of {@code part} over the rate of {@code whole}, e.g. the share of requests answered
     * with a 5xx code. NaN when the whole did not move (as 0/0 is in PromQL); empty when the
     * window holds fewer than two scrapes.
     */
    public synchronized OptionalDouble ratio(SeriesSelector part, SeriesSelector whole, Duration window) {
        OptionalDouble partRate = rate(part, window);
        OptionalDouble wholeRate = rate(whole, window);
        if (partRate.isEmpty() || wholeRate.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(partRate.getAsDouble() / wholeRate.getAsDouble());
    }

    /**
     * How many observations each bucket of the histogram gained over the window, the
     * {@code x_bucket} series selected by {@code histogram} (named {@code x}, the family) summed
     * by {@code le}: PromQL's {@code sum by (le) (increase(x_bucket{…}[w]))}. Bucket series
     * without a numeric {@code le} are skipped, as PromQL skips them. Empty when the window holds
     * fewer than two scrapes.
     */
    public synchronized Optional<Histogram> histogramIncrease(SeriesSelector histogram, Duration window) {
        Optional<Collection<CounterRun>> runs = runs(histogram.withName(histogram.name() + "_bucket"), window);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Map<Double, Double> byBound = new TreeMap<>();
        for (CounterRun run : runs.get()) {
            if (run.points < 2) {
                continue;
            }
            String le = run.series.labels().get("le").orElse("");
            OptionalDouble bound = ExpositionNumbers.parseFloat(le, 0, le.length());
            if (bound.isPresent()) {
                byBound.merge(bound.getAsDouble(), run.increase(), Double::sum);
            }
        }
        List<Bucket> buckets = new ArrayList<>(byBound.size());
        byBound.forEach((bound, count) -> buckets.add(new Bucket(bound, count)));
        return Optional.of(new Histogram(buckets));
    }

    /**
     * The q-quantile of what the histogram observed over the window, e.g. the 95th percentile
     * latency of the last minute: {@code histogram_quantile(q, sum by (le) (rate(x_bucket{…}[w])))}.
     * NaN when nothing was observed; empty when the window holds fewer than two scrapes.
     */
    public synchronized OptionalDouble histogramQuantile(double q, SeriesSelector histogram, Duration window) {
        return histogramIncrease(histogram, window)
                .map(h -> OptionalDouble.of(h.quantile(q)))
                .orElse(OptionalDouble.empty());
    }

    /** The matching series' values within the window, oldest first; empty when the window holds fewer than two scrapes. */
    private Optional<Collection<CounterRun>> runs(SeriesSelector selector, Duration window) {
        Objects.requireNonNull(selector, "selector");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a window must be longer than zero, not " + window);
        }
        if (size == 0) {
            return Optional.empty();
        }
        long windowMs = window.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : window.toMillis();
        // saturating, so that an absurdly long window cannot overflow into an empty one
        long after = times[newest] >= Long.MIN_VALUE + windowMs ? times[newest] - windowMs : Long.MIN_VALUE;
        int oldest = (newest - size + 1 + capacity) % capacity;
        int inWindow = 0;
        Map<Series, CounterRun> bySeries = new LinkedHashMap<>();
        Layout layoutSeen = null;
        CounterRun[] runsOfLayout = new CounterRun[0];
        int[] matching = new int[0];
        for (int k = 0; k < size; k++) {
            int slot = (oldest + k) % capacity;
            if (times[slot] <= after) {
                continue;
            }
            inWindow++;
            if (layouts[slot] != layoutSeen) {
                layoutSeen = layouts[slot];
                matching = layoutSeen.matching(selector);
                runsOfLayout = new CounterRun[matching.length];
                for (int m = 0; m < matching.length; m++) {
                    runsOfLayout[m] = bySeries.computeIfAbsent(layoutSeen.series[matching[m]], CounterRun::new);
                }
            }
            double[] scraped = values[slot];
            for (int m = 0; m < matching.length; m++) {
                runsOfLayout[m].add(times[slot], scraped[matching[m]]);
            }
        }
        return inWindow < 2 ? Optional.empty() : Optional.of(bySeries.values());
    }

    /** The series of a scrape, in order; shared by consecutive scrapes that have the same ones. */
    private static final class Layout {
        final Series[] series;
        /** Indices of each sample name's series, so that a query looks only at its own name. */
        final Map<String, int[]> byName;

        private Layout(Series[] series) {
            this.series = series;
            Map<String, List<Integer>> indices = new HashMap<>();
            for (int i = 0; i < series.length; i++) {
                indices.computeIfAbsent(series[i].name(), name -> new ArrayList<>()).add(i);
            }
            this.byName = new HashMap<>();
            indices.forEach((name, list) -> byName.put(name, list.stream().mapToInt(Integer::intValue).toArray()));
        }

        static Layout of(List<Sample> samples) {
            Series[] series = new Series[samples.size()];
            for (int i = 0; i < series.length; i++) {
                series[i] = samples.get(i).series();
            }
            return new Layout(series);
        }

        boolean sameSeries(List<Sample> samples) {
            if (samples.size() != series.length) {
                return false;
            }
            for (int i = 0; i < series.length; i++) {
                Sample sample = samples.get(i);
                if (!sample.name().equals(series[i].name()) || !sample.labels().equals(series[i].labels())) {
                    return false;
                }
            }
            return true;
        }

        int[] matching(SeriesSelector selector) {
            int[] named = byName.getOrDefault(selector.name(), new int[0]);
            int count = 0;
            int[] matching = new int[named.length];
            for (int index : named) {
                if (selector.matches(series[index])) {
                    matching[count++] = index;
                }
            }
            return count == named.length ? matching : Arrays.copyOf(matching, count);
        }
    }

    /** One counter's values through a window, with PromQL's reset correction. */
    private static final class CounterRun {
        final Series series;
        int points;
        long firstTime;
        long lastTime;
        double first;
        double last;
        /** The values before each drop: a drop means the counter restarted from zero. */
        double resets;

        CounterRun(Series series) {
            this.series = series;
        }

        void add(long time, double value) {
            if (points == 0) {
                firstTime = time;
                first = value;
            } else if (value < last) {
                resets += last;
            }
            lastTime = time;
            last = value;
            points++;
        }

        /** As PromQL's extrapolatedRate before it extrapolates: last − first + the values before each reset. */
        double increase() {
            return last - first + resets;
        }
    }
}
