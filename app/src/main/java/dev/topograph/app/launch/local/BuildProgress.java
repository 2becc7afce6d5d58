package dev.topograph.app.launch.local;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far a build of the system has got, told as a user reads it: how many packages Go has compiled,
 * of how many, for how long, and whether they are the system's own or the dependencies a first build
 * compiles once ("143 of 498 packages · 40 s · first build: compiling dependencies once").
 */
final class BuildProgress {
    private final String ownPrefix;
    private final long startNanos;
    private final AtomicInteger compiled = new AtomicInteger();
    private final AtomicInteger dependencies = new AtomicInteger();
    private volatile int expected;

    /** @param systemModule the system's Go module: its packages are the system's own, the rest dependencies */
    BuildProgress(String systemModule, long startNanos) {
        this.ownPrefix = systemModule + "/";
        this.startNanos = startNanos;
    }

    /** Go compiled {@code importPath}. */
    void compiled(String importPath) {
        compiled.incrementAndGet();
        if (!importPath.startsWith(ownPrefix)) {
            dependencies.incrementAndGet();
        }
    }

    /** The build will compile about {@code packages} packages (0: not known). */
    void expect(int packages) {
        expected = packages;
    }

    /** The status of a building node now; empty while nothing has been compiled for the first two seconds. */
    String describe() {
        return describe(System.nanoTime());
    }

    String describe(long nowNanos) {
        long seconds = (nowNanos - startNanos) / 1_000_000_000L;
        int done = compiled.get();
        if (done == 0 && seconds < 2) {
            return "";
        }
        int total = expected;
        if (done == 0 && total == 0) {
            return "checking what to compile · " + seconds + " s"; // Go loads packages and hashes sources first.
        }
        String count = done + (total > done ? " of " + total : "") + (Math.max(done, total) == 1 ? " package" : " packages");
        // The figures first: a node's note is cut to its width.
        return count + " · " + seconds + " s · " + (dependencies.get() > 0 ? "first build: compiling dependencies once"
                : "compiling");
    }

    /** What the build compiled, for each program's log; empty when the cache had everything. */
    String summary() {
        return summary(System.nanoTime());
    }

    String summary(long nowNanos) {
        int done = compiled.get();
        if (done == 0) {
            return "";
        }
        int deps = dependencies.get();
        return String.format(Locale.ROOT, "built with the whole system in %.1f s: %d %s compiled%s", (nowNanos - startNanos) / 1e9,
                done, done == 1 ? "package" : "packages", deps == 0 ? "" : " (" + deps
                        + " of them dependencies, compiled once: later builds find them in Go's build cache)");
    }
}
