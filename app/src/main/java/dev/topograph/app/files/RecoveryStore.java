package dev.topograph.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topograph.model.file.AtomicFiles;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.file.ProjectFileException;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Side copies of unsaved designs, so that a crash loses a few seconds of work at most. A design
 * is stored under a key (a hash of its file's path, or {@code untitled}) as
 * {@code <key>.topology.json}, the canonical project file, beside {@code <key>.origin.json}, which
 * names the user's file and the process that wrote it. The user's own file is never written here.
 */
public final class RecoveryStore {
    /** The key of a design that has no file yet. */
    public static final String UNTITLED = "untitled";

    private static final String TOPOLOGY_SUFFIX = ".topology.json";
    private static final String ORIGIN_SUFFIX = ".origin.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Predicate<Writer> running;
    private final ProjectFile projectFile = new ProjectFile();

    /** A store whose {@link #find()} leaves out copies of processes that are still running. */
    public RecoveryStore(Path dir) {
        this(dir, RecoveryStore::isRunning);
    }

    /** A store that asks {@code running} whether a copy's writer still runs (tests simulate a crash with it). */
    public RecoveryStore(Path dir, Predicate<Writer> running) {
        this.dir = dir;
        this.running = running;
    }

    /** The process that wrote a copy: its pid and, where the platform tells, when it started. */
    public record Writer(long pid, Optional<String> processStart) {
    }

    /** A design found in the store, with the file it belongs to and when it was written. */
    public record Recovered(String key, Optional<Path> origin, Topology topology, Instant savedAt) {
    }

    /** The key a design's recovery copy is stored under. */
    public static String key(Optional<Path> origin) {
        if (origin.isEmpty()) {
            return UNTITLED;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(origin.get().toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The recovery copy of a design, for tests and for the curious. */
    public Path topologyFile(String key) {
        return dir.resolve(key + TOPOLOGY_SUFFIX);
    }

    /** Writes (or replaces) the recovery copy of a design; each file is replaced atomically. */
    public void write(Topology topology, Optional<Path> origin) throws IOException, ProjectFileException {
        String key = key(origin);
        // The copy first, then the note that makes it visible: a crash in between leaves nothing half-offered.
        projectFile.save(topology, topologyFile(key));
        ObjectNode note = JSON.createObjectNode();
        note.put("origin", origin.map(p -> p.toAbsolutePath().normalize().toString()).orElse(null));
        ProcessHandle self = ProcessHandle.current();
        note.put("pid", self.pid());
        self.info().startInstant().ifPresent(start -> note.put("processStart", start.toString()));
        AtomicFiles.write(dir.resolve(key + ORIGIN_SUFFIX),
                (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(note) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The designs left behind by sessions that ended without saving, newest first. Copies written
     * by a process that is still running (another window, or this one) are not offered, and a copy
     * that cannot be read is skipped and left for the user to inspect.
     */
    public List<Recovered> find() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Recovered> found = new ArrayList<>();
        try (DirectoryStream<Path> notes = Files.newDirectoryStream(dir, "*" + ORIGIN_SUFFIX)) {
            for (Path note : notes) {
                String name = note.getFileName().toString();
                String key = name.substring(0, name.length() - ORIGIN_SUFFIX.length());
                read(key, note).ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparing(Recovered::savedAt).reversed().thenComparing(Recovered::key));
        return List.copyOf(found);
    }

    private Optional<Recovered> read(String key, Path note) {
        Path copy = topologyFile(key);
        try {
            JsonNode json = JSON.readTree(note.toFile());
            if (json.path("pid").canConvertToLong() && running.test(new Writer(json.path("pid").asLong(),
                    Optional.ofNullable(json.path("processStart").textValue())))) {
                return Optional.empty();
            }
            JsonNode origin = json.path("origin");
            Optional<Path> originPath = origin.isTextual() ? Optional.of(Path.of(origin.asText())) : Optional.empty();
            Topology topology = projectFile.load(copy);
            return Optional.of(new Recovered(key, originPath, topology, Files.getLastModifiedTime(copy).toInstant()));
        } catch (IOException | ProjectFileException | InvalidPathException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean isRunning(Writer writer) {
        Optional<ProcessHandle> process = ProcessHandle.of(writer.pid()).filter(ProcessHandle::isAlive);
        // A pid is reused after its process ends; the start time tells the writer from a stranger.
        return process.isPresent() && writer.processStart().map(start -> process.get().info().startInstant()
                .map(i -> i.toString().equals(start)).orElse(true)).orElse(true);
    }

    /** Removes a design's recovery copy, if there is one. */
    public void delete(String key) throws IOException {
        // The note first: a copy without its note is never offered.
        Files.deleteIfExists(dir.resolve(key + ORIGIN_SUFFIX));
        Files.deleteIfExists(topologyFile(key));
    }
}
