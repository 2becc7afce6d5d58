package dev.topograph.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topograph.model.file.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder the user last generated a design's code into, remembered across sessions in a small
 * JSON file ({@code {"lastCodeFolder": "/abs/path"}}), so the next design's Generate proposes a
 * folder next to it. Read and written off the UI thread; a missing or unreadable file counts as
 * nothing remembered.
 */
public final class LastCodeFolder {
    private static final String KEY = "lastCodeFolder";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public LastCodeFolder(Path file) {
        this.file = file;
    }

    /** The remembered folder, if any. */
    public synchronized Optional<Path> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode folder = JSON.readTree(file.toFile()).path(KEY);
            return folder.isTextual() && !folder.asText().isBlank() ? Optional.of(Path.of(folder.asText()))
                    : Optional.empty();
        } catch (IOException | InvalidPathException unreadable) {
            return Optional.empty();
        }
    }

    /** Remembers {@code folder} (absolute), atomically. */
    public synchronized void store(Path folder) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put(KEY, folder.toAbsolutePath().normalize().toString());
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), false);
    }
}
