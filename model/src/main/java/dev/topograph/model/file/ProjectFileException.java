package dev.topograph.model.file;

import java.util.Optional;

/**
 * A project file that cannot be read or written, with where the problem is: the JSON path
 * ({@code $.nodes[2].port}) and, when known, the line and column in the file.
 */
public final class ProjectFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String jsonPath;
    private final int line;
    private final int column;
    private final String problem;

    public ProjectFileException(String source, String jsonPath, int line, int column, String problem) {
        super(format(source, jsonPath, line, column, problem));
        this.source = source;
        this.jsonPath = jsonPath;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** For failures that concern the file as a whole, such as one that cannot be opened. */
    public ProjectFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.jsonPath = "$";
        this.line = 0;
        this.column = 0;
        this.problem = problem;
    }

    private static String format(String source, String jsonPath, int line, int column, String problem) {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return where + ": " + jsonPath + ": " + problem;
    }

    /** The file name or other label of the input. */
    public String source() {
        return source;
    }

    /** JSON path of the offending value, {@code $} for the whole document. */
    public String jsonPath() {
        return jsonPath;
    }

    /** One-based line, when known. */
    public Optional<Integer> line() {
        return line > 0 ? Optional.of(line) : Optional.empty();
    }

    /** One-based column, when known. */
    public Optional<Integer> column() {
        return line > 0 ? Optional.of(column) : Optional.empty();
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
