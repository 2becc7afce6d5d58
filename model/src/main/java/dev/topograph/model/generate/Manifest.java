package dev.topograph.model.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What Topograph wrote into a code folder ({@value #PATH}): each file's path, owner and the hash of
 * the content Topograph last wrote there. It is how regeneration tells a file Topograph wrote from
 * one a user wrote or edited, and which generated files the design no longer needs. Sorted and
 * free of timestamps, so it diffs well and belongs in version control with the code.
 */
public record Manifest(Map<String, Entry> files) {

    /** Where the manifest sits in a code folder. */
    public static final String PATH = ".topograph/manifest.json";

    /**
     * One file Topograph wrote.
     *
     * @param sha256  the hash of what Topograph wrote
     * @param earlier during a write that has not finished, the hash of what was there before (either is Topograph's)
     * @param purpose what the file is for, in the user's words ("the handler of GET /orders")
     * @param purposeBound see {@link GeneratedFile#purposeBound()}
     */
    public record Entry(GeneratedFile.Ownership owner, String sha256, Optional<String> earlier, String purpose,
            boolean purposeBound) {

        public Entry(GeneratedFile.Ownership owner, String sha256, Optional<String> earlier, String purpose) {
            this(owner, sha256, earlier, purpose, false);
        }

        /** Whether {@code hash} is content Topograph wrote here. */
        public boolean wrote(String hash) {
            return sha256.equals(hash) || earlier.map(hash::equals).orElse(false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public Manifest {
        files = new TreeMap<>(files);
    }

    public static Manifest empty() {
        return new Manifest(Map.of());
    }

    /** Whether {@code root} holds a manifest: it is a code folder Topograph wrote. */
    public static boolean isIn(Path root) {
        return Files.isRegularFile(root.resolve(PATH));
    }

    /** The manifest of the code folder at {@code root}; empty when there is none yet. */
    public static Manifest read(Path root) throws IOException {
        Path file = root.resolve(PATH);
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); restore it from version control, or delete it to have every file treated as not Topograph's");
        }
        Map<String, Entry> files = new LinkedHashMap<>();
        JsonNode list = tree.path("files");
        for (JsonNode f : list) {
            String path = f.path("path").asText("");
            String owner = f.path("owner").asText("");
            String hash = f.path("sha256").asText("");
            if (path.isEmpty() || hash.isEmpty()) {
                throw new IOException(file + ": an entry without \"path\" or \"sha256\" (" + f + ")");
            }
            GeneratedFile.Ownership ownership = switch (owner) {
                case "generated" -> GeneratedFile.Ownership.GENERATED;
                case "yours" -> GeneratedFile.Ownership.SCAFFOLD;
                case "design" -> GeneratedFile.Ownership.DESIGN;
                default -> throw new IOException(file + ": unknown owner \"" + owner + "\" of " + path);
            };
            files.put(path, new Entry(ownership, hash,
                    f.hasNonNull("earlier") ? Optional.of(f.get("earlier").asText()) : Optional.empty(),
                    f.path("purpose").asText(""), f.path("purposeBound").asBoolean(false)));
        }
        return new Manifest(files);
    }

    public Optional<Entry> entry(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public Set<String> paths() {
        return files.keySet();
    }

    /** The manifest as its file holds it: one file per line, sorted by path, trailing newline. */
    public String json() {
        StringBuilder out = new StringBuilder(files.size() * 160 + 256);
        out.append("{\n  \"about\": ").append(quote("What Topograph wrote here and the hash of what it wrote: files you "
                + "change are never overwritten silently. Keep this file in version control.")).append(",\n  \"files\": [");
        String separator = "\n";
        for (Map.Entry<String, Entry> file : files.entrySet()) {
            Entry e = file.getValue();
            ObjectNode f = JSON.createObjectNode();
            f.put("path", file.getKey());
            f.put("owner", switch (e.owner()) {
                case GENERATED -> "generated";
                case SCAFFOLD -> "yours";
                case DESIGN -> "design";
            });
            f.put("sha256", e.sha256());
            e.earlier().ifPresent(h -> f.put("earlier", h));
            if (!e.purpose().isEmpty()) {
                f.put("purpose", e.purpose());
            }
            if (e.purposeBound()) {
                f.put("purposeBound", true);
            }
            out.append(separator).append("    ").append(f.toString());
            separator = ",\n";
        }
        return out.append(files.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String quote(String s) {
        return JSON.getNodeFactory().textNode(s).toString();
    }

    /** The SHA-256 of some content, in hex. */
    public static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String hash(String content) {
        return hash(content.getBytes(StandardCharsets.UTF_8));
    }
}
