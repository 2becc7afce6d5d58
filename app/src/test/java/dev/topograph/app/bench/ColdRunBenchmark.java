package dev.topograph.app.bench;

import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.app.launch.local.LocalLauncher;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Run ▶ of the shop from a fresh run home (no binary cached): the time from {@code launch()} to
 * every node healthy, and the CPU the children used meanwhile (go build and its compilers, initdb,
 * the servers). Run it with {@code GOCACHE} pointing at an empty folder for a cold first run, or at a
 * warm one; {@code scripts/bench-cold-run.sh} does both. With {@code --warm-up-first} after the home, the
 * designer's warm-up (what opening the design starts) runs to its end before Run ▶. Prints, never asserts.
 *
 * <pre>GOCACHE=$(mktemp -d) ./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.topograph.app.bench.ColdRunBenchmark -Dexec.args="$(mktemp -d)"</pre>
 */
public final class ColdRunBenchmark {
    private ColdRunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("topograph-bench-home").toString());
        Topology shop = new ProjectFile().load(Path.of("..", "examples", "shop.topology.json"));
        RunSettings settings = RunSettings.defaults(new RunHome(home)).withPorts(RunSettings.Ports.FREE)
                .withProviders(List.of(ProviderKind.BINARY)).withHealthTimeout(Duration.ofMinutes(20));
        if (args.length > 1 && args[1].equals("--warm-up-first")) {
            // As in the designer: the design was open (and drawn) a while before Run ▶.
            java.util.concurrent.CompletableFuture<String> warmed = new java.util.concurrent.CompletableFuture<>();
            long[] before = childrenCpuTicks();
            try (var warmer = new dev.topograph.app.launch.local.BuildWarmer(home.resolve("warm-up"),
                    () -> dev.topograph.app.launch.local.GoToolchain.find(settings.searchPath()), warmed::complete)) {
                warmer.warm(shop);
                System.out.println(warmed.get(60, java.util.concurrent.TimeUnit.MINUTES));
            }
            long[] after = childrenCpuTicks();
            System.out.printf(Locale.ROOT, "warm-up CPU (user+sys): %.1f s%n",
                    (after[0] + after[1] - before[0] - before[1]) / 100.0);
        }
        Map<String, String> lastMessage = new ConcurrentHashMap<>();
        long[] children = childrenCpuTicks();
        long start = System.nanoTime();
        Run run = new LocalLauncher(settings, "shop.topology.json").launch(shop, new RunListener() {
            @Override
            public void statusChanged(NodeStatus status) {
                if (!status.message().isEmpty()) {
                    lastMessage.put(status.node(), status.message());
                }
            }

            @Override
            public void logged(LogLine line) {
                if (line.text().startsWith("built with the whole system")) {
                    lastMessage.put("(build)", line.text());
                }
            }
        });
        try {
            Run.Outcome outcome = run.awaitStarted(Duration.ofMinutes(30)).orElseThrow();
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] after = childrenCpuTicks();
            System.out.printf(Locale.ROOT, "shop Run ▶ to %s: %.1f s; children's CPU (user+sys) %.1f s; GOCACHE=%s%n",
                    outcome.healthy() ? "all healthy" : "NOT healthy (" + outcome.reason() + ")", seconds,
                    (after[0] + after[1] - children[0] - children[1]) / 100.0, System.getenv("GOCACHE"));
            System.out.println("build: " + lastMessage.getOrDefault("(build)", "(no summary: built one program at a time)"));
            System.out.println("orders said last: " + lastMessage.getOrDefault("orders", ""));
        } finally {
            run.stop();
        }
        System.exit(0);
    }

    /** CPU ticks (1/100 s) of the children this JVM has waited for: user, system (Linux /proc). */
    private static long[] childrenCpuTicks() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[13]), Long.parseLong(f[14])}; // fields 16, 17: cutime, cstime
    }
}
