package dev.topograph.model.bench;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.SyntheticTopology;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Prints median warm timings of full validation, load and save for a 1,000-node, 2,000-edge
 * topology. A benchmark, not a test: it asserts nothing. Run it with
 * {@code ./mvnw -q -pl model test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.topograph.model.bench.ModelBenchmark}.
 */
public final class ModelBenchmark {
    private static final int WARMUP = 30;
    private static final int RUNS = 50;

    private ModelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Topology topology = SyntheticTopology.generate(1000, 2000, 42);
        ProjectFile file = new ProjectFile();
        Validator validator = new Validator();
        Path path = Files.createTempFile("bench", ".topology.json");
        byte[] bytes = file.write(topology).getBytes(StandardCharsets.UTF_8);
        Files.write(path, bytes);
        System.out.printf("topology: %d nodes, %d edges, %d diagnostics, %d KiB file%n", topology.nodes().size(),
                topology.edges().size(), validator.validate(topology).size(), bytes.length / 1024);
        report("validate (full)", () -> validator.validate(topology));
        report("load (read + parse + check)", () -> file.load(path));
        report("save (canonical + atomic write)", () -> {
            file.save(topology, path);
            return null;
        });
        report("write (canonical text only)", () -> file.write(topology));
        Files.deleteIfExists(path);
    }

    private static void report(String what, Callable<?> work) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            work.call();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.call();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-34s median %7.2f ms   p90 %7.2f ms   min %7.2f ms%n", what, ms[RUNS / 2],
                ms[RUNS * 9 / 10], ms[0]);
    }
}
