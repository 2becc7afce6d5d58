package dev.topograph.model.file;

import com.fasterxml.jackson.core.JsonPointer;

/** Internal signal from the tree reader: a value is wrong; {@link ProjectFile} adds line and column. */
final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String path;
    final transient JsonPointer pointer;

    BadValue(String path, JsonPointer pointer, String problem) {
        super(problem, null, false, false);
        this.path = path;
        this.pointer = pointer;
    }
}
