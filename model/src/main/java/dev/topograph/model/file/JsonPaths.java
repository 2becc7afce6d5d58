package dev.topograph.model.file;

import com.fasterxml.jackson.core.JsonPointer;

/** Spells a JSON pointer the way messages show paths: {@code /nodes/2/port} as {@code $.nodes[2].port}. */
final class JsonPaths {
    private JsonPaths() {
    }

    static String fromPointer(JsonPointer pointer) {
        StringBuilder path = new StringBuilder("$");
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement()) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append('.').append(p.getMatchingProperty());
            }
        }
        return path.toString();
    }
}
