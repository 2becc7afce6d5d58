package dev.topograph.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rates, increases, ratios and quantiles over a window of scrapes, worked by hand. */
class ScrapeHistoryTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final SeriesSelector REQUESTS = SeriesSelector.of("http_server_requests_total");
    private static final SeriesSelector LATENCY = SeriesSelector.of("http_server_request_duration_seconds");

    private final PrometheusTextParser parser = new PrometheusTextParser();

    private Scrape scrape(String body) {
        try {
            return parser.parse(body);
        } catch (MetricsFormatException e) {
            throw new AssertionError(e);
        }
    }

    private Scrape counter(double value) {
        return scrape("# TYPE c counter\nc " + ExpositionWriter.number(value) + "\n");
    }

    private static final SeriesSelector C = SeriesSelector.of("c");

    @Nested
    class CounterRates {
        @Test
        void dividesTheIncreaseByTheTimeBetweenFirstAndLastScrape() {
            ScrapeHistory history = new ScrapeHistory();
            history.add(0, counter(100));
            history.add(1_000, counter(110));
            history.add(2_000, counter(130));
            // (130 − 100) / 2 s
            assertThat(history.increase(C, MINUTE)).hasValue(30);
            assertThat(history.rate(C, MINUTE)).hasValue(15);
        }

        @Test
        void countsADropAsARestartFromZero() {
            ScrapeHistory history = new ScrapeHistory();
            history.add(0, counter(100));
            history.add(1_000, counter(130));
            history.add(2_000, counter(5));
            history.add(3_000, counter(25));
            // +30, then the process restarted and counted 5 from 0, then +20: 55 in 3 s
            // PromQL's way: last − first + the value before each drop = 25 − 100 + 130
            assertThat(history.increase(C, MINUTE)).hasValue(55);
            assertThat(history.rate(C, MINUTE).getAsDouble()).isCloseTo(55 / 3.0, within(1e-12));
        }

        @Test
        void takesTheScrapesLessThanTheWindowBeforeTheLatest() {
            ScrapeHistory history = new ScrapeHistory();
            for (int second = 0; second <= 10; second++) {
                history.add(second * 1_000L, counter(second * second));
            }
            // a 5 s window ending at 10 s holds 6..10 s, not 5 s: (100 − 36) / 4 s = 16
            // (with 5 s it would be (100 − 25) / 5 s = 15)
            assertThat(history.rate(C, Duration.ofSeconds(5))).hasValue(16);
            assertThat(history.rate(C, Duration.ofMillis(5_001))).hasValue(15);
        }

        @Test
        void saysNothingWithFewerThanTwoScrapesInTheWindow() {
            ScrapeHistory history = new ScrapeHistory();
            assertThat(history.rate(C, MINUTE)).isEmpty();
            history.add(0, counter(1));
            assertThat(history.rate(C, MINUTE)).isEmpty();
            history.add(1_000, counter(2));
            assertThat(history.rate(C, Duration.ofMillis(1_000))).isEmpty();
            assertThat(history.rate(C, Duration.ofMillis(1_001))).hasValue(1);
            assertThat(history.histogramQuantile(0.5, LATENCY, Duration.ofMillis(1_000))).isEmpty();
        }

        @Test
        void givesZeroWhenNoSeriesMatches() {
            ScrapeHistory history = new ScrapeHistory();
            history.add(0, counter(1));
            history.add(1_000, counter(2));
            assertThat(history.rate(SeriesSelector.of("absent"), MINUTE)).hasValue(0);
            assertThat(history.increase(C.whereLabel("code", "500"), MINUTE)).hasValue(0);
        }

        @Test
        void countsASeriesOnlyOnceItHasTwoScrapesInTheWindow() {
            ScrapeHistory history = new ScrapeHistory();
            history.add(0, scrape("c{x=\"1\"} 1\n"));
            history.add(1_000, scrape("c{x=\"1\"} 2\nc{x=\"2\"} 5\n"));
            // x=2 has one scrape so far, as PromQL's rate() it says nothing yet
            assertThat(history.rate(C, MINUTE)).hasValue(1);
            history.add(2_000, scrape("c{x=\"2\"} 7\n"));
            // x=1: 1 → 2 over 0..1 s = 1/s; x=2: 5 → 7 over 1..2 s = 2/s; x=1's disappearance changes nothing
            assertThat(history.rate(C, MINUTE)).hasValue(3);
            assertThat(history.increase(C, MINUTE)).hasValue(3);
        }
    }

    @Nested
    class LabelledSubsets {
        private final ScrapeHistory history = new ScrapeHistory();

        LabelledSubsets() {
            history.add(10_000, scrape("""
                    # TYPE http_server_requests_total counter
                    http_server_requests_total{code="200",route="/a"} 1000
                    http_server_requests_total{code="404",route="/a"} 10
                    http_server_requests_total{code="500",route="/b"} 0
                    http_server_requests_total{code="503",route="/a"} 5
                    """));
            history.add(12_000, scrape("""
                    # TYPE http_server_requests_total counter
                    http_server_requests_total{code="200",route="/a"} 1180
                    http_server_requests_total{code="404",route="/a"} 14
                    http_server_requests_total{code="500",route="/b"} 2
                    http_server_requests_total{code="503",route="/a"} 9
                    """));
        }

        @Test
        void sumsTheRatesOfTheMatchingSeries() {
            // over 2 s: 200 → +180 = 90/s, 404 → +4 = 2/s, 500 → +2 = 1/s, 503 → +4 = 2/s
            assertThat(history.rate(REQUESTS, MINUTE)).hasValue(95);
            assertThat(history.rate(REQUESTS.whereLabelStartsWith("code", "5"), MINUTE)).hasValue(3);
            assertThat(history.rate(REQUESTS.whereLabel("route", "/a").whereLabelStartsWith("code", "5"), MINUTE)).hasValue(2);
            assertThat(history.rate(REQUESTS.where(new LabelMatcher.NotEquals("code", "200")), MINUTE)).hasValue(5);
        }

        @Test
        void givesTheShareOfAPartInTheWhole() {
            // 5xx: 3/s of 95/s
            assertThat(history.ratio(REQUESTS.whereLabelStartsWith("code", "5"), REQUESTS, MINUTE).getAsDouble())
                    .isCloseTo(3 / 95.0, within(1e-15));
        }

        @Test
        void dividesAsPromQLDoesWhenTheWholeDidNotMove() {
            SeriesSelector quiet = REQUESTS.whereLabel("route", "/quiet");
            assertThat(history.ratio(quiet.whereLabelStartsWith("code", "5"), quiet, MINUTE).getAsDouble()).isNaN();
            assertThat(history.ratio(REQUESTS, quiet, MINUTE)).hasValue(Double.POSITIVE_INFINITY);
        }

        @Test
        void treatsAnAbsentLabelAsEmptyAsPromQLDoes() {
            assertThat(history.rate(REQUESTS.whereLabel("method", ""), MINUTE)).hasValue(95);
            assertThat(history.rate(REQUESTS.where(new LabelMatcher.NotEquals("method", "GET")), MINUTE)).hasValue(95);
        }
    }

    @Nested
    class HistogramQuantiles {
        private final ScrapeHistory history = new ScrapeHistory();

        HistogramQuantiles() {
            history.add(0, latency(new int[] {10, 20, 30, 40, 40, 40}, new int[] {0, 0, 0, 0, 0, 0}));
            history.add(1_000, latency(new int[] {10, 30, 70, 90, 100, 100}, new int[] {0, 0, 0, 0, 0, 4}));
        }

        /** Cumulative bucket counts for le = 0.005, 0.01, 0.025, 0.05, 0.1, +Inf on routes /a and /b. */
        private Scrape latency(int[] a, int[] b) {
            String[] bounds = {"0.005", "0.01", "0.025", "0.05", "0.1", "+Inf"};
            StringBuilder text = new StringBuilder("# TYPE http_server_request_duration_seconds histogram\n");
            for (String route : new String[] {"/a", "/b"}) {
                int[] counts = route.equals("/a") ? a : b;
                for (int i = 0; i < bounds.length; i++) {
                    text.append("http_server_request_duration_seconds_bucket{route=\"").append(route)
                            .append("\",le=\"").append(bounds[i]).append("\"} ").append(counts[i]).append('\n');
                }
                text.append("http_server_request_duration_seconds_count{route=\"").append(route).append("\"} ")
                        .append(counts[5]).append('\n');
            }
            return scrape(text.toString());
        }

        @Test
        void takesTheQuantileOfTheIncreaseOfEachBucket() {
            // /a gained 0, 10, 40, 50, 60, 60 (cumulative) in the window
            // p95: rank 0.95 × 60 = 57, reached in le=0.1 (60), which gained 10, 7 into it:
            //   0.05 + 0.05 × 7/10 = 0.085
            // p50: rank 30, reached in le=0.025 (40), which gained 30, 20 into it: 0.01 + 0.015 × 20/30 = 0.02
            SeriesSelector a = LATENCY.whereLabel("route", "/a");
            assertThat(history.histogramQuantile(0.95, a, MINUTE).getAsDouble()).isCloseTo(0.085, within(1e-15));
            assertThat(history.histogramQuantile(0.5, a, MINUTE).getAsDouble()).isCloseTo(0.02, within(1e-15));
            assertThat(history.histogramIncrease(a, MINUTE).orElseThrow().buckets()).containsExactly(
                    new Bucket(0.005, 0), new Bucket(0.01, 10), new Bucket(0.025, 40), new Bucket(0.05, 50),
                    new Bucket(0.1, 60), new Bucket(Double.POSITIVE_INFINITY, 60));
        }

        @Test
        void sumsTheSelectedSeriesByBound() {
            // /a and /b together: 0, 10, 40, 50, 60, 64; p95: rank 60.8 > 60 is only in +Inf, so the
            // answer is the highest finite bound, 0.1; so is /b's median, all of whose 4 are above 0.1
            assertThat(history.histogramQuantile(0.95, LATENCY, MINUTE)).hasValue(0.1);
            assertThat(history.histogramQuantile(0.5, LATENCY.whereLabel("route", "/b"), MINUTE)).hasValue(0.1);
            // p50 of both: rank 32, in le=0.025 (40), which gained 30, 22 into it: 0.01 + 0.015 × 22/30 = 0.021
            assertThat(history.histogramQuantile(0.5, LATENCY, MINUTE).getAsDouble()).isCloseTo(0.021, within(1e-15));
        }

        @Test
        void givesNaNWhenNothingWasObservedInTheWindow() {
            history.add(2_000, latency(new int[] {10, 30, 70, 90, 100, 100}, new int[] {0, 0, 0, 0, 0, 4}));
            assertThat(history.histogramQuantile(0.95, LATENCY, Duration.ofMillis(1_500)).getAsDouble()).isNaN();
            assertThat(history.histogramQuantile(0.95, SeriesSelector.of("absent"), MINUTE).getAsDouble()).isNaN();
        }

        @Test
        void countsBucketsOfARestartedProcessFromZero() {
            // /a restarts and observes 1, 1, 2, 3, 4, 6 before the next scrape: those are the
            // increases of 1 s..2 s, on top of 0, 10, 40, 50, 60, 60 before
            history.add(2_000, latency(new int[] {1, 1, 2, 3, 4, 6}, new int[] {0, 0, 0, 0, 0, 4}));
            assertThat(history.histogramIncrease(LATENCY.whereLabel("route", "/a"), Duration.ofMillis(1_500)).orElseThrow().buckets())
                    .extracting(Bucket::count).containsExactly(1.0, 1.0, 2.0, 3.0, 4.0, 6.0);
            assertThat(history.histogramIncrease(LATENCY.whereLabel("route", "/a"), MINUTE).orElseThrow().buckets())
                    .extracting(Bucket::count).containsExactly(1.0, 11.0, 42.0, 53.0, 64.0, 66.0);
        }
    }

    @Nested
    class Memory {
        @Test
        void keepsOnlyTheNewestScrapesUpToItsCapacity() {
            ScrapeHistory history = new ScrapeHistory(3);
            long[] values = {1, 2, 4, 8, 16};
            for (int i = 0; i < values.length; i++) {
                history.add(i * 1_000L, counter(values[i]));
            }
            assertThat(history.size()).isEqualTo(3);
            // only 4, 8, 16 at 2..4 s are left: 12 in 2 s
            assertThat(history.rate(C, Duration.ofDays(1))).hasValue(6);
            assertThat(history.latestTimestampMs()).hasValue(4_000);
        }

        @Test
        void staysAtItsCapacityThroughHoursOfScrapes() {
            ScrapeHistory history = new ScrapeHistory();
            Scrape realistic = scrape(PrometheusTextParserTest.resource("client_golang-1.25.0.txt"));
            for (int second = 0; second < 3_600; second++) {
                history.add(second * 1_000L, realistic);
            }
            assertThat(history.size()).isEqualTo(ScrapeHistory.DEFAULT_CAPACITY);
            assertThat(history.rate(SeriesSelector.of("http_server_requests_total"), MINUTE)).hasValue(0);
        }
    }

    @Nested
    class LatestValues {
        @Test
        void sumsTheMatchingSeriesOfTheLatestScrape() {
            ScrapeHistory history = new ScrapeHistory();
            assertThat(history.latestValue(SeriesSelector.of("go_goroutines"))).isEmpty();
            assertThat(history.latest()).isEmpty();
            Scrape realistic = scrape(PrometheusTextParserTest.resource("client_golang-1.25.0.txt"));
            history.add(0, realistic);
            assertThat(history.latest()).contains(realistic);
            assertThat(history.latestValue(SeriesSelector.of("go_goroutines"))).hasValue(9);
            assertThat(history.latestValue(SeriesSelector.of("promhttp_metric_handler_errors_total"))).hasValue(0);
            assertThat(history.latestValue(SeriesSelector.of("http_server_requests_total").whereLabelStartsWith("code", "2")))
                    .hasValue(1027 + 412);
            assertThat(history.latestValue(SeriesSelector.of("absent"))).isEqualTo(OptionalDouble.empty());
        }
    }

    @Nested
    class Misuse {
        @Test
        void refusesAScrapeThatIsNotAfterTheLatest() {
            ScrapeHistory history = new ScrapeHistory();
            history.add(1_000, counter(1));
            assertThatThrownBy(() -> history.add(1_000, counter(2))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("scrape at 1000 ms is not after the latest, at 1000 ms");
            assertThat(history.size()).isEqualTo(1);
        }

        @Test
        void refusesAnEmptyWindowAndATooSmallCapacity() {
            ScrapeHistory history = new ScrapeHistory();
            assertThatThrownBy(() -> history.rate(C, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ScrapeHistory(1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void takesAWindowTooLongForMillisecondsWithoutOverflowing() {
            ScrapeHistory history = new ScrapeHistory();
            history.add(-5_000, counter(1));
            history.add(0, counter(2));
            history.add(1_000, counter(4));
            assertThat(history.increase(C, Duration.ofSeconds(Long.MAX_VALUE))).hasValue(3);
            assertThat(history.increase(C, Duration.ofMillis(Long.MAX_VALUE))).hasValue(3);
        }
    }
}
