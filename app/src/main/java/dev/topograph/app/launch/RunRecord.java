package dev.topograph.app.launch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.topograph.model.file.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run leaves on disk while it lives ({@code run.json} in the project's run folder): the
 * launcher's process, and per node its state, process (pid and start time, so a reused pid is never
 * mistaken for ours), container and throwaway data, and where its trace receiver answers ({@code tracesUrl},
 * empty without one). {@code topograph status} and {@code traces} read it; the sweep uses it to remove
 * what a killed launcher left behind.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(String project, String designFile, String mode, long launcherPid, long launcherStart,
        String systemFolder, String outcome, List<Node> nodes, String tracesUrl) {

    /** File name of the record inside a project's run folder. */
    public static final String FILE = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One node as the record keeps it; zero and empty strings stand for "none". {@code metricsUrl} is
     * where a program's {@code /metrics} answers (its own port, not {@code url}'s).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(String id, String state, String provider, long pid, long pidStart, String container,
            String url, String metricsUrl, String dataDir, String message, int restarts) {

        public Node {
            metricsUrl = metricsUrl == null ? "" : metricsUrl;
        }
    }

    public RunRecord {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        outcome = outcome == null ? "" : outcome;
        tracesUrl = tracesUrl == null ? "" : tracesUrl;
    }

    public void write(Path runFolder) throws IOException {
        Files.createDirectories(runFolder);
        AtomicFiles.write(runFolder.resolve(FILE), JSON.writeValueAsBytes(this), false);
    }

    /** The record in a run folder; empty when there is none or it cannot be read (a half-made folder). */
    public static Optional<RunRecord> read(Path runFolder) {
        Path file = runFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the launcher that wrote this record still runs (same pid and the same start time). */
    public boolean launcherAlive() {
        return Processes.alive(launcherPid, launcherStart);
    }
}
