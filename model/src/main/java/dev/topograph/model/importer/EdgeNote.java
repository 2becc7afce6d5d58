package dev.topograph.model.importer;

/**
 * The evidence an imported edge came from: the file, the line, and what stood there (such as
 * {@code CATALOG_URL=http://catalog:8083}). The project file has no place for notes yet, so the
 * import report carries them.
 */
public record EdgeNote(String edgeKey, String source, int line, String evidence) {

    public String where() {
        return source + ":" + line;
    }
}
