package dev.topograph.app.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a metrics body in the Prometheus text exposition format 0.0.4 into a {@link Scrape}, or
 * refuses it with a {@link MetricsFormatException} that says where and why; no other exception
 * escapes, whatever the text.
 *
 * <p>What the format's documentation requires is enforced: metric and label names by their
 * grammar; only {@code \\}, {@code \"} and {@code \n} escapes in label values; values and
 * timestamps in Go's number syntax (without the hexadecimal floats Prometheus refuses too); at
 * most one {@code HELP} and one {@code TYPE} per family, before its samples; a family's lines as
 * one uninterrupted group; each series once; numeric {@code le} on a histogram's buckets and
 * {@code quantile} on a summary's quantiles; a line feed after the last line, so that a body cut
 * short in transfer is refused rather than read with a clipped last value. Prometheus's own
 * parser (expfmt) lets interrupted groups, repeated series and bucket lines without {@code le}
 * pass, with results the format calls undefined; refusing them says what is wrong, and
 * {@link ScrapeHistory} needs each series once.
 *
 * <p>Tolerated: blank lines; blanks and tabs between tokens and at either end of a line; a
 * blank between a name and its labels and a comma before the closing brace, as expfmt allows;
 * carriage returns at the end of a line, so {@code \r\n} line ends; and in {@code HELP} text a
 * backslash before anything but {@code \} or {@code n}, kept as written (help is prose for
 * people, and refusing every metric over a stray backslash in it would help no one).
 *
 * <p>Not checked: that buckets and quantiles come in increasing order and that a histogram has
 * a {@code +Inf} bucket equal to its count ({@link Histogram#quantile}, like PromQL, copes
 * without). One parser may be shared by threads.
 */
public final class PrometheusTextParser {
    private final ParserLimits limits;

    public PrometheusTextParser() {
        this(ParserLimits.DEFAULT);
    }

    public PrometheusTextParser(ParserLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The scrape the body describes; an empty body is an empty scrape. */
    public Scrape parse(String body) throws MetricsFormatException {
        Objects.requireNonNull(body, "body");
        return new Reading(body, limits).all();
    }

    /** A family while its lines are being read. */
    private static final class Family {
        final String name;
        final int firstLine;
        MetricType type;
        int typeLine;
        String help;
        int helpLine;
        final List<Sample> samples = new ArrayList<>();

        Family(String name, int firstLine) {
            this.name = name;
            this.firstLine = firstLine;
        }

        MetricType typeOrUntyped() {
            return type == null ? MetricType.UNTYPED : type;
        }

        MetricFamily build() {
            return new MetricFamily(name, typeOrUntyped(), Optional.ofNullable(help), samples);
        }
    }

    /** One pass over one body: the text, where the reader is, and what it has read so far. */
    private static final class Reading {
        private final String text;
        private final ParserLimits limits;
        private final Map<String, Family> families = new HashMap<>();
        private final List<Family> inOrder = new ArrayList<>();
        private final Map<Series, Integer> seriesLines = new HashMap<>();
        private Family current;
        private int lineNumber;
        private int lineStart;
        private int lineEnd;
        /** Where the text after the last label set or label value begins. */
        private int after;

        Reading(String text, ParserLimits limits) {
            this.text = text;
            this.limits = limits;
        }

        Scrape all() throws MetricsFormatException {
            int length = text.length();
            int next = 0;
            while (next < length) {
                lineNumber++;
                int feed = text.indexOf('\n', next);
                int end = feed < 0 ? length : feed;
                lineStart = next;
                int withoutCr = end > next && text.charAt(end - 1) == '\r' ? end - 1 : end;
                if (withoutCr - lineStart > limits.maxLineLength()) {
                    throw new MetricsFormatException(lineNumber, OptionalInt.empty(),
                            "line is longer than " + limits.maxLineLength() + " characters");
                }
                // trailing blanks and carriage returns are no part of any token, help text included
                lineEnd = withoutCr;
                while (lineEnd > lineStart && (isBlank(text.charAt(lineEnd - 1)) || text.charAt(lineEnd - 1) == '\r')) {
                    lineEnd--;
                }
                if (feed < 0 && lineEnd > lineStart) {
                    throw new MetricsFormatException(lineNumber, OptionalInt.empty(),
                            "the last line does not end with a line feed; the body may have been cut short");
                }
                line();
                next = end + 1;
            }
            List<MetricFamily> built = new ArrayList<>(inOrder.size());
            for (Family family : inOrder) {
                built.add(family.build());
            }
            return new Scrape(built);
        }

        private void line() throws MetricsFormatException {
            int i = skipBlanks(lineStart);
            if (i == lineEnd) {
                return;
            }
            if (text.charAt(i) == '#') {
                comment(skipBlanks(i + 1));
            } else {
                sample(i);
            }
        }

        /** {@code # HELP name text}, {@code # TYPE name type}, or any other comment, which says nothing. */
        private void comment(int i) throws MetricsFormatException {
            int wordEnd = tokenEnd(i);
            boolean help = text.startsWith("HELP", i) && wordEnd - i == 4;
            boolean type = text.startsWith("TYPE", i) && wordEnd - i == 4;
            if (!help && !type) {
                return;
            }
            String keyword = help ? "# HELP" : "# TYPE";
            int nameStart = skipBlanks(wordEnd);
            int nameEnd = metricNameEnd(nameStart, "a metric name after " + keyword, false);
            String name = text.substring(nameStart, nameEnd);
            int rest = skipBlanks(nameEnd);
            if (help) {
                Family family = familyForMetadata(name, nameStart, keyword);
                family.help = unescapeHelp(rest, lineEnd);
                family.helpLine = lineNumber;
                return;
            }
            int typeEnd = tokenEnd(rest);
            if (typeEnd == rest) {
                throw error(rest, "expected a type after \"# TYPE " + name
                        + "\": counter, gauge, histogram, summary or untyped; found end of line");
            }
            String word = text.substring(rest, typeEnd);
            Optional<MetricType> metricType = MetricType.fromExposition(word);
            if (metricType.isEmpty()) {
                throw error(rest, "unknown type \"" + shorten(word)
                        + "\"; expected counter, gauge, histogram, summary or untyped");
            }
            int extra = skipBlanks(typeEnd);
            if (extra < lineEnd) {
                throw error(extra, "expected the end of the line after the type, found " + found(extra));
            }
            Family family = familyForMetadata(name, nameStart, keyword);
            family.type = metricType.get();
            family.typeLine = lineNumber;
        }

        /** {@code name{label="value",…} value [timestamp]}. */
        private void sample(int nameStart) throws MetricsFormatException {
            int nameEnd = metricNameEnd(nameStart, "a metric name, a comment or a blank line", true);
            String name = text.substring(nameStart, nameEnd);
            int i = skipBlanks(nameEnd);
            Labels labels = Labels.NONE;
            if (i < lineEnd && text.charAt(i) == '{') {
                labels = labels(i);
                i = skipBlanks(after);
            }
            if (i == lineEnd) {
                throw error(i, "expected a value after " + name + labels + ", found end of line");
            }
            int valueEnd = tokenEnd(i);
            OptionalDouble value = ExpositionNumbers.parseFloat(text, i, valueEnd);
            if (value.isEmpty()) {
                throw error(i, "expected a number as the value of " + name + labels + ", found \""
                        + shorten(text.substring(i, valueEnd)) + "\"");
            }
            i = skipBlanks(valueEnd);
            OptionalLong timestamp = OptionalLong.empty();
            if (i < lineEnd) {
                int timestampEnd = tokenEnd(i);
                timestamp = ExpositionNumbers.parseTimestamp(text, i, timestampEnd);
                if (timestamp.isEmpty()) {
                    throw error(i, "expected a timestamp (integer milliseconds) or the end of the line after the value, found \""
                            + shorten(text.substring(i, timestampEnd)) + "\"");
                }
                i = skipBlanks(timestampEnd);
                if (i < lineEnd) {
                    throw error(i, "expected the end of the line after the timestamp, found " + found(i));
                }
            }
            add(nameStart, new Sample(name, labels, value.getAsDouble(), timestamp));
        }

        /** {@code {name="value",…}} from its opening brace; leaves {@link #after} past the closing one. */
        private Labels labels(int open) throws MetricsFormatException {
            List<Label> pairs = new ArrayList<>(4);
            int i = skipBlanks(open + 1);
            while (true) {
                if (i < lineEnd && text.charAt(i) == '}') {
                    after = i + 1;
                    break;
                }
                int nameStart = i;
                int nameEnd = labelNameEnd(i);
                String name = text.substring(nameStart, nameEnd);
                i = skipBlanks(nameEnd);
                if (i == lineEnd || text.charAt(i) != '=') {
                    throw error(i, "expected '=' after label name \"" + name + "\", found " + found(i));
                }
                i = skipBlanks(i + 1);
                if (i == lineEnd || text.charAt(i) != '"') {
                    throw error(i, "expected '\"' to open the value of label \"" + name + "\", found " + found(i));
                }
                String value = labelValue(i + 1, name);
                if (name.equals("__name__")) {
                    throw error(nameStart, "label name __name__ is reserved for the metric name");
                }
                for (Label earlier : pairs) {
                    if (earlier.name().equals(name)) {
                        throw error(nameStart, "label \"" + name + "\" appears twice");
                    }
                }
                pairs.add(new Label(name, value));
                i = skipBlanks(after);
                if (i < lineEnd && text.charAt(i) == ',') {
                    i = skipBlanks(i + 1);
                } else if (i < lineEnd && text.charAt(i) == '}') {
                    after = i + 1;
                    break;
                } else {
                    throw error(i, "expected ',' or '}' after the value of label \"" + name + "\", found " + found(i));
                }
            }
            return pairs.isEmpty() ? Labels.NONE : new Labels(pairs);
        }

        /** A quoted label value from just after its opening quote; leaves {@link #after} past the closing one. */
        private String labelValue(int start, String labelName) throws MetricsFormatException {
            StringBuilder unescaped = null;
            int copied = start;
            int i = start;
            while (true) {
                if (i >= lineEnd) {
                    throw error(i, "expected '\"' to close the value of label \"" + labelName + "\", found end of line");
                }
                char c = text.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c != '\\') {
                    i++;
                    continue;
                }
                char escaped = i + 1 < lineEnd ? text.charAt(i + 1) : 0;
                char meant = switch (escaped) {
                    case '\\' -> '\\';
                    case '"' -> '"';
                    case 'n' -> '\n';
                    default -> throw error(i, (i + 1 < lineEnd ? "invalid escape \\" + text.charAt(i + 1) : "a lone '\\' at the end of the line")
                            + " in the value of label \"" + labelName + "\"; the escapes are \\\\, \\\" and \\n");
                };
                if (unescaped == null) {
                    unescaped = new StringBuilder(i - start + 16);
                }
                unescaped.append(text, copied, i).append(meant);
                i += 2;
                copied = i;
            }
            after = i + 1;
            if (unescaped == null) {
                return text.substring(start, i);
            }
            return unescaped.append(text, copied, i).toString();
        }

        /** Help text: {@code \\} and {@code \n} are escapes; a backslash before anything else stays as written. */
        private String unescapeHelp(int start, int end) {
            int backslash = text.indexOf('\\', start);
            if (backslash < 0 || backslash >= end) {
                return text.substring(start, end);
            }
            StringBuilder help = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < end && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == 'n')) {
                    help.append(text.charAt(i + 1) == 'n' ? '\n' : '\\');
                    i++;
                } else {
                    help.append(c);
                }
            }
            return help.toString();
        }

        private Family familyForMetadata(String name, int nameStart, String keyword) throws MetricsFormatException {
            Family family = families.get(name);
            if (family == null) {
                return startFamily(name);
            }
            if (keyword.equals("# HELP") && family.help != null) {
                throw error(nameStart, "second # HELP line for " + name + "; the first is on line " + family.helpLine);
            }
            if (keyword.equals("# TYPE") && family.type != null) {
                throw error(nameStart, "second # TYPE line for " + name + "; the first is on line " + family.typeLine);
            }
            if (family != current) {
                throw interrupted(family, nameStart);
            }
            if (!family.samples.isEmpty()) {
                throw error(nameStart, keyword + " line for " + name + " comes after its samples; it must come before them");
            }
            return family;
        }

        /**
         * The family a sample belongs to: the one of its own name, else for {@code x_bucket} a
         * histogram {@code x}, for {@code x_sum} and {@code x_count} a histogram or summary {@code x}.
         */
        private Family familyForSample(String name, int nameStart) throws MetricsFormatException {
            Family family = families.get(name);
            if (family == null) {
                family = histogramOrSummaryOf(name);
            }
            if (family == null) {
                return startFamily(name);
            }
            if (family != current) {
                throw interrupted(family, nameStart);
            }
            return family;
        }

        private Family histogramOrSummaryOf(String sampleName) {
            if (sampleName.endsWith("_bucket")) {
                Family family = families.get(sampleName.substring(0, sampleName.length() - "_bucket".length()));
                return family != null && family.type == MetricType.HISTOGRAM ? family : null;
            }
            int suffix = sampleName.endsWith("_sum") ? "_sum".length() : sampleName.endsWith("_count") ? "_count".length() : 0;
            if (suffix == 0) {
                return null;
            }
            Family family = families.get(sampleName.substring(0, sampleName.length() - suffix));
            return family != null && (family.type == MetricType.HISTOGRAM || family.type == MetricType.SUMMARY) ? family : null;
        }

        private Family startFamily(String name) throws MetricsFormatException {
            if (families.size() >= limits.maxSeries()) {
                throw new MetricsFormatException(lineNumber, OptionalInt.empty(),
                        "more than " + limits.maxSeries() + " metric families; the limit is " + limits.maxSeries());
            }
            Family family = new Family(name, lineNumber);
            families.put(name, family);
            inOrder.add(family);
            current = family;
            return family;
        }

        private void add(int nameStart, Sample sample) throws MetricsFormatException {
            Family family = familyForSample(sample.name(), nameStart);
            checkBucketOrQuantile(family, sample, nameStart);
            if (seriesLines.size() >= limits.maxSeries()) {
                throw new MetricsFormatException(lineNumber, OptionalInt.empty(),
                        "more than " + limits.maxSeries() + " series; the limit is " + limits.maxSeries());
            }
            Integer firstLine = seriesLines.putIfAbsent(sample.series(), lineNumber);
            if (firstLine != null) {
                throw error(nameStart, "series " + shorten(sample.series().toString()) + " appears twice; the first is on line " + firstLine);
            }
            family.samples.add(sample);
        }

        private void checkBucketOrQuantile(Family family, Sample sample, int nameStart) throws MetricsFormatException {
            String name = sample.name();
            if (family.type == MetricType.HISTOGRAM && name.equals(family.name)) {
                throw error(nameStart, "histogram " + name + " writes its samples as " + name + "_bucket, "
                        + name + "_sum and " + name + "_count, not " + name);
            }
            String label;
            if (family.type == MetricType.HISTOGRAM && name.endsWith("_bucket")) {
                label = "le";
            } else if (family.type == MetricType.SUMMARY && name.equals(family.name)) {
                label = "quantile";
            } else {
                return;
            }
            Optional<String> bound = sample.labels().get(label);
            if (bound.isEmpty()) {
                throw error(nameStart, name + (label.equals("le") ? " is a bucket of a histogram but has no le label"
                        : " is a quantile of a summary but has no quantile label"));
            }
            String value = bound.get();
            if (ExpositionNumbers.parseFloat(value, 0, value.length()).isEmpty()) {
                throw error(nameStart, "the " + label + " label of " + name + " is \"" + shorten(value) + "\", not a number");
            }
        }

        private MetricsFormatException interrupted(Family family, int index) {
            return error(index, "metric family " + family.name + " began on line " + family.firstLine
                    + " and other families came since; a family's lines must be one uninterrupted group");
        }

        /** Where a metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) starting here ends: at a blank, the line end, or a '{' when labels may follow. */
        private int metricNameEnd(int start, String expected, boolean labelsMayFollow) throws MetricsFormatException {
            if (start >= lineEnd || !isMetricNameStart(text.charAt(start))) {
                throw error(start, "expected " + expected + ", found " + found(start));
            }
            int i = start + 1;
            while (i < lineEnd && (isMetricNameStart(text.charAt(i)) || isDigit(text.charAt(i)))) {
                i++;
            }
            if (i < lineEnd && !isBlank(text.charAt(i)) && !(labelsMayFollow && text.charAt(i) == '{')) {
                throw error(i, "unexpected " + found(i) + " in metric name " + text.substring(start, i)
                        + "; names are letters, digits, '_' and ':'");
            }
            return i;
        }

        /** Where a label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}) starting here ends. */
        private int labelNameEnd(int start) throws MetricsFormatException {
            if (start >= lineEnd || !isLabelNameStart(text.charAt(start))) {
                throw error(start, "expected a label name or '}', found " + found(start));
            }
            int i = start + 1;
            while (i < lineEnd && (isLabelNameStart(text.charAt(i)) || isDigit(text.charAt(i)))) {
                i++;
            }
            return i;
        }

        private int skipBlanks(int i) {
            while (i < lineEnd && isBlank(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private int tokenEnd(int i) {
            while (i < lineEnd && !isBlank(text.charAt(i))) {
                i++;
            }
            return i;
        }

        /** The character at i as a message shows it. */
        private String found(int i) {
            if (i >= lineEnd) {
                return "end of line";
            }
            char c = text.charAt(i);
            return switch (c) {
                case ' ' -> "a space";
                case '\t' -> "a tab";
                case '\r' -> "a carriage return";
                default -> c < 0x20 || c == 0x7f ? String.format("character U+%04X", (int) c) : "'" + c + "'";
            };
        }

        private MetricsFormatException error(int index, String problem) {
            return new MetricsFormatException(lineNumber, OptionalInt.of(index - lineStart + 1), problem);
        }

        private static String shorten(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isLabelNameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean isMetricNameStart(char c) {
            return isLabelNameStart(c) || c == ':';
        }
    }
}
