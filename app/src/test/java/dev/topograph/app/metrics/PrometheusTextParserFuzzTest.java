package dev.topograph.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Whatever the text, the parser gives a scrape or a {@link MetricsFormatException} pointing into
 * the text, nothing else; a scrape it gives writes back to text that reads as the same scrape.
 * Inputs are valid bodies damaged at random (characters lost, doubled, swapped, junk typed in,
 * lines shuffled, cut short) and scrapes generated at random.
 */
class PrometheusTextParserFuzzTest {
    /** Small limits, so that the limits are reached too. */
    private static final PrometheusTextParser PARSER = new PrometheusTextParser(new ParserLimits(200, 400));

    private static final List<String> VALID = List.of(
            PrometheusTextParserTest.resource("exposition-format-example.txt"),
            """
            # HELP h Latency.\\nIn seconds, \\\\ included.
            # TYPE h histogram
            h_bucket{route="/a",le="0.1"} 1
            h_bucket{route="/a",le="+Inf"} 2
            h_sum{route="/a"} 0.3
            h_count{route="/a"} 2
            # TYPE s summary
            s{quantile="0.5"} NaN
            s_sum 0
            s_count 0
            a{x="a\\\\b\\"c\\nd", y = "é😀" , } -1.5e-3 -42
            """,
            "# TYPE c counter\r\nc{code=\"200\"} 1027 1395066363000\r\nc{code=\"503\"} 3\r\n");

    /** Pieces that matter to the grammar, typed in at random. */
    private static final List<String> JUNK = List.of("\\", "\"", "{", "}", "=", ",", " ", "\t", "\r", "\n", "#", "# HELP ",
            "# TYPE ", "histogram", "summary", "NaN", "+Inf", "-Inf", "1e400", "9223372036854775808", "le=\"", "quantile=\"",
            "_bucket", "_sum", "_count", "__name__", "\u0000", "\u00a0", "\uFEFF", "😀", "\ud800", "\\n", "\\\"", "0x1p3",
            ":", "_", "a", "1", ".", "e", "-");

    @Property(tries = 3000)
    void anyDamageToAValidBodyIsReadOrRefusedCleanly(@ForAll("damagedBodies") String body) {
        readOrRefuse(body);
    }

    @Test
    void twoHundredThousandSeededDamagesAreReadOrRefusedCleanly() {
        Random random = new Random(0x70706f67L);
        int read = 0;
        for (int i = 0; i < 200_000; i++) {
            if (readOrRefuse(damage(VALID.get(random.nextInt(VALID.size())), random))) {
                read++;
            }
        }
        // damage often leaves a valid body (a blank doubled, a comment changed); both outcomes must be common
        assertThat(read).isBetween(10_000, 190_000);
    }

    @Property(tries = 500)
    void generatedScrapesReadBackAsWritten(@ForAll("scrapes") Scrape scrape) throws MetricsFormatException {
        assertThat(new PrometheusTextParser().parse(ExpositionWriter.write(scrape))).isEqualTo(scrape);
    }

    /** True when read; fails the test on anything but a scrape that reads back the same or a well-placed refusal. */
    private static boolean readOrRefuse(String body) {
        // plain checks, not AssertJ, on the way: this runs 200,000 times
        try {
            Scrape scrape = PARSER.parse(body);
            if (scrape.seriesCount() > 200) {
                fail("more series than the limit from %s", body);
            }
            Scrape again = PARSER.parse(ExpositionWriter.write(scrape));
            if (!again.equals(scrape)) {
                assertThat(again).as("what %s reads back as", body).isEqualTo(scrape);
            }
            return true;
        } catch (MetricsFormatException e) {
            int lines = (int) body.chars().filter(c -> c == '\n').count() + 1;
            boolean placed = e.line() >= 1 && e.line() <= lines && e.column().orElse(1) >= 1 && e.column().orElse(1) <= 401
                    && e.getMessage().startsWith("line " + e.line());
            if (!placed) {
                fail("refusal %s points outside %s", e.getMessage(), body);
            }
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("not a MetricsFormatException for " + body, e);
        }
    }

    @Provide
    Arbitrary<String> damagedBodies() {
        return Arbitraries.randomValue(random -> damage(VALID.get(random.nextInt(VALID.size())), random));
    }

