package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.RunListener;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.topology.Topology;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Figures for the Kubernetes deploy, printed, never asserted: (1) apply of the shop's generated
 * objects to Fabric8's mock API server, first deploy (creates) and re-deploy (updates), in objects
 * per second; (2) the cost of one rollout-status computation from a recorded state, for the shop's
 * size and for a 100-node system. Medians of several rounds after a warm-up. A program, not a test.
 *
 * <pre>mvn -q -pl runtime-templates,model,app test-compile
 * mvn -q -pl app dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd app && java -cp "target/test-classes:target/classes:../model/target/classes:../runtime-templates/target/classes:$(cat /tmp/cp.txt)" \
 *   dev.topograph.app.launch.kubernetes.KubernetesBenchmark</pre>
 */
public final class KubernetesBenchmark {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private KubernetesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // the mock logs every request; that is not what is measured
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Topology shop = LaunchFixtures.shop();
        int objects = Manifests.of(new Generator().generate(shop), LaunchPlan.of(shop)).objects().size();
        DeployTarget target = DeployTarget.of("mock", "shop", "registry.example").withTag("dev")
                .withImages(DeployTarget.Images.PREBUILT);
        List<Double> creates = new ArrayList<>();
        List<Double> updates = new ArrayList<>();
        Path work = Files.createTempDirectory("topograph-bench");
        for (int round = 0; round < 7; round++) {
            try (ApplyingMockServer server = new ApplyingMockServer();
                    ClusterDeployer deployer = new ClusterDeployer(c -> server.cluster(), Optional.empty(), work)) {
                long t0 = System.nanoTime();
                DeployReport first = deployer.deploy(shop, target, RunListener.none()).get(5, TimeUnit.MINUTES);
                long t1 = System.nanoTime();
                DeployReport second = deployer.deploy(shop, target.withTag("v2"), RunListener.none())
                        .get(5, TimeUnit.MINUTES);
                long t2 = System.nanoTime();
                if (!first.complete() || !second.complete()) {
                    throw new IllegalStateException(first.describe() + "\n" + second.describe());
                }
                if (round >= 2) { // warm-up: class loading, JIT
                    creates.add(first.applied().size() / ((t1 - t0) / 1e9));
                    updates.add(second.applied().size() / ((t2 - t1) / 1e9));
                }
            }
        }
        System.out.printf(Locale.ROOT, "apply, shop (%d objects + namespace), mock API server on loopback:%n", objects);
        System.out.printf(Locale.ROOT, "  first deploy (creates): median %.0f objects/s  samples %s%n", median(creates),
                say(creates));
        System.out.printf(Locale.ROOT, "  re-deploy (updates):    median %.0f objects/s  samples %s%n", median(updates),
                say(updates));

        List<HasMetadata> recorded = new ArrayList<>();
        for (String fixture : List.of("healthy", "image-pull-backoff", "crash-loop", "pending-insufficient-cpu",
                "secret-missing", "rolling-update", "one-copy-oom-killed", "pod-security-refused", "readiness-failing",
                "progress-deadline")) {
            try (var in = KubernetesBenchmark.class.getResourceAsStream("/kubernetes/rollout/" + fixture + ".json")) {
                recorded.addAll(JSON.unmarshal(in, KubernetesList.class).getItems());
            }
        }
        ClusterState small = ClusterState.of(recorded);
        List<String> smallNodes = List.of("orders", "payments", "catalog", "orders-db", "gateway", "shipping", "inventory");
        ClusterState large = ClusterState.of(copies(recorded, 15));
        List<String> largeNodes = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            for (String n : smallNodes) {
                largeNodes.add(n + "-" + i);
            }
        }
        System.out.printf(Locale.ROOT, "rollout status (RolloutStatus.of), from recorded states:%n");
        time("  %d nodes, %d objects", smallNodes, small, recorded.size());
        time("  %d nodes, %d objects", largeNodes, large, recorded.size() * 15);
    }

    private static void time(String label, List<String> nodes, ClusterState state, int objects) {
        int reps = 20_000 / Math.max(1, nodes.size() / 7);
        List<Double> perCall = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            int sink = 0;
            for (int i = 0; i < reps; i++) {
                sink += RolloutStatus.of(state, nodes).size();
            }
            long t1 = System.nanoTime();
            if (sink != reps * nodes.size()) {
                throw new IllegalStateException();
            }
            if (round >= 3) {
                perCall.add((t1 - t0) / 1e3 / reps);
            }
        }
        System.out.printf(Locale.ROOT, label + ": median %.1f µs per computation  samples %s%n", nodes.size(), objects,
                median(perCall), say(perCall));
    }

    /** The recorded objects {@code n} times over, each copy's nodes renamed "-i". */
    private static List<HasMetadata> copies(List<HasMetadata> recorded, int n) {
        List<HasMetadata> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String suffix = "-" + i;
            for (HasMetadata o : recorded) {
                HasMetadata copy = JSON.clone(o);
                copy.getMetadata().setName(copy.getMetadata().getName() + suffix);
                if (copy.getMetadata().getLabels() != null && copy.getMetadata().getLabels().containsKey(Manifests.NODE_LABEL)) {
                    copy.getMetadata().getLabels().put(Manifests.NODE_LABEL,
                            copy.getMetadata().getLabels().get(Manifests.NODE_LABEL) + suffix);
                }
                if (copy instanceof io.fabric8.kubernetes.api.model.Event e) {
                    e.getInvolvedObject().setName(e.getInvolvedObject().getName() + suffix);
                }
                out.add(copy);
            }
        }
        return out;
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String say(List<Double> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList().toString();
    }
}
