package dev.topograph.app.bench;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.app.launch.local.LocalLauncher;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Run to all healthy for a design of 10 services, a gateway, NATS and five Redis caches: the time
 * from pressing Run (validate, generate, plan, start every server and service in dependency order,
 * wait for each /readyz) to the last node healthy, with the binaries already built (a warm cache,
 * as on every Run after the first). Process mode, then Docker mode on the host network when an
 * engine answers. Prints every sample and the median; a program, not a test.
 *
 * <pre>./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.topograph.app.bench.RunBenchmark</pre>
 */
public final class RunBenchmark {
    private static final int ROUNDS = 5;

    private RunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Topology ten = new ProjectFile().load(Path.of(RunBenchmark.class.getResource("/launch/ten.topology.json").toURI()));
        RunSettings process = RunSettings.defaults(LaunchFixtures.HOME).withPorts(RunSettings.Ports.FREE)
                .withProviders(List.of(ProviderKind.BINARY, ProviderKind.EMBEDDED));
        measure("process mode", ten, process);
        if (dev.topograph.app.launch.local.DockerSupport.connect().available()) {
            measure("docker mode (host network)", ten, process.withMode(RunSettings.Mode.DOCKER)
                    .withNetwork(RunSettings.Network.HOST));
        } else {
            System.out.println("docker mode: no engine answers; skipped");
        }
        System.exit(0);
    }

    private static void measure(String label, Topology design, RunSettings settings) throws Exception {
        once(design, settings); // builds the binaries (and images): later rounds find them cached
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            seconds.add(once(design, settings));
            System.out.printf(Locale.ROOT, "%s round %d: %.2f s%n", label, i + 1, seconds.get(i));
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%s: Run to all healthy, median of %d: %.2f s (min %.2f, max %.2f)%n", label,
                ROUNDS, sorted.get(ROUNDS / 2), sorted.get(0), sorted.get(ROUNDS - 1));
    }

    private static double once(Topology design, RunSettings settings) throws Exception {
        long start = System.nanoTime();
        Run run = new LocalLauncher(settings, "ten.topology.json").launch(design, RunListener.none());
        try {
            Run.Outcome outcome = run.awaitStarted(Duration.ofMinutes(10)).orElseThrow();
            if (!outcome.healthy()) {
                throw new IllegalStateException(outcome.reason());
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            run.stop();
        }
    }
}
