package dev.topograph.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topograph.model.file.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The designs a user opened or saved lately, newest first, at most {@value #LIMIT}, kept in a
 * small JSON file ({@code {"recent": ["/abs/path", …]}}). Changes happen in memory at once;
 * {@link #store()} writes the latest list, so stores finishing out of order still leave it right.
 * Thread-safe: the UI changes the list, background tasks read and write the file.
 */
public final class RecentFiles {
    /** How many designs the list remembers. */
    public static final int LIMIT = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private List<Path> paths = List.of();

    public RecentFiles(Path file) {
        this.file = file;
    }

    /**
     * Reads the list and drops designs that no longer exist; entries added before the load stay
     * in front. A missing or unreadable list counts as empty: it is a convenience, never a reason to fail.
     */
    public synchronized List<Path> load() {
        List<Path> stored = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try {
                JsonNode recent = JSON.readTree(file.toFile()).path("recent");
                for (JsonNode entry : recent) {
                    if (entry.isTextual()) {
                        stored.add(Path.of(entry.asText()));
                    }
                }
            } catch (IOException | InvalidPathException unreadable) {
                stored.clear();
            }
        }
        Set<Path> merged = new LinkedHashSet<>(paths);
        merged.addAll(stored);
        paths = merged.stream().filter(Files::isRegularFile).limit(LIMIT).toList();
        return paths;
    }

    /** Puts a design at the top of the list; returns the new list. */
    public synchronized List<Path> add(Path design) {
        Path absolute = design.toAbsolutePath().normalize();
        Set<Path> next = new LinkedHashSet<>();
        next.add(absolute);
        next.addAll(paths);
        paths = next.stream().limit(LIMIT).toList();
        return paths;
    }

    /** Forgets a design (it could not be opened); returns the new list. */
    public synchronized List<Path> remove(Path design) {
        Path absolute = design.toAbsolutePath().normalize();
        paths = paths.stream().filter(p -> !p.equals(absolute)).toList();
        return paths;
    }

    /** Forgets every design; returns the (empty) list. */
    public synchronized List<Path> clear() {
        paths = List.of();
        return paths;
    }

    public synchronized List<Path> paths() {
        return paths;
    }

    /** Writes the current list, atomically. */
    public synchronized void store() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode recent = root.putArray("recent");
        paths.forEach(p -> recent.add(p.toString()));
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), false);
    }
}
