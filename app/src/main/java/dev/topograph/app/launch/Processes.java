package dev.topograph.app.launch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Processes known by pid and start time, so that a pid the system has reused is never touched. */
public final class Processes {
    private Processes() {
    }

    /** The start time of a process in epoch milliseconds, or 0 when the system does not say. */
    public static long startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** The live process with this pid and start time (start 0 matches any). */
    public static Optional<ProcessHandle> find(long pid, long start) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> start == 0 || startOf(p) == 0 || Math.abs(startOf(p) - start) < 1000);
    }

    public static boolean alive(long pid, long start) {
        return find(pid, start).isPresent();
    }

    /**
     * Asks a process to stop (SIGTERM), waits {@code grace}, then kills it; its children too.
     * Returns whether it is gone.
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        var children = process.descendants().toList();
        process.destroy();
        if (!waitFor(process.onExit(), grace)) {
            process.destroyForcibly();
            waitFor(process.onExit(), Duration.ofSeconds(5));
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        return !process.isAlive();
    }

    /** Asks every process to stop at once, waits {@code grace} for all of them together, then kills the rest. */
    public static void stopAll(java.util.List<ProcessHandle> processes, Duration grace) {
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>();
        for (ProcessHandle p : processes) {
            all.addAll(p.descendants().toList());
            all.add(p);
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                waitFor(p.onExit(), Duration.ofNanos(left));
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        all.forEach(p -> waitFor(p.onExit(), Duration.ofSeconds(2)));
    }

    private static boolean waitFor(CompletableFuture<ProcessHandle> exit, Duration timeout) {
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
