package dev.topograph.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The text format 0.0.4 as its documentation describes it, and as client_golang writes it. */
class PrometheusTextParserTest {

    private final PrometheusTextParser parser = new PrometheusTextParser();

    static String resource(String name) {
        try (InputStream in = PrometheusTextParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Scrape parse(String body) throws MetricsFormatException {
        return parser.parse(body);
    }

    private MetricsFormatException refusal(String body) {
        MetricsFormatException refusal = catchThrowableOfType(MetricsFormatException.class, () -> parser.parse(body));
        assertThat(refusal).as("refusal of %s", body).isNotNull();
        return refusal;
    }

    private double value(String line) throws MetricsFormatException {
        return parse("x " + line + "\n").families().get(0).samples().get(0).value();
    }

    /** The example of the format's documentation (prometheus.io, "Exposition formats"), verbatim. */
    @Nested
    class TheDocumentedExample {
        private final Scrape scrape;

        TheDocumentedExample() throws MetricsFormatException {
            scrape = parse(resource("exposition-format-example.txt"));
        }

        @Test
        void groupsTheLinesIntoSixFamiliesInTheOrderWritten() {
            assertThat(scrape.families()).extracting(MetricFamily::name).containsExactly(
                    "http_requests_total", "msdos_file_access_time_seconds", "metric_without_timestamp_and_labels",
                    "something_weird", "http_request_duration_seconds", "rpc_duration_seconds");
            assertThat(scrape.families()).extracting(MetricFamily::type).containsExactly(
                    MetricType.COUNTER, MetricType.UNTYPED, MetricType.UNTYPED,
                    MetricType.UNTYPED, MetricType.HISTOGRAM, MetricType.SUMMARY);
            assertThat(scrape.seriesCount()).isEqualTo(2 + 1 + 1 + 1 + 8 + 7);
        }

        @Test
        void readsACounterWithHelpLabelsAndTimestamps() {
            MetricFamily requests = scrape.family("http_requests_total").orElseThrow();
            assertThat(requests.help()).contains("The total number of HTTP requests.");
            assertThat(requests.samples()).containsExactly(
                    new Sample("http_requests_total", Labels.of("method", "post", "code", "200"), 1027, OptionalLong.of(1395066363000L)),
                    new Sample("http_requests_total", Labels.of("method", "post", "code", "400"), 3, OptionalLong.of(1395066363000L)));
        }

        @Test
        void unescapesBackslashesQuotesAndLineFeedsInLabelValues() {
            Sample sample = scrape.family("msdos_file_access_time_seconds").orElseThrow().samples().get(0);
            assertThat(sample.labels().get("path")).contains("C:\\DIR\\FILE.TXT");
            assertThat(sample.labels().get("error")).contains("Cannot find file:\n\"FILE.TXT\"");
            assertThat(sample.value()).isEqualTo(1.458255915e9);
            assertThat(sample.timestampMs()).isEmpty();
        }

        @Test
        void readsAMinimalisticLine() {
            MetricFamily family = scrape.family("metric_without_timestamp_and_labels").orElseThrow();
            assertThat(family.help()).isEmpty();
            assertThat(family.samples()).containsExactly(
                    new Sample("metric_without_timestamp_and_labels", Labels.NONE, 12.47, OptionalLong.empty()));
        }

        @Test
        void readsInfinityAndATimestampBeforeTheEpoch() {
            Sample weird = scrape.family("something_weird").orElseThrow().samples().get(0);
            assertThat(weird.labels()).isEqualTo(Labels.of("problem", "division by zero"));
            assertThat(weird.value()).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(weird.timestampMs()).hasValue(-3982045);
        }

        @Test
        void putsBucketsSumAndCountIntoTheHistogramFamily() {
            MetricFamily histogram = scrape.family("http_request_duration_seconds").orElseThrow();
            assertThat(histogram.help()).contains("A histogram of the request duration.");
            assertThat(histogram.samples()).extracting(Sample::name).containsExactly(
                    "http_request_duration_seconds_bucket", "http_request_duration_seconds_bucket",
                    "http_request_duration_seconds_bucket", "http_request_duration_seconds_bucket",
                    "http_request_duration_seconds_bucket", "http_request_duration_seconds_bucket",
                    "http_request_duration_seconds_sum", "http_request_duration_seconds_count");
            assertThat(histogram.samples()).extracting(s -> s.labels().get("le").orElse("-"))
                    .containsExactly("0.05", "0.1", "0.2", "0.5", "1", "+Inf", "-", "-");
            assertThat(histogram.samples()).extracting(Sample::value)
                    .containsExactly(24054.0, 33444.0, 100392.0, 129389.0, 133988.0, 144320.0, 53423.0, 144320.0);
        }

        @Test
        void putsQuantilesSumAndCountIntoTheSummaryFamily() {
            MetricFamily summary = scrape.family("rpc_duration_seconds").orElseThrow();
            assertThat(summary.samples()).extracting(s -> s.labels().get("quantile").orElse("-"))
                    .containsExactly("0.01", "0.05", "0.5", "0.9", "0.99", "-", "-");
            assertThat(summary.samples().get(5)).isEqualTo(
                    new Sample("rpc_duration_seconds_sum", Labels.NONE, 1.7560473e7, OptionalLong.empty()));
            assertThat(summary.samples().get(6).value()).isEqualTo(2693);
        }
    }

    /** What the generated services serve: client_golang v1.25.0 through promhttp, captured from a real process. */
    @Nested
    class WhatClientGolangWrites {
        private final Scrape scrape;

        WhatClientGolangWrites() throws MetricsFormatException {
            scrape = parse(resource("client_golang-1.25.0.txt"));
        }

        @Test
        void readsEveryFamilyWithItsType() {
            assertThat(scrape.families()).hasSize(44);
            assertThat(scrape.families()).allSatisfy(family -> assertThat(family.help()).isPresent());
            assertThat(scrape.family("go_gc_duration_seconds").orElseThrow().type()).isEqualTo(MetricType.SUMMARY);
            assertThat(scrape.family("go_goroutines").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
            assertThat(scrape.family("process_cpu_seconds_total").orElseThrow().type()).isEqualTo(MetricType.COUNTER);
            assertThat(scrape.family("http_server_request_duration_seconds").orElseThrow().type()).isEqualTo(MetricType.HISTOGRAM);
        }

        @Test
        void readsGoRuntimeAndProcessFigures() {
            assertThat(only(scrape, "go_goroutines").value()).isEqualTo(9);
            assertThat(only(scrape, "go_info").labels()).isEqualTo(Labels.of("version", "go1.26.8"));
            assertThat(only(scrape, "go_memstats_heap_inuse_bytes").value()).isEqualTo(1.55648e6);
            assertThat(only(scrape, "go_gc_gomemlimit_bytes").value()).isEqualTo(9.223372036854776e18);
            assertThat(only(scrape, "process_virtual_memory_max_bytes").value()).isEqualTo(1.8446744073709552e19);
            assertThat(only(scrape, "promhttp_metric_handler_requests_in_flight").value()).isEqualTo(1);
            assertThat(scrape.family("promhttp_metric_handler_requests_total").orElseThrow().samples())
                    .extracting(s -> s.labels().get("code").orElseThrow()).containsExactly("200", "500", "503");
        }

        @Test
        void keepsQuotesInHelpTextAsWritten() {
            assertThat(scrape.family("http_client_requests_total").orElseThrow().help())
                    .contains("Calls to other services, by target service and status code (\"error\" when no response).");
        }

        @Test
        void readsALabelledHistogramAsFourteenBucketsSumAndCountPerLabelSet() {
            MetricFamily histogram = scrape.family("http_server_request_duration_seconds").orElseThrow();
            assertThat(histogram.samples()).hasSize(2 * 16);
            Sample get = histogram.samples().get(13);
            assertThat(get.series()).isEqualTo(Series.of("http_server_request_duration_seconds_bucket",
                    "method", "GET", "route", "GET /orders/{id}", "le", "+Inf"));
            assertThat(get.value()).isEqualTo(91);
            assertThat(histogram.samples().get(14).value()).isEqualTo(164.0617);
        }

        private Sample only(Scrape s, String name) {
            List<Sample> samples = s.family(name).orElseThrow().samples();
            assertThat(samples).hasSize(1);
            return samples.get(0);
        }
    }

    @Nested
    class Values {
        @ParameterizedTest
        @CsvSource({
                "0, 0", "-0, -0.0", "+5, 5", "12.47, 12.47", "1.458255915e9, 1458255915", "1.7560473e+07, 17560473",
                "1E-3, 0.001", ".5, 0.5", "5., 5", "-.25e1, -2.5", "123456789012345678901234567890, 1.2345678901234568e29",
                "9.223372036854776e+18, 9.223372036854776e18",
                "4.9e-324, 4.9e-324", "1e-400, 0"})
        void readsNumbersInGoSyntax(String written, double expected) throws MetricsFormatException {
            assertThat(value(written)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"+Inf", "Inf", "inf", "INF", "+inf", "Infinity", "+infinity", "INFINITY"})
        void readsPositiveInfinityInAnyCase(String written) throws MetricsFormatException {
            assertThat(value(written)).isEqualTo(Double.POSITIVE_INFINITY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-Inf", "-inf", "-Infinity"})
        void readsNegativeInfinity(String written) throws MetricsFormatException {
            assertThat(value(written)).isEqualTo(Double.NEGATIVE_INFINITY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "nan", "NAN"})
        void readsNotANumber(String written) throws MetricsFormatException {
            assertThat(value(written)).isNaN();
        }

        @ParameterizedTest
        @ValueSource(strings = {"+NaN", "-nan", "Infin", "1e", "1e+", "e5", ".", "-", "+", "1.2.3", "1,5", "0x1", "0x1.8",
                "0xp1", "0x1p-2", "0X1.8P1", "1_000", "0x_1p0", "1d", "1f", "Infinityy", "1e400", "-1e400", "١"})
        void refusesWhatPrometheusWouldNotRead(String written) {
            MetricsFormatException refusal = refusal("x " + written + "\n");
            assertThat(refusal.problem()).isEqualTo("expected a number as the value of x, found \"" + written + "\"");
            assertThat(refusal.column()).hasValue(3);
        }

        @Test
        void readsTimestampsOverTheWholeInt64Range() throws MetricsFormatException {
            Scrape scrape = parse("a 1 9223372036854775807\nb 1 -9223372036854775808\nc 1 +42\n");
            assertThat(scrape.samples()).extracting(Sample::timestampMs).containsExactly(
                    OptionalLong.of(Long.MAX_VALUE), OptionalLong.of(Long.MIN_VALUE), OptionalLong.of(42));
        }

        @ParameterizedTest
        @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "1.5", "1e3", "NaN", "0x10", "--1", "+"})
        void refusesTimestampsThatAreNotInt64(String written) {
            MetricsFormatException refusal = refusal("x 1 " + written + "\n");
            assertThat(refusal.problem()).startsWith("expected a timestamp (integer milliseconds)");
            assertThat(refusal.column()).hasValue(5);
        }
    }

    @Nested
    class Layout {
        @Test
        void toleratesBlankLinesTabsTrailingBlanksAndCrLf() throws MetricsFormatException {
            Scrape scrape = parse("\r\n  \t\n# TYPE a counter \r\n\ta{x=\"1\"} \t 2 \t 3 \t\r\n\n   \n");
            assertThat(scrape.families()).hasSize(1);
            assertThat(scrape.samples()).containsExactly(new Sample("a", Labels.of("x", "1"), 2, OptionalLong.of(3)));
        }

        @Test
        void toleratesBlanksInsideLabelsATrailingCommaAndABlankBeforeTheBrace() throws MetricsFormatException {
            Scrape scrape = parse("a { x = \"1\" , y=\"2\", } 1\nb{}2\nc{x=\"1\",} 3\n");
            assertThat(scrape.samples()).extracting(Sample::series).containsExactly(
                    Series.of("a", "x", "1", "y", "2"), Series.of("b"), Series.of("c", "x", "1"));
        }

        @Test
        void readsAnEmptyBodyAsAnEmptyScrape() throws MetricsFormatException {
            assertThat(parse("")).isEqualTo(Scrape.EMPTY);
            assertThat(parse("\n\n# just a comment\n")).isEqualTo(Scrape.EMPTY);
        }

        @Test
        void acceptsWhitespaceAfterTheLastLineFeed() throws MetricsFormatException {
            assertThat(parse("a 1\n  \t").seriesCount()).isEqualTo(1);
        }

        @Test
        void refusesABodyWhoseLastLineHasNoLineFeed() {
            // "a 12" might be the first characters of "a 1234": a clipped value must not pass for a real one
            MetricsFormatException refusal = refusal("a 1\nb 12");
            assertThat(refusal.line()).isEqualTo(2);
            assertThat(refusal.column()).isEmpty();
            assertThat(refusal.problem()).contains("does not end with a line feed");
        }

        @Test
        void readsNamesWithColonsAndUnderscoresAndLabelValuesWithAnything() throws MetricsFormatException {
            Scrape scrape = parse("_:job:rate5m{__a=\"{},= #\\\\\",_b=\"é 😀\t\"} 1\n");
            assertThat(scrape.samples().get(0).series())
                    .isEqualTo(Series.of("_:job:rate5m", "__a", "{},= #\\", "_b", "é 😀\t"));
        }

        @Test
        void treatsLabelsWrittenInAnotherOrderAsTheSameSet() throws MetricsFormatException {
            Scrape scrape = parse("a{y=\"2\",x=\"1\"} 1\n");
            assertThat(scrape.samples().get(0).labels()).isEqualTo(Labels.of("x", "1", "y", "2"));
            assertThat(refusal("a{y=\"2\",x=\"1\"} 1\na{x=\"1\",y=\"2\"} 1\n").problem())
                    .isEqualTo("series a{x=\"1\",y=\"2\"} appears twice; the first is on line 1");
        }
    }

    @Nested
    class Comments {
        @Test
        void readsHelpEscapesAndKeepsOtherBackslashes() throws MetricsFormatException {
            Scrape scrape = parse("# HELP a Line one.\\nA backslash \\\\ and a regex \\d+ and \"quotes\".   \n");
            assertThat(scrape.family("a").orElseThrow().help())
                    .contains("Line one.\nA backslash \\ and a regex \\d+ and \"quotes\".");
        }

        @Test
        void readsHelpWithoutTextAsEmptyHelp() throws MetricsFormatException {
            assertThat(parse("# HELP a\n").family("a").orElseThrow().help()).contains("");
            assertThat(parse("# HELP a   \t\n").family("a").orElseThrow().help()).contains("");
        }

        @Test
        void ignoresOtherCommentsIncludingOpenMetricsOnes() throws MetricsFormatException {
            Scrape scrape = parse("#\n#HELPING hand\n# UNIT a seconds\n# EOF\n  # TYPEWRITER a\na 1\n");
            assertThat(scrape.family("a").orElseThrow().type()).isEqualTo(MetricType.UNTYPED);
        }

        @Test
        void acceptsNoSpaceAfterTheHash() throws MetricsFormatException {
            assertThat(parse("#TYPE a gauge\na 1\n").family("a").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
        }

        @Test
        void keepsAFamilyThatHasOnlyMetadata() throws MetricsFormatException {
            Scrape scrape = parse("# HELP a Nothing yet.\n# TYPE a counter\n# TYPE b gauge\n");
            assertThat(scrape.families()).containsExactly(
                    new MetricFamily("a", MetricType.COUNTER, Optional.of("Nothing yet."), List.of()),
                    new MetricFamily("b", MetricType.GAUGE, Optional.empty(), List.of()));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "# TYPE a Counter|1|10|unknown type \"Counter\"; expected counter, gauge, histogram, summary or untyped",
                "# TYPE a|1|9|expected a type after \"# TYPE a\": counter, gauge, histogram, summary or untyped; found end of line",
                "# TYPE a counter gauge|1|18|expected the end of the line after the type, found 'g'",
                "# TYPE|1|7|expected a metric name after # TYPE, found end of line",
                "# HELP 1a help|1|8|expected a metric name after # HELP, found '1'",
                "# HELP a{b=\"c\"} help|1|9|unexpected '{' in metric name a; names are letters, digits, '_' and ':'",
                "# HELP a one⏎# HELP a two|2|8|second # HELP line for a; the first is on line 1",
                "# TYPE a gauge⏎# TYPE a gauge|2|8|second # TYPE line for a; the first is on line 1",
                "a 1⏎# TYPE a gauge|2|8|# TYPE line for a comes after its samples; it must come before them",
                "a 1⏎# HELP a late|2|8|# HELP line for a comes after its samples; it must come before them",
        })
        void refusesMalformedOrMisplacedHelpAndType(String lines, int line, int column, String problem) {
            MetricsFormatException refusal = refusal(lines.replace('⏎', '\n') + "\n");
            assertThat(refusal.problem()).isEqualTo(problem);
            assertThat(refusal.line()).isEqualTo(line);
            assertThat(refusal.column()).hasValue(column);
        }
    }

    @Nested
    class Families {
        @Test
        void takesSumAndCountOfAnUntypedNameAsFamiliesOfTheirOwn() throws MetricsFormatException {
            Scrape scrape = parse("# TYPE a counter\na 1\na_sum 2\na_count 3\na_bucket{le=\"1\"} 4\n");
            assertThat(scrape.families()).extracting(MetricFamily::name).containsExactly("a", "a_sum", "a_count", "a_bucket");
            assertThat(scrape.families()).extracting(MetricFamily::type).containsOnly(MetricType.COUNTER, MetricType.UNTYPED);
        }

        @Test
        void takesBucketsOfASummaryNameAsAFamilyOfTheirOwn() throws MetricsFormatException {
            Scrape scrape = parse("# TYPE a summary\na_sum 2\na_count 3\na_bucket{le=\"1\"} 4\n");
            assertThat(scrape.families()).extracting(MetricFamily::name).containsExactly("a", "a_bucket");
        }

        @Test
        void readsHistogramsAndSummariesWithoutSumOrCount() throws MetricsFormatException {
            Scrape scrape = parse("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\n# TYPE s summary\ns{quantile=\"0.5\"} 1\n");
            assertThat(scrape.families()).extracting(f -> f.samples().size()).containsExactly(1, 1);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "a 1⏎b 1⏎a 2|3|1|metric family a began on line 1 and other families came since; a family's lines must be one uninterrupted group",
                "# HELP a x⏎# HELP b y⏎a 1|3|1|metric family a began on line 1 and other families came since; a family's lines must be one uninterrupted group",
                "a 1⏎b 1⏎# HELP a late|3|8|metric family a began on line 1 and other families came since; a family's lines must be one uninterrupted group",
                "# TYPE h histogram⏎h_bucket{le=\"1\"} 1⏎b 1⏎h_count 1|4|1|metric family h began on line 1 and other families came since; a family's lines must be one uninterrupted group",
                "# TYPE h histogram⏎h 1|2|1|histogram h writes its samples as h_bucket, h_sum and h_count, not h",
                "# TYPE h histogram⏎h_bucket 1|2|1|h_bucket is a bucket of a histogram but has no le label",
                "# TYPE h histogram⏎h_bucket{le=\"big\"} 1|2|1|the le label of h_bucket is \"big\", not a number",
                "# TYPE s summary⏎s 1|2|1|s is a quantile of a summary but has no quantile label",
                "# TYPE s summary⏎s{quantile=\"\"} 1|2|1|the quantile label of s is \"\", not a number",
                "a 1⏎a 2|2|1|series a appears twice; the first is on line 1",
        })
        void refusesWhatTheFormatForbids(String lines, int line, int column, String problem) {
            MetricsFormatException refusal = refusal(lines.replace('⏎', '\n') + "\n");
            assertThat(refusal.problem()).isEqualTo(problem);
            assertThat(refusal.line()).isEqualTo(line);
            assertThat(refusal.column()).hasValue(column);
            assertThat(refusal.getMessage()).isEqualTo("line " + line + ", column " + column + ": " + problem);
        }
    }

    @Nested
    class Samples {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "a|1|2|expected a value after a, found end of line",
                "a{x=\"1\"}|1|9|expected a value after a{x=\"1\"}, found end of line",
                "a-b 1|1|2|unexpected '-' in metric name a; names are letters, digits, '_' and ':'",
                "1a 1|1|1|expected a metric name, a comment or a blank line, found '1'",
                "{x=\"1\"} 1|1|1|expected a metric name, a comment or a blank line, found '{'",
                "a{x=1} 1|1|5|expected '\"' to open the value of label \"x\", found '1'",
                "a{x} 1|1|4|expected '=' after label name \"x\", found '}'",
                "a{x=\"1\" y=\"2\"} 1|1|9|expected ',' or '}' after the value of label \"x\", found 'y'",
                "a{,} 1|1|3|expected a label name or '}', found ','",
                "a{x=\"1\",,} 1|1|9|expected a label name or '}', found ','",
                "a{1x=\"1\"} 1|1|3|expected a label name or '}', found '1'",
                "a{x:y=\"1\"} 1|1|4|expected '=' after label name \"x\", found ':'",
                "a{x=\"1\"|1|8|expected ',' or '}' after the value of label \"x\", found end of line",
                "a{x=\"1|1|7|expected '\"' to close the value of label \"x\", found end of line",
                "a{x=\"\\t\"} 1|1|6|invalid escape \\t in the value of label \"x\"; the escapes are \\\\, \\\" and \\n",
                "a{x=\"\\|1|6|a lone '\\' at the end of the line in the value of label \"x\"; the escapes are \\\\, \\\" and \\n",
                "a{x=\"1\",x=\"2\"} 1|1|9|label \"x\" appears twice",
                "a{__name__=\"b\"} 1|1|3|label name __name__ is reserved for the metric name",
                "a 1 2 3|1|7|expected the end of the line after the timestamp, found '3'",
                "a 1 # comment|1|5|expected a timestamp (integer milliseconds) or the end of the line after the value, found \"#\"",
        })
        void refusesMalformedSampleLinesSayingWhereAndWhatWasExpected(String line, int lineNumber, int column, String problem) {
            MetricsFormatException refusal = refusal(line + "\n");
            assertThat(refusal.problem()).isEqualTo(problem);
            assertThat(refusal.line()).isEqualTo(lineNumber);
            assertThat(refusal.column()).isEqualTo(OptionalInt.of(column));
        }

        @Test
        void namesCharactersThatCannotBeSeenByTheirCodePoint() {
            assertThat(refusal("a\r 1\n").problem()).isEqualTo(
                    "unexpected a carriage return in metric name a; names are letters, digits, '_' and ':'");
            assertThat(refusal("a\u0000 1\n").problem()).isEqualTo(
                    "unexpected character U+0000 in metric name a; names are letters, digits, '_' and ':'");
            assertThat(refusal("a\t\u000b 1\n").problem()).isEqualTo(
                    "expected a number as the value of a, found \"\u000b\"");
        }

        @Test
        void refusesBlanksOtherThanSpaceAndTabAndAByteOrderMark() {
            assertThat(refusal("a\u00a01\n").problem()).isEqualTo(
                    "unexpected '\u00a0' in metric name a; names are letters, digits, '_' and ':'");
            assertThat(refusal("\uFEFFa 1\n").problem()).isEqualTo(
                    "expected a metric name, a comment or a blank line, found '\uFEFF'");
        }

        @Test
        void countsLinesAcrossCommentsAndBlankLinesAndColumnsFromOne() {
            MetricsFormatException refusal = refusal("# HELP a x\n\n# TYPE a gauge\r\na 1\r\n\r\n  a{x=\"1\" y} 1\r\n");
            assertThat(refusal.line()).isEqualTo(6);
            assertThat(refusal.column()).hasValue(11);
        }
    }

