package dev.topograph.app.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A local process of a run: its output goes line by line to the node's log, stopping sends SIGTERM
 * and kills after the grace period, and its throwaway data folder is deleted once it has exited.
 */
public final class ProcessInstance implements Instance {
    private final String provider;
    private final Process process;
    private final Optional<Path> dataDir;
    private final CompletableFuture<Integer> exit;
    private final long start;

    private ProcessInstance(String provider, Process process, Optional<Path> dataDir) {
        this.provider = provider;
        this.process = process;
        this.dataDir = dataDir;
        this.start = Processes.startOf(process.toHandle());
        this.exit = process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Starts {@code command} with {@code env} added to this process's environment, sending each line
     * it writes (stdout and stderr) to {@code output} from a thread of its own.
     */
    public static ProcessInstance start(String provider, List<String> command, Map<String, String> env,
            Optional<Path> workDir, Optional<Path> dataDir, Consumer<String> output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        workDir.ifPresent(d -> builder.directory(d.toFile()));
        Process process = builder.start();
        Thread pump = new Thread(() -> pump(process, output), "log-" + provider + "-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        return new ProcessInstance(provider, process, dataDir);
    }

    private static void pump(Process process, Consumer<String> output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.accept(line.length() > 8192 ? line.substring(0, 8192) + " …" : line);
            }
        } catch (IOException e) {
            // The process ended and closed its output.
        }
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Optional<Long> pid() {
        return Optional.of(process.pid());
    }

    @Override
    public long pidStart() {
        return start;
    }

    @Override
    public Optional<String> container() {
        return Optional.empty();
    }

    @Override
    public Optional<Path> dataDir() {
        return dataDir;
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public void stop(Duration grace) {
        if (process.isAlive()) {
            Processes.stop(process.toHandle(), grace);
        }
        dataDir.ifPresent(ProcessInstance::deleteTree);
    }

    /** Deletes a folder and everything in it; best effort (a file may still be held open). */
    public static void deleteTree(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Left for the next sweep.
        }
    }
}