    /** One to four random damages. */
    static String damage(String body, Random random) {
        StringBuilder text = new StringBuilder(body);
        int damages = 1 + random.nextInt(4);
        for (int d = 0; d < damages; d++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(8)) {
                case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(3)));
                case 1 -> text.insert(at, JUNK.get(random.nextInt(JUNK.size())));
                case 2 -> text.insert(at, (char) random.nextInt(128));
                case 3 -> {
                    if (at + 1 < text.length()) {
                        char c = text.charAt(at);
                        text.setCharAt(at, text.charAt(at + 1));
                        text.setCharAt(at + 1, c);
                    }
                }
                case 4 -> text.setLength(at);
                case 5 -> {
                    List<String> lines = new ArrayList<>(List.of(text.toString().split("\n", -1)));
                    int i = random.nextInt(lines.size());
                    int j = random.nextInt(lines.size());
                    lines.set(i, lines.set(j, lines.get(i)));
                    text = new StringBuilder(String.join("\n", lines));
                }
                case 6 -> {
                    List<String> lines = new ArrayList<>(List.of(text.toString().split("\n", -1)));
                    int i = random.nextInt(lines.size());
                    lines.add(random.nextInt(lines.size() + 1), lines.get(i));
                    text = new StringBuilder(String.join("\n", lines));
                }
                default -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, "0123456789.eE+-xX_{}\"\\ ".charAt(random.nextInt(23)));
                    }
                }
            }
        }
        return text.toString();
    }

    @Provide
    Arbitrary<Scrape> scrapes() {
        return Arbitraries.integers().between(0, 6).flatMap(families -> Arbitraries.randomValue(random -> {
            List<MetricFamily> built = new ArrayList<>();
            for (int f = 0; f < families; f++) {
                built.add(family("f" + f + "_" + name(random), random));
            }
            return new Scrape(built);
        }));
    }

    private static MetricFamily family(String name, Random random) {
        MetricType type = MetricType.values()[random.nextInt(MetricType.values().length)];
        Optional<String> help = random.nextBoolean() ? Optional.empty() : Optional.of(help(random));
        List<Sample> samples = new ArrayList<>();
        Set<Labels> labelSets = new LinkedHashSet<>();
        int sets = random.nextInt(4);
        for (int i = 0; i < sets; i++) {
            labelSets.add(labels(random));
        }
        for (Labels labels : labelSets) {
            switch (type) {
                case HISTOGRAM -> {
                    for (String le : List.of("0.005", "1", "+Inf")) {
                        samples.add(sample(name + "_bucket", with(labels, "le", le), random));
                    }
                    samples.add(sample(name + "_sum", labels, random));
                    samples.add(sample(name + "_count", labels, random));
                }
                case SUMMARY -> {
                    samples.add(sample(name, with(labels, "quantile", "0.99"), random));
                    samples.add(sample(name + "_sum", labels, random));
                    samples.add(sample(name + "_count", labels, random));
                }
                default -> samples.add(sample(name, labels, random));
            }
        }
        return new MetricFamily(name, type, help, samples);
    }

    private static Sample sample(String name, Labels labels, Random random) {
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0, Double.MIN_VALUE, Double.MAX_VALUE};
        double value = random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
                : random.nextBoolean() ? random.nextInt(100_000) : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        OptionalLong timestamp = random.nextBoolean() ? OptionalLong.empty() : OptionalLong.of(random.nextLong());
        return new Sample(name, labels, value, timestamp);
    }

    private static Labels labels(Random random) {
        List<Label> pairs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String labelName = name(random).replace(":", "_");
            if (!labelName.equals("le") && !labelName.equals("quantile") && !labelName.equals("__name__") && names.add(labelName)) {
                pairs.add(new Label(labelName, value(random)));
            }
        }
        return new Labels(pairs);
    }

    private static Labels with(Labels labels, String name, String value) {
        List<Label> pairs = new ArrayList<>(labels.pairs());
        pairs.add(new Label(name, value));
        return new Labels(pairs);
    }

    private static String name(Random random) {
        String first = "abcxyzABCXYZ_:";
        String rest = first + "0123456789";
        StringBuilder name = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            name.append(rest.charAt(random.nextInt(rest.length())));
        }
        return name.toString();
    }

    private static String value(Random random) {
        String characters = "ab \t\\\"\n{}=,#é😀\r";
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            value.append(characters.charAt(random.nextInt(characters.length())));
        }
        return value.toString();
    }

    private static String help(Random random) {
        // help cannot begin or end with blanks or carriage returns: the line's own whitespace swallows them
        return "h" + value(random) + "\\d" + value(random) + "h";
    }
}