    @Nested
    class Limits {
        @Test
        void refusesMoreSeriesThanTheLimit() throws MetricsFormatException {
            PrometheusTextParser small = new PrometheusTextParser(new ParserLimits(3, 100));
            assertThat(small.parse("a 1\nb 1\nc{x=\"1\"} 1\n").seriesCount()).isEqualTo(3);
            MetricsFormatException refusal = catchThrowableOfType(MetricsFormatException.class,
                    () -> small.parse("a 1\nb 1\nc{x=\"1\"} 1\nc{x=\"2\"} 1\n"));
            assertThat(refusal.getMessage()).isEqualTo("line 4: more than 3 series; the limit is 3");
        }

        @Test
        void refusesMoreFamiliesThanTheSeriesLimitEvenWithoutSamples() {
            PrometheusTextParser small = new PrometheusTextParser(new ParserLimits(2, 100));
            MetricsFormatException refusal = catchThrowableOfType(MetricsFormatException.class,
                    () -> small.parse("# TYPE a gauge\n# TYPE b gauge\n# TYPE c gauge\n"));
            assertThat(refusal.getMessage()).isEqualTo("line 3: more than 2 metric families; the limit is 2");
        }

        @Test
        void refusesALineLongerThanTheLimitButNotOneAtIt() throws MetricsFormatException {
            PrometheusTextParser small = new PrometheusTextParser(new ParserLimits(10, 10));
            assertThat(small.parse("a 12345678\r\n").seriesCount()).isEqualTo(1);
            MetricsFormatException refusal = catchThrowableOfType(MetricsFormatException.class,
                    () -> small.parse("a 1\n# 345678901\n"));
            assertThat(refusal.getMessage()).isEqualTo("line 2: line is longer than 10 characters");
        }

        @Test
        void refusesLimitsBelowOne() {
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new ParserLimits(0, 10))).isNotNull();
        }
    }
}
