package dev.topograph.app.metrics;

import java.util.OptionalInt;

/**
 * A metrics body that is not the Prometheus text format 0.0.4, or that is larger than the
 * {@link ParserLimits} allow. Says where (line, and column when one character is to blame) and
 * what was expected there.
 */
public final class MetricsFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param line    1-based line number
     * @param column  1-based column (in UTF-16 characters), or empty when the whole line is at fault
     * @param problem what was wrong, e.g. {@code expected '=' after label name "code", found '}'}
     */
    public MetricsFormatException(int line, OptionalInt column, String problem) {
        super("line " + line + column.stream().mapToObj(c -> ", column " + c).findFirst().orElse("") + ": " + problem);
        this.line = line;
        this.column = column.orElse(0);
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public OptionalInt column() {
        return column == 0 ? OptionalInt.empty() : OptionalInt.of(column);
    }

    /** The message without its position. */
    public String problem() {
        return problem;
    }
}
