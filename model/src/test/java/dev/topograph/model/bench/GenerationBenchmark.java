package dev.topograph.model.bench;

import dev.topograph.model.generate.GeneratedFile;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.SyntheticTopology;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Prints how long generating a 50-service system takes in process (cold and warm median), writing
 * it to disk, and regenerating it in place (manifest read, every file hashed and compared): with
 * nothing changed, and after a user edited a handler and the design gained an endpoint. A benchmark, not a test. Run it with
 * {@code ./mvnw -q -pl model test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.topograph.model.bench.GenerationBenchmark}.
 */
public final class GenerationBenchmark {
    private GenerationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Topology topology = SyntheticTopology.generate(85, 160, 7);
        long services = topology.nodes().stream().filter(n -> n.kind() == NodeKind.SERVICE).count();
        Generator generator = new Generator();
        long start = System.nanoTime();
        List<GeneratedFile> files = generator.generate(topology);
        double cold = (System.nanoTime() - start) / 1e6;
        double[] warm = new double[20];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            generator.generate(topology);
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        Path out = Files.createTempDirectory("topograph-bench");
        long w = System.nanoTime();
        new TreeWriter().write(files, out);
        double write = (System.nanoTime() - w) / 1e6;
        Path again = Files.createTempDirectory("topograph-bench");
        long w2 = System.nanoTime();
        new TreeWriter().write(files, again);
        double writeWarm = (System.nanoTime() - w2) / 1e6;
        long bytes = files.stream().mapToLong(f -> f.bytes().length).sum();
        System.out.printf("%d services, %d nodes, %d edges -> %d files, %d KiB%n", services, topology.nodes().size(),
                topology.edges().size(), files.size(), bytes / 1024);
        System.out.printf("generate (first, incl. template compile): %7.1f ms%n", cold);
        System.out.printf("generate (warm median of %d):             %7.1f ms%n", warm.length, warm[warm.length / 2]);
        System.out.printf("write to disk (fresh folder, atomic):      %7.1f ms (a second fresh folder: %.1f ms)%n",
                write, writeWarm);
        double[] same = new double[9];
        for (int i = 0; i < same.length; i++) {
            long t = System.nanoTime();
            new TreeWriter().write(generator.generate(topology), out);
            same[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(same);
        System.out.printf("regenerate in place, nothing changed (median of %d): %7.1f ms%n", same.length,
                same[same.length / 2]);
        ServiceNode first = (ServiceNode) topology.nodes().stream().filter(n -> n instanceof ServiceNode).findFirst()
                .orElseThrow();
        Path handlers = out.resolve("services/" + first.id() + "/internal/handlers");
        try (var listing = Files.list(handlers)) {
            Path mine = listing.filter(p -> !p.getFileName().toString().matches("(deps|helpers|bindings)\\.go"))
                    .findFirst().orElseThrow();
            Files.writeString(mine, Files.readString(mine) + "\n// mine\n");
        }
        double[] changed = new double[9];
        for (int i = 0; i < changed.length; i++) {
            List<Endpoint> more = new java.util.ArrayList<>(first.endpoints());
            more.add(new Endpoint("GET", "/bench-" + i));
            Topology next = topology.mapNode(first.id(), n -> first.withEndpoints(more));
            long t = System.nanoTime();
            TreeWriter.Summary summary = new TreeWriter().write(generator.generate(next), out);
            changed[i] = (System.nanoTime() - t) / 1e6;
            if (i == 0) {
                System.out.println("  one endpoint added: " + summary);
            }
        }
        Arrays.sort(changed);
        System.out.printf("regenerate in place, one endpoint added (median of %d): %7.1f ms%n", changed.length,
                changed[changed.length / 2]);
    }
}
