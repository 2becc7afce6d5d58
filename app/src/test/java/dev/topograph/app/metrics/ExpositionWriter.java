package dev.topograph.app.metrics;

/** Writes a scrape back in the text format, as client_golang would; for round trips in tests. */
final class ExpositionWriter {
    private ExpositionWriter() {
    }

    static String write(Scrape scrape) {
        StringBuilder text = new StringBuilder();
        for (MetricFamily family : scrape.families()) {
            family.help().ifPresent(help -> text.append("# HELP ").append(family.name()).append(' ')
                    .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n'));
            text.append("# TYPE ").append(family.name()).append(' ').append(family.type().exposition()).append('\n');
            for (Sample sample : family.samples()) {
                text.append(sample.name()).append(sample.labels()).append(' ').append(number(sample.value()));
                sample.timestampMs().ifPresent(ms -> text.append(' ').append(ms));
                text.append('\n');
            }
        }
        return text.toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }
}
