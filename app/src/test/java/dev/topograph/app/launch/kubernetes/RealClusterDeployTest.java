package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.cli.TopographCommand;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.kubernetes.RealCluster.TestNamespace;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.topology.Topology;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy, rollout watch and undeploy through Topograph's own deploy code against a real API server,
 * controllers, scheduler and kwok's fake node ({@link RealCluster}), each test in its own namespace.
 */
@ExtendWith(RealCluster.class)
class RealClusterDeployTest {
    /** The designs whose generated objects the API server must accept: the shop and the generation fixtures. */
    private static final Map<String, Path> FIXTURES = Map.of(
            "shop", Path.of("..", "examples", "shop.topology.json"),
            "every-feature", Path.of("..", "model", "src", "test", "resources", "generate", "every-feature.topology.json"),
            "grpc", Path.of("..", "model", "src", "test", "resources", "generate", "grpc.topology.json"),
            "other-engines", Path.of("..", "model", "src", "test", "resources", "generate", "other-engines.topology.json"));

    @TempDir
    Path work;

    private final List<NodeStatus> statuses = new CopyOnWriteArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void statusChanged(NodeStatus status) {
            statuses.add(status);
        }

        @Override
        public void logged(LogLine line) {
        }
    };
    private ClusterDeployer deployer;

    @BeforeEach
    void deployer(TestNamespace ns) {
        deployer = new ClusterDeployer(ns.clusters(), Optional.empty(), work);
    }

    @AfterEach
    void close() {
        deployer.close();
    }

    @Test
    void theShopDeploysAndItsRolloutReachesReadyWithNoNodeReportedFailedOnTheWay(TestNamespace ns) throws Exception {
        Topology shop = LaunchFixtures.shop();
        List<String> nodes = LaunchPlan.of(shop).nodes().stream().map(LaunchPlan.PlannedNode::id).toList();
        long started = System.nanoTime();

        DeployReport report = deployer.deploy(shop, ns.target(), listener).get(120, TimeUnit.SECONDS);

        assertThat(report.complete()).as(report.describe()).isTrue();
        assertThat(report.applied()).hasSize(75 - 1); // the namespace was there already
        long applied = System.nanoTime();
        Map<String, NodeRollout> latest = new ConcurrentHashMap<>();
        List<NodeRollout> seen = new CopyOnWriteArrayList<>();
        List<String> watchFailures = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        try (RolloutWatcher watcher = deployer.watch(report.deployed(), nodes, Duration.ofMillis(500),
                new RolloutListener() {
                    @Override
                    public void rolloutChanged(NodeRollout r) {
                        seen.add(r);
                        latest.put(r.node(), r);
                        if (latest.size() == nodes.size()
                                && latest.values().stream().allMatch(n -> n.state() == NodeState.HEALTHY)) {
                            ready.countDown();
                        }
                    }

                    @Override
                    public void watchFailed(String reason) {
                        watchFailures.add(reason);
                    }
                })) {
            boolean allReady = ready.await(180, TimeUnit.SECONDS);
            assertThat(allReady).as("every node ready; now: %s; failures: %s", watcher.current(), watchFailures).isTrue();
        }
        System.out.printf("figure: shop deploy to every node ready on the real control plane: applied 74 objects in "
                + "%.1f s, all ready %.1f s after the deploy began%n", (applied - started) / 1e9,
                (System.nanoTime() - started) / 1e9);
        // Pending (a claim not yet bound, a node not yet there) is a wait with its reason, not a failure
        assertThat(seen).as("rollouts seen").noneMatch(r -> r.state().isTrouble());
        assertThat(watchFailures).isEmpty();
        List<Pod> pods = ns.client().pods().inNamespace(ns.name()).withLabel(ClusterDeployer.PROJECT_LABEL, "shop")
                .list().getItems();
        assertThat(pods).isNotEmpty().allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
    }

    @Test
    void topographDeployWatchExitsZeroOnceEveryNodeIsReady(TestNamespace ns) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = TopographCommand.run(new PrintWriter(out), new PrintWriter(err), "deploy",
                FIXTURES.get("shop").toString(), "--scratch", "--kubeconfig", System.getenv(RealCluster.VARIABLE),
                "--context", RealCluster.CONTEXT, "-n", ns.name(), "--registry", "registry.example", "--tag", "dev",
                "--no-build", "--watch", "--timeout", "180");

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Applied 74 objects of shop to namespace " + ns.name())
                .contains("shop is ready on").doesNotContain("failed");
    }

    @Test
    void theApiServerAcceptsEveryGeneratedObjectOfEveryFixtureInAServerSideDryRun(TestNamespace ns) throws Exception {
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Path> fixture : FIXTURES.entrySet()) {
            Topology topology = new ProjectFile().load(fixture.getValue());
            Manifests manifests = Manifests.of(new Generator().generate(topology), LaunchPlan.of(topology));
            for (HasMetadata o : manifests.objects()) {
                try {
                    ns.client().resource(o).inNamespace(ns.name()).dryRun().fieldManager(ClusterDeployer.FIELD_MANAGER)
                            .serverSideApply();
                    checked++;
                } catch (KubernetesClientException e) {
                    refused.add(fixture.getKey() + ": " + o.getKind() + "/" + o.getMetadata().getName() + " — "
                            + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
                }
            }
        }
        assertThat(refused).as("objects the API server refused").isEmpty();
        assertThat(checked).isGreaterThan(4 * 20);
        // a dry run stores nothing
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void undeployLeavesNothingWithTheProjectLabelAndDoesNotTouchAnUnlabelledObject(TestNamespace ns) throws Exception {
        Topology shop = LaunchFixtures.shop();
        DeployReport report = deployer.deploy(shop, ns.target(), listener).get(120, TimeUnit.SECONDS);
        assertThat(report.complete()).as(report.describe()).isTrue();
        ConfigMap mine = ns.client().resource(new ConfigMapBuilder().withNewMetadata().withName("not-topographs")
                .addToLabels("app.kubernetes.io/name", "orders").endMetadata().addToData("k", "v").build())
                .inNamespace(ns.name()).create();

        UndeployReport undeploy = deployer.undeploy("shop", RealCluster.CONTEXT, ns.name(), true).get(120, TimeUnit.SECONDS);

        assertThat(undeploy.complete()).as(undeploy.describe()).isTrue();
        // what was applied, the credentials Secrets the deploy created, and the claims the StatefulSets made from
        // their templates (the databases' data, asked for with deleteData)
        List<String> deleted = undeploy.deleted().stream().map(ObjectRef::toString).toList();
        assertThat(deleted).containsAll(report.applied().stream().map(ObjectRef::toString).toList())
                .containsAll(report.created().stream().map(ObjectRef::toString).toList());
        assertThat(deleted.stream().filter(d -> !report.applied().contains(refOf(report, d))))
                .isNotEmpty().allMatch(d -> d.matches("PersistentVolumeClaim/data-.+-0|Secret/.+-credentials"));
        // what the controllers made from the deleted objects (ReplicaSets, pods, EndpointSlices, claims) goes
        // after them, in the background: wait for that, across every kind the server lists
        List<String> left = labelled(ns, "shop");
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); !left.isEmpty()
                && System.nanoTime() < deadline; left = labelled(ns, "shop")) {
            Thread.sleep(500);
        }
        assertThat(left).as("objects labelled %s=shop left in %s", ClusterDeployer.PROJECT_LABEL, ns.name()).isEmpty();
        ConfigMap after = ns.client().configMaps().inNamespace(ns.name()).withName("not-topographs").get();
        assertThat(after).isNotNull();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(mine.getMetadata().getResourceVersion());
        assertThat(after.getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    void aDeployCreatesTheMissingCredentialsSecretsNeverChangesThemAndUndeployKeepsThemWithTheData(TestNamespace ns)
            throws Exception {
        Topology shop = LaunchFixtures.shop();
        Manifests manifests = Manifests.of(new Generator().generate(shop), LaunchPlan.of(shop));

        DeployReport first = deployer.deploy(shop, ns.target(), listener).get(120, TimeUnit.SECONDS);

        assertThat(first.complete()).as(first.describe()).isTrue();
        assertThat(first.warnings()).as("no Secret left to create by hand").isEmpty();
        assertThat(first.created()).map(ObjectRef::toString).containsExactlyInAnyOrderElementsOf(
                manifests.secretsRead().stream().map(n -> "Secret/" + n).toList()).hasSize(5);
        assertThat(first.describe()).contains("Created 5 credentials Secrets with random passwords");
        Map<String, Secret> made = new java.util.HashMap<>();
        for (Map.Entry<String, java.util.TreeSet<String>> read : manifests.secretKeysRead().entrySet()) {
            Secret secret = ns.client().secrets().inNamespace(ns.name()).withName(read.getKey()).get();
            made.put(read.getKey(), secret);
            assertThat(secret.getMetadata().getLabels()).containsEntry(ClusterDeployer.PROJECT_LABEL, "shop");
            assertThat(secret.getData()).containsKeys(read.getValue().toArray(String[]::new));
            String password = decode(secret, "POSTGRES_PASSWORD");
            assertThat(password).matches("[0-9a-f]{48}");
            assertThat(decode(secret, "DATABASE_URL")).contains(":" + password + "@");
        }
        assertThat(decode(made.get("orders-db-credentials"), "POSTGRES_PASSWORD"))
                .as("each database its own password").isNotEqualTo(decode(made.get("payments-db-credentials"),
                        "POSTGRES_PASSWORD"));
        assertThat(deployer.drift(shop, first.deployed()).get(60, TimeUnit.SECONDS))
                .as("the Secrets are the design's: no drift, nothing extra").isEmpty();

        DeployReport again = deployer.deploy(shop, ns.target(), listener).get(120, TimeUnit.SECONDS);

        assertThat(again.created()).as("present: left as they are").isEmpty();
        made.forEach((name, before) -> assertThat(ns.client().secrets().inNamespace(ns.name()).withName(name).get()
                .getMetadata().getResourceVersion()).as(name + " untouched").isEqualTo(before.getMetadata()
                        .getResourceVersion()));

        UndeployReport undeploy = deployer.undeploy("shop", RealCluster.CONTEXT, ns.name(), false)
                .get(120, TimeUnit.SECONDS);

        assertThat(undeploy.complete()).as(undeploy.describe()).isTrue();
        assertThat(undeploy.kept()).map(ObjectRef::kind).contains("Secret", "PersistentVolumeClaim")
                .containsOnly("Secret", "PersistentVolumeClaim");
        assertThat(undeploy.deleted()).map(ObjectRef::kind).doesNotContain("Secret", "PersistentVolumeClaim");
        assertThat(undeploy.describe()).contains("Kept the databases' data and passwords");
        DeployReport back = deployer.deploy(shop, ns.target(), listener).get(120, TimeUnit.SECONDS);
        assertThat(back.created()).as("the passwords that open the kept data are used again").isEmpty();
        assertThat(decode(ns.client().secrets().inNamespace(ns.name()).withName("orders-db-credentials").get(),
                "POSTGRES_PASSWORD")).isEqualTo(decode(made.get("orders-db-credentials"), "POSTGRES_PASSWORD"));

        UndeployReport all = deployer.undeploy("shop", RealCluster.CONTEXT, ns.name(), true).get(120, TimeUnit.SECONDS);

        assertThat(all.kept()).isEmpty();
        assertThat(all.deleted()).map(ObjectRef::toString).containsAll(made.keySet().stream().map(n -> "Secret/" + n)
                .toList());
        assertThat(ns.client().secrets().inNamespace(ns.name()).withLabel(ClusterDeployer.PROJECT_LABEL, "shop").list()
                .getItems()).isEmpty();
    }

    private static ObjectRef refOf(DeployReport report, String name) {
        return report.applied().stream().filter(r -> r.toString().equals(name)).findFirst()
                .orElse(new ObjectRef("", "", name));
    }

    private static String decode(Secret secret, String key) {
        return new String(java.util.Base64.getDecoder().decode(secret.getData().get(key)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every object of every namespaced kind the API server lists that carries the project's label. */
    private static List<String> labelled(TestNamespace ns, String project) {
        List<String> found = new ArrayList<>();
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        ns.client().getApiGroups().getGroups().forEach(g -> groupVersions.add(g.getPreferredVersion().getGroupVersion()));
        for (String gv : groupVersions) {
            for (APIResource r : ns.client().getApiResources(gv).getResources()) {
                if (!Boolean.TRUE.equals(r.getNamespaced()) || r.getName().contains("/") || !r.getVerbs().contains("list")
                        || r.getKind().equals("Event")) {
                    continue;
                }
                ResourceDefinitionContext kind = new ResourceDefinitionContext.Builder()
                        .withGroup(gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "")
                        .withVersion(gv.substring(gv.indexOf('/') + 1)).withKind(r.getKind()).withPlural(r.getName())
                        .withNamespaced(true).build();
                ns.client().genericKubernetesResources(kind).inNamespace(ns.name())
                        .withLabel(ClusterDeployer.PROJECT_LABEL, project).list().getItems()
                        .forEach(o -> found.add(r.getKind() + "/" + o.getMetadata().getName()));
            }
        }
        return found;
    }
}
