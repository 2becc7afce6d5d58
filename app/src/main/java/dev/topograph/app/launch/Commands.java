package dev.topograph.app.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Short-lived commands of a run (go build, initdb, createdb, chown), bounded in time. */
public final class Commands {
    private Commands() {
    }

    /** Runs a command, sending its output to {@code log}; fails with its last lines when it fails. */
    public static String run(List<String> command, Optional<Path> dir, List<String> env, Duration timeout,
            Consumer<String> log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        dir.ifPresent(d -> builder.directory(d.toFile()));
        for (String e : env) {
            int eq = e.indexOf('=');
            builder.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        Process process = builder.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        log.accept(line);
                        out.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "command-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // The run stopped while Go was building or initdb was working: no command outlives it, and
            // whoever deletes its folder next finds it finished writing there.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS); // The interrupt is spent: this wait is not cut short.
            throw e;
        }
        if (!finished) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + (timeout.toSeconds() < 120
                    ? timeout.toSeconds() + " s" : timeout.toMinutes() + " min"));
        }
        reader.join(5000);
        if (process.exitValue() != 0) {
            String[] lines = out.toString().strip().split("\n");
            String tail = String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 8), lines.length));
            throw new IOException(tail.isBlank() ? "exit code " + process.exitValue() : tail);
        }
        return out.toString();
    }
}
