package dev.topograph.app.launch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of one node: the last {@value #WINDOW} lines in memory for the Logs panel and crash
 * messages, every line written to a file in the run folder (one per run) for a detached run.
 */
public final class NodeLog implements AutoCloseable {
    static final int WINDOW = 2000;
    private final String node;
    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private final BufferedWriter file;

    public NodeLog(String node, Path file) {
        this.node = node;
        BufferedWriter writer = null;
        try {
            Files.createDirectories(file.getParent());
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // The panel still shows the lines; a log file is a convenience.
        }
        this.file = writer;
    }

    public synchronized LogLine add(String text, boolean fromLauncher) {
        LogLine line = new LogLine(node, Instant.now(), text, fromLauncher);
        lines.addLast(line);
        if (lines.size() > WINDOW) {
            lines.removeFirst();
        }
        if (file != null) {
            try {
                file.write(fromLauncher ? "[topograph] " + text : text);
                file.newLine();
                file.flush();
            } catch (IOException e) {
                // Disk full or folder removed: keep the in-memory window.
            }
        }
        return line;
    }

    public synchronized List<LogLine> lines() {
        return List.copyOf(lines);
    }

    /** The last {@code n} lines the node itself wrote, for a crash message. */
    public synchronized List<String> tail(int n) {
        List<String> own = new ArrayList<>();
        for (LogLine l : lines) {
            if (!l.fromLauncher()) {
                own.add(l.text());
            }
        }
        return own.subList(Math.max(0, own.size() - n), own.size());
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // Nothing to save.
            }
        }
    }
}
