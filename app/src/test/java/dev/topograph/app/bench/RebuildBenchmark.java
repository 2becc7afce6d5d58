package dev.topograph.app.bench;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.app.launch.local.LocalLauncher;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Save to serving: with the tiny design running as local processes, a handler file of its items
 * service is saved with a new answer, and the clock runs until the rebuilt service answers it and
 * is healthy again (watcher's quiet time, go build of the changed package, stop, start, /readyz).
 * Each save changes the source, so every round really builds. Prints every sample and the median;
 * a program, not a test.
 *
 * <pre>./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.topograph.app.bench.RebuildBenchmark</pre>
 */
public final class RebuildBenchmark {
    private static final int ROUNDS = 5;

    private RebuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Topology tiny = new dev.topograph.model.file.ProjectFile().load(
                Path.of(RebuildBenchmark.class.getResource("/launch/tiny.topology.json").toURI()));
        Path system = Files.createTempDirectory("topograph-rebuild-bench");
        new TreeWriter().write(new Generator().generate(tiny), system);
        Path handler = system.resolve("services/items/internal/handlers/get_items.go");
        RunSettings settings = RunSettings.defaults(LaunchFixtures.HOME).withPorts(RunSettings.Ports.FREE)
                .withProviders(List.of(ProviderKind.BINARY, ProviderKind.EMBEDDED)).withSystemFolder(system);
        Run run = new LocalLauncher(settings, "tiny.topology.json").launch(tiny, RunListener.none());
        try {
            Run.Outcome outcome = run.awaitStarted(Duration.ofMinutes(10)).orElseThrow();
            if (!outcome.healthy()) {
                throw new IllegalStateException(outcome.reason());
            }
            String url = run.status("items").flatMap(NodeStatus::url).orElseThrow() + "/items";
            List<Double> answering = new ArrayList<>();
            List<Double> healthy = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                String marker = "bench-" + System.nanoTime();
                long pid = run.status("items").orElseThrow().pid().orElseThrow();
                long start = System.nanoTime();
                Files.writeString(handler, handlerAnswering(marker));
                while (!answers(url, marker)) {
                    Thread.sleep(20);
                }
                answering.add((System.nanoTime() - start) / 1e9);
                while (!(run.status("items").orElseThrow().state() == NodeState.HEALTHY
                        && run.status("items").orElseThrow().pid().filter(p -> p != pid).isPresent())) {
                    Thread.sleep(20);
                }
                healthy.add((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "round %d: answers the new code after %.2f s, healthy after %.2f s%n",
                        i + 1, answering.get(i), healthy.get(i));
            }
            print("save to answering", answering);
            print("save to healthy", healthy);
        } finally {
            run.stop();
            dev.topograph.app.launch.ProcessInstance.deleteTree(system);
        }
        System.exit(0);
    }

    private static boolean answers(String url, String marker) {
        try {
            return LaunchFixtures.send("GET", url, null).body().contains(marker);
        } catch (Exception e) {
            return false; // Between the old process and the new one.
        }
    }

    private static void print(String label, List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%s, median of %d: %.2f s (min %.2f, max %.2f)%n", label, ROUNDS,
                sorted.get(ROUNDS / 2), sorted.get(0), sorted.get(ROUNDS - 1));
    }

    private static String handlerAnswering(String marker) {
        return """
                package handlers

                import "net/http"

                // HandleGetItems serves GET /items, saved by the benchmark.
                func HandleGetItems(deps Deps) http.Handler {
                	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                		w.Header().Set("Content-Type", "application/json")
                		_, _ = w.Write([]byte(`{"marker":"%s"}`))
                	})
                }
                """.formatted(marker);
    }
}
