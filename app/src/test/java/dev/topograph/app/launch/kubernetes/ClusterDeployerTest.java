package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunListener;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.GeneratedFile;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.topology.Topology;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploy, re-apply, drift, undeploy and the ways they fail, against Fabric8's mock API server in CRUD mode. */
class ClusterDeployerTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final DeployTarget TARGET = DeployTarget.of("mock", "shop", "registry.example")
            .withTag("dev").withImages(DeployTarget.Images.PREBUILT);

    /** The shop's generated objects: 7 services and gateways of 6 objects, 8 servers of 4. */
    private static final int OBJECTS = 7 * 6 + 8 * 4;

    @TempDir
    Path work;

    private ApplyingMockServer server;
    private KubernetesClient client;
    private ClusterDeployer deployer;
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

    @BeforeEach
    void start() {
        server = new ApplyingMockServer();
        client = server.client();
        deployer = new ClusterDeployer(context -> server.cluster(), Optional.empty(), work);
    }

    @AfterEach
    void stop() {
        deployer.close();
        client.close();
        server.close();
    }

    private static Topology shop() throws Exception {
        return LaunchFixtures.shop();
    }

    private static <T> T done(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }

    @Test
    void deployAppliesEveryGeneratedObjectWithServerSideApplyAsTopographInDependencyOrder() throws Exception {
        DeployReport report = done(deployer.deploy(shop(), TARGET, listener));

        assertThat(report.complete()).as(report.describe()).isTrue();
        assertThat(report.notAttempted()).isEmpty();
        List<String> applied = report.applied().stream().map(ObjectRef::toString).toList();
        assertThat(applied.get(0)).isEqualTo("Namespace/shop");
        assertThat(applied).hasSize(1 + OBJECTS);
        // infrastructure first, and within a node settings and Service before the workload
        assertThat(applied.indexOf("StatefulSet/orders-db")).isLessThan(applied.indexOf("Deployment/orders"));
        assertThat(applied.indexOf("StatefulSet/order-events")).isLessThan(applied.indexOf("Deployment/orders"));
        assertThat(applied.indexOf("Deployment/orders")).isLessThan(applied.indexOf("Deployment/gateway"));
        assertThat(applied.indexOf("ConfigMap/orders-config")).isLessThan(applied.indexOf("Deployment/orders"));
        assertThat(applied.indexOf("Service/orders")).isLessThan(applied.indexOf("Deployment/orders"));

        Deployment orders = client.apps().deployments().inNamespace("shop").withName("orders").get();
        assertThat(orders.getMetadata().getLabels()).containsEntry("io.topograph.project", "shop");
        assertThat(orders.getMetadata().getManagedFields()).extracting("manager").containsExactly("topograph");
        assertThat(client.namespaces().withName("shop").get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        // every write was a server-side apply as "topograph", without taking fields over
        // (but for the credentials Secrets, created, never applied: an apply would change a password that exists)
        List<ApplyingMockServer.Seen> writes = server.requests().stream()
                .filter(r -> !r.method().equals("GET") && !r.path().contains("/secrets")).toList();
        assertThat(writes).hasSize(1 + OBJECTS).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("PATCH");
            assertThat(r.contentType()).startsWith("application/apply-patch+yaml");
            assertThat(r.path()).contains("fieldManager=topograph").doesNotContain("force=true");
        });
        assertThat(statuses).filteredOn(s -> s.node().equals("orders")).extracting(NodeStatus::state)
                .containsSubsequence(NodeState.WAITING, NodeState.STARTING);
        assertThat(server.requests()).filteredOn(r -> r.path().contains("/secrets") && !r.method().equals("GET"))
                .hasSize(5).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
        assertThat(report.created()).map(ObjectRef::toString).contains("Secret/orders-db-credentials").hasSize(5);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void undeployLooksForEveryKindTheGeneratorEmits() throws Exception {
        java.util.Set<String> emitted = new java.util.TreeSet<>();
        List<Path> designs = new java.util.ArrayList<>(List.of(Path.of("../examples/shop.topology.json"),
                Path.of("src/test/resources/launch/notes-sqlite.topology.json")));
        try (var engines = java.nio.file.Files.list(Path.of("src/test/resources/launch/engines"))) {
            engines.filter(p -> p.toString().endsWith(".topology.json")).forEach(designs::add);
        }
        for (Path design : designs) {
            for (GeneratedFile file : new Generator().generate(new ProjectFile().load(design))) {
                if (file.path().startsWith("deploy/k8s/") && !file.path().endsWith("kustomization.yaml")) {
                    for (HasMetadata o : client.load(new ByteArrayInputStream(file.bytes())).items()) {
                        emitted.add(o.getKind());
                    }
                }
            }
        }
        // The namespace is the user's (undeploy leaves it); everything else carries the project's label.
        emitted.remove("Namespace");
        assertThat(emitted).contains("Deployment", "StatefulSet", "Service", "PersistentVolumeClaim");
        assertThat(ClusterDeployer.LABELLED_KINDS).extracting(Class::getSimpleName).containsAll(emitted);
    }

    @Test
    void theAppliedObjectsAreTheGeneratedOnesExceptForTheImageAndTheLocalOverlaysReplicas() throws Exception {
        done(deployer.deploy(shop(), TARGET, listener));

        int compared = 0;
        for (GeneratedFile file : new Generator().generate(shop())) {
            if (!file.path().startsWith("deploy/k8s/base/") || file.path().endsWith("kustomization.yaml")) {
                continue;
            }
            // parsed by the client's own loader, not by the deployer's parser
            for (HasMetadata generated : client.load(new ByteArrayInputStream(file.bytes())).items()) {
                HasMetadata live = client.resource(generated).inNamespace("shop").get();
                assertThat(live).as(generated.getKind() + "/" + generated.getMetadata().getName()).isNotNull();
                Map<String, Object> want = comparable(generated);
                Map<String, Object> have = comparable(live);
                if (generated instanceof Deployment d && d.getMetadata().getLabels()
                        .get("app.kubernetes.io/component").matches("service|gateway")) {
                    String node = d.getMetadata().getName();
                    Deployment liveDeployment = (Deployment) live;
                    assertThat(liveDeployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                            .isEqualTo("registry.example/shop-" + node + ":dev");
                    liveDeployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                            .setImage(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
                    have = comparable(liveDeployment);
                }
                if (generated instanceof HorizontalPodAutoscaler hpa) {
                    // the local overlay's patch: the designed replicas (orders: 2, gateway: 2)
                    HorizontalPodAutoscaler liveHpa = (HorizontalPodAutoscaler) live;
                    if (hpa.getMetadata().getName().equals("orders")) {
                        assertThat(liveHpa.getSpec().getMinReplicas()).isEqualTo(2);
                        assertThat(liveHpa.getSpec().getMaxReplicas()).isEqualTo(4);
                    }
                    liveHpa.getSpec().setMinReplicas(hpa.getSpec().getMinReplicas());
                    liveHpa.getSpec().setMaxReplicas(hpa.getSpec().getMaxReplicas());
                    have = comparable(liveHpa);
                }
                assertThat(have).as(generated.getKind() + "/" + generated.getMetadata().getName()).isEqualTo(want);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(OBJECTS);
    }

    /** The object without what the server adds: namespace, bookkeeping, status. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> comparable(HasMetadata o) {
        Map<String, Object> map = JSON.convertValue(o, Map.class);
        map.remove("status");
        Map<String, Object> meta = (Map<String, Object>) map.get("metadata");
        for (String serverSide : List.of("namespace", "resourceVersion", "uid", "creationTimestamp", "generation",
                "managedFields")) {
            meta.remove(serverSide);
        }
        return map;
    }

    @Test
    void aSecondDeployUpdatesInPlaceAndANewTagRollsTheImages() throws Exception {
        done(deployer.deploy(shop(), TARGET, listener));
        String before = client.apps().deployments().inNamespace("shop").withName("orders").get()
                .getMetadata().getResourceVersion();

        DeployReport again = done(deployer.deploy(shop(), TARGET.withTag("v2"), listener));

        assertThat(again.complete()).isTrue();
        assertThat(again.applied()).hasSize(OBJECTS); // the namespace exists now: only the objects
        Deployment orders = client.apps().deployments().inNamespace("shop").withName("orders").get();
        assertThat(orders.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example/shop-orders:v2");
        assertThat(orders.getMetadata().getResourceVersion()).isNotEqualTo(before);
        assertThat(client.apps().deployments().inNamespace("shop").list().getItems()).hasSize(8);
        assertThat(done(deployer.drift(shop(), again.deployed()))).isEmpty();
    }

    @Test
    void driftFindsHandEditsADeletedServiceAnExtraDeploymentAndReapplyFixesThem() throws Exception {
        DeployReport report = done(deployer.deploy(shop(), TARGET, listener));
        assertThat(done(deployer.drift(shop(), report.deployed()))).isEmpty();

        client.apps().statefulSets().inNamespace("shop").withName("orders-db")
                .edit(s -> { s.getSpec().setReplicas(3); return s; });
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop").withName("orders")
                .edit(h -> { h.getSpec().setMinReplicas(5); return h; });
        client.apps().deployments().inNamespace("shop").withName("catalog").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else:latest");
            return d;
        });
        client.services().inNamespace("shop").withName("payments").delete();
        client.resource(new DeploymentBuilder().withNewMetadata().withName("rogue")
                .addToLabels("io.topograph.project", "shop").addToLabels("app.kubernetes.io/name", "rogue").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("rogue").withImage("busybox")
                .endContainer().endSpec().endTemplate().endSpec().build()).inNamespace("shop").create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("not-ours").endMetadata()
                .addToData("k", "v").build()).inNamespace("shop").create();

        List<Drift> drift = done(deployer.drift(shop(), report.deployed()));

        assertThat(drift).extracting(d -> d.kind() + " " + d.object()).containsExactlyInAnyOrder(
                "CHANGED StatefulSet/orders-db", "CHANGED HorizontalPodAutoscaler/orders", "CHANGED Deployment/catalog",
                "MISSING Service/payments", "EXTRA Deployment/rogue");
        Drift replicas = drift.stream().filter(d -> d.object().name().equals("orders-db")).findFirst().orElseThrow();
        assertThat(replicas.node()).isEqualTo("orders-db");
        assertThat(replicas.differences()).containsExactly("spec.replicas: 3 on the cluster, 1 in the design");
        assertThat(drift.stream().filter(d -> d.object().toString().equals("Deployment/catalog")).findFirst()
                .orElseThrow().describe()).contains("spec.template.spec.containers[catalog].image: someone/else:latest "
                        + "on the cluster, registry.example/shop-catalog:dev in the design");
        assertThat(drift.stream().filter(d -> d.kind() == Drift.Kind.EXTRA).findFirst().orElseThrow().node())
                .isEqualTo("rogue");

        DeployReport fixed = done(deployer.reapply(shop(), report.deployed(), listener));

        assertThat(fixed.complete()).as(fixed.describe()).isTrue();
        assertThat(fixed.removed()).extracting(ObjectRef::toString).containsExactly("Deployment/rogue");
        assertThat(done(deployer.drift(shop(), report.deployed()))).isEmpty();
        assertThat(client.services().inNamespace("shop").withName("payments").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("shop").withName("not-ours").get()).isNotNull();
        // a re-apply takes fields back: it forces
        assertThat(server.requests()).filteredOn(r -> r.method().equals("PATCH") && r.path().contains("force=true"))
                .isNotEmpty();
    }

    @Test
    void undeployRemovesEverythingWithTheProjectLabelAndNothingElse() throws Exception {
        DeployReport report = done(deployer.deploy(shop(), TARGET, listener));
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("not-ours").endMetadata()
                .addToData("k", "v").build()).inNamespace("shop").create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("other-project")
                .addToLabels("io.topograph.project", "other").endMetadata().build()).inNamespace("shop").create();

        UndeployReport undeploy = done(deployer.undeploy("shop", "mock", "shop", true));

        assertThat(undeploy.complete()).as(undeploy.describe()).isTrue();
        assertThat(undeploy.deleted()).hasSize(report.applied().size() - 1 + report.created().size());
        for (Class<? extends HasMetadata> kind : ClusterDeployer.LABELLED_KINDS) {
            assertThat(client.resources(kind).inNamespace("shop").withLabel("io.topograph.project", "shop").list()
                    .getItems()).as(kind.getSimpleName()).isEmpty();
        }
        List<String> left = client.configMaps().inNamespace("shop").list().getItems().stream()
                .map(c -> c.getMetadata().getName()).toList();
        assertThat(left).containsExactlyInAnyOrder("not-ours", "other-project");
        assertThat(client.namespaces().withName("shop").get()).isNotNull();
    }

    @Test
    void anUnreachableApiFailsWithAClearMessageAndNothingApplied() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Clusters nowhere = context -> Cluster.of(new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + closed).withConnectionTimeout(2000).withRequestTimeout(2000)
                .withRequestRetryBackoffLimit(0).build()).build(), "context gone");
        try (ClusterDeployer unreachable = new ClusterDeployer(nowhere, Optional.empty(), work)) {
            DeployReport report = done(unreachable.deploy(shop(), TARGET, listener));

            assertThat(report.complete()).isFalse();
            assertThat(report.applied()).isEmpty();
            assertThat(report.notAttempted()).hasSize(OBJECTS);
            assertThat(report.failure().orElseThrow().reason()).contains("context gone").contains("cannot be reached");
            assertThat(report.describe()).contains("Nothing was applied.");

            UndeployReport undeploy = done(unreachable.undeploy("shop", "gone", "shop", true));
            assertThat(undeploy.complete()).isFalse();
            assertThat(undeploy.failures()).hasSize(1).first().asString().contains("cannot be reached");
        }
    }

    @Test
    void aForbiddenKindStopsTheDeployThereAndTheReportSaysExactlyWhatWasApplied() throws Exception {
        server.forbid("networkpolicies", "networking.k8s.io");

        DeployReport report = done(deployer.deploy(shop(), TARGET, listener));

        assertThat(report.complete()).isFalse();
        DeployReport.Failure failure = report.failure().orElseThrow();
        String namespace = report.deployed().target().namespace();
        assertThat(failure.object().orElseThrow().kind()).isEqualTo("NetworkPolicy");
        assertThat(failure.reason()).contains("does not allow").contains("networkpolicies.networking.k8s.io is forbidden");
        // everything before the refused object is on the cluster, everything after was not attempted
        assertThat(report.applied().size() + 1 + report.notAttempted().size()).isEqualTo(1 + OBJECTS);
        for (ObjectRef ref : report.applied().subList(1, report.applied().size())) {
            assertThat(client.resources(kindOf(ref)).inNamespace(namespace).withName(ref.name()).get()).as(ref.toString())
                    .isNotNull();
        }
        for (ObjectRef ref : report.notAttempted()) {
            if (!ref.kind().equals("NetworkPolicy")) {
                assertThat(client.resources(kindOf(ref)).inNamespace(namespace).withName(ref.name()).get())
                        .as(ref.toString()).isNull();
            }
        }
        assertThat(statuses).anySatisfy(s -> {
            assertThat(s.node()).isEqualTo(failure.node());
            assertThat(s.state()).isEqualTo(NodeState.FAILED);
        });
        assertThat(report.describe()).contains("stopped at NetworkPolicy/" + failure.object().orElseThrow().name())
                .contains("Applied before it").contains("Not attempted");
    }

    @Test
    void aConflictOnApplyIsReportedAndForcingTakesTheFieldsOver() throws Exception {
        done(deployer.deploy(shop(), TARGET, listener));
        server.conflictOn("/statefulsets/orders-db", "kubectl-scale", ".spec.replicas");

        DeployReport conflicted = done(deployer.deploy(shop(), TARGET, listener));

        assertThat(conflicted.complete()).isFalse();
        assertThat(conflicted.failure().orElseThrow().object().orElseThrow()).hasToString("StatefulSet/orders-db");
        assertThat(conflicted.failure().orElseThrow().reason()).contains("conflict").contains("kubectl-scale")
                .contains(".spec.replicas").contains("--force-conflicts");
        assertThat(conflicted.notAttempted()).isNotEmpty();

        DeployReport forced = done(deployer.deploy(shop(), TARGET.withForceConflicts(true), listener));
        assertThat(forced.complete()).isTrue();
    }

    @Test
    void aDesignWithErrorsIsRefusedBeforeAnyClusterCall() throws Exception {
        Topology anti = new ProjectFile().load(Path.of("..", "examples", "anti-patterns.topology.json"));

        assertThatThrownBy(() -> done(deployer.deploy(anti, TARGET, listener)))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(LaunchException.class)
                .hasMessageContaining("fix them before deploying");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void buildingImagesWithoutGoOrDockerSaysHowToDeployPrebuiltOnes() throws Exception {
        DeployReport report = done(deployer.deploy(shop(), DeployTarget.of("mock", "shop", "localhost:5001"), listener));

        assertThat(report.complete()).isFalse();
        assertThat(report.failure().orElseThrow().reason()).contains("--no-build --tag");
        assertThat(report.applied()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    private static Class<? extends HasMetadata> kindOf(ObjectRef ref) {
        return ClusterDeployer.LABELLED_KINDS.stream().filter(k -> k.getSimpleName().equals(ref.kind())).findFirst()
                .orElseThrow();
    }
}
