package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.cli.TopographCommand;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.kubernetes.RealCluster.TestNamespace;
import dev.topograph.model.topology.Topology;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to a deployed design on a real API server when others change it: server-side-apply
 * conflicts, drift and re-apply, a role that may not delete everything, an image change rolling out
 * ({@link RealCluster}).
 */
@ExtendWith(RealCluster.class)
class RealClusterDriftTest {
    private static final String SHOP = Path.of("..", "examples", "shop.topology.json").toString();

    @TempDir
    Path work;

    private final RunListener quiet = new RunListener() {
        @Override
        public void statusChanged(NodeStatus status) {
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

    private record Result(int code, String out, String err) {
    }

    private static Result topograph(TestNamespace ns, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", System.getenv(RealCluster.VARIABLE), "--context", RealCluster.CONTEXT,
                "-n", ns.name()));
        int code = TopographCommand.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private DeployReport deployShop(TestNamespace ns, DeployTarget target) throws Exception {
        DeployReport report = deployer.deploy(LaunchFixtures.shop(), target, quiet).get(120, TimeUnit.SECONDS);
        assertThat(report.complete()).as(report.describe()).isTrue();
        return report;
    }

    @Test
    void aFieldAnotherManagerSetStopsTheNextDeployAtTheRealConflictAndForceConflictsTakesItOver(TestNamespace ns)
            throws Exception {
        deployShop(ns, ns.target());
        // an operator's own apply of one setting, and a database scaled as kubectl scale does (an update of /scale)
        ns.client().resource(new ConfigMapBuilder().withNewMetadata().withName("orders-config").endMetadata()
                .addToData("CATALOG_URL", "http://catalog-canary:8083").build()).inNamespace(ns.name())
                .fieldManager("ops-team").forceConflicts().serverSideApply();
        ns.client().apps().statefulSets().inNamespace(ns.name()).withName("orders-db").scale(2);

        Result refused = topograph(ns, "deploy", SHOP, "--scratch", "--registry", "registry.example", "--tag", "dev",
                "--no-build");

        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        String said = refused.out() + refused.err();
        assertThat(said).contains("stopped at StatefulSet/orders-db").contains("reports a conflict")
                .contains(".spec.replicas was set by field manager").contains("--force-conflicts")
                .doesNotContain("Exception").doesNotContain("\tat ");
        System.out.println("figure: the conflict as a user reads it: " + said.lines()
                .filter(l -> l.contains("stopped at")).findFirst().orElse(said));

        // the StatefulSet out of the way, the setting's conflict names its object, field and manager
        ns.client().apps().statefulSets().inNamespace(ns.name()).withName("orders-db").scale(1);
        Result again = topograph(ns, "deploy", SHOP, "--scratch", "--registry", "registry.example", "--tag", "dev",
                "--no-build");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out() + again.err()).contains("stopped at ConfigMap/orders-config")
                .contains(".data.CATALOG_URL was set by field manager \"ops-team\"");

        Result forced = topograph(ns, "deploy", SHOP, "--scratch", "--registry", "registry.example", "--tag", "dev",
                "--no-build", "--force-conflicts");

        assertThat(forced.code()).as(forced.out() + forced.err()).isZero();
        assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("orders-config").get().getData())
                .containsEntry("CATALOG_URL", "http://catalog:8083");
        assertThat(ns.client().apps().statefulSets().inNamespace(ns.name()).withName("orders-db").get().getSpec()
                .getReplicas()).isEqualTo(1);
    }

    @Test
    void driftFindsAHandScaleADeletedServiceAnExtraDeploymentAndAChangedImageAndReapplyPutsThemRight(TestNamespace ns)
            throws Exception {
        DeployReport report = deployShop(ns, ns.target());
        Topology shop = LaunchFixtures.shop();
        assertThat(deployer.drift(shop, report.deployed()).get(60, TimeUnit.SECONDS)).as("just deployed").isEmpty();
        // once the autoscaler has decided (2, its minimum), a hand scale within its range (2 to 4) does not
        // conflict with a deploy: the count is not Topograph's
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < deadline
                && !decided(ns, "gateway"); ) {
            Thread.sleep(250);
        }
        assertThat(decided(ns, "gateway")).as("the autoscaler of gateway decided a count").isTrue();
        ns.client().apps().deployments().inNamespace(ns.name()).withName("gateway").scale(3);
        Result deploy = topograph(ns, "deploy", SHOP, "--scratch", "--registry", "registry.example", "--tag", "dev",
                "--no-build");
        assertThat(deploy.code()).as("a kubectl scale of a service is no conflict: " + deploy.out()).isZero();
        ns.client().services().inNamespace(ns.name()).withName("catalog").delete();
        ns.client().resource(new DeploymentBuilder().withNewMetadata().withName("leftover")
                .addToLabels(ClusterDeployer.PROJECT_LABEL, "shop").addToLabels(Manifests.NODE_LABEL, "leftover")
                .endMetadata().withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("x", "leftover")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("x", "leftover").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("registry.example/leftover:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).inNamespace(ns.name()).create();
        // as kubectl set image does: an update by another manager
        ns.client().apps().deployments().inNamespace(ns.name()).withName("orders").patch(new PatchContext.Builder()
                .withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager("kubectl-set").build(),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"orders\","
                        + "\"image\":\"registry.example/shop-orders:hotfix\"}]}}}}");

        List<Long> nanos = new ArrayList<>();
        Result drift = null;
        for (int i = 0; i < 5; i++) {
            long began = System.nanoTime();
            drift = topograph(ns, "drift", SHOP, "--registry", "registry.example", "--tag", "dev");
            nanos.add(System.nanoTime() - began);
        }
        nanos.sort(null);

        assertThat(drift.code()).as(drift.out() + drift.err()).isEqualTo(1);
        assertThat(drift.out()).contains("4 differences")
                .contains("gateway: Deployment/gateway was scaled by hand: spec.replicas: 3 on the cluster, where "
                        + "HorizontalPodAutoscaler/gateway last set 2 (2 to 4)")
                .contains("catalog: Service/catalog is missing from the cluster")
                .contains("Deployment/leftover carries the project's label but is not in the design")
                .contains("orders: Deployment/orders was changed on the cluster: spec.template.spec.containers[orders]"
                        + ".image: registry.example/shop-orders:hotfix on the cluster, registry.example/shop-orders:dev "
                        + "in the design");
        System.out.printf("figure: topograph drift of the shop (75 objects) against the real control plane, whole "
                + "command, median of 5: %.2f s%n", nanos.get(2) / 1e9);
        Result untagged = topograph(ns, "drift", SHOP);
        assertThat(untagged.out()).as("without --tag the images on the cluster are taken as deployed")
                .contains("3 differences").doesNotContain("hotfix");

        Result reapply = topograph(ns, "reapply", SHOP, "--registry", "registry.example", "--tag", "dev");

        assertThat(reapply.code()).as(reapply.out() + reapply.err()).isZero();
        assertThat(reapply.out()).contains("Removed (not in the design): Deployment/leftover")
                .contains("scaled Deployment/gateway back to its autoscaler's count");
        Result after = topograph(ns, "drift", SHOP, "--registry", "registry.example", "--tag", "dev");
        assertThat(after.code()).as(after.out()).isZero();
        assertThat(after.out()).startsWith("No drift");
        Deployment gateway = ns.client().apps().deployments().inNamespace(ns.name()).withName("gateway").get();
        assertThat(gateway.getSpec().getReplicas()).isEqualTo(2);
        assertThat(ns.client().services().inNamespace(ns.name()).withName("catalog").get()).isNotNull();
        // and the next deploy, without force, meets no conflict: Topograph took no apply ownership of the count
        Result next = topograph(ns, "deploy", SHOP, "--scratch", "--registry", "registry.example", "--tag", "dev",
                "--no-build");
        assertThat(next.code()).as(next.out() + next.err()).isZero();
    }

    @Test
    void aRoleThatMayNotDeleteServicesGetsAClearMessageAndEverythingElseGoes(TestNamespace ns) throws Exception {
        Path kubeconfig = restrictedUser(ns, "services");
        Clusters restricted = Clusters.fromKubeconfig(KubeConfigs.load(Optional.of(kubeconfig.toString()),
                work), ClusterTimeouts.DEFAULT);
        try (ClusterDeployer limited = new ClusterDeployer(restricted, Optional.empty(), work)) {
            DeployReport report = limited.deploy(LaunchFixtures.shop(), ns.target(), quiet).get(120, TimeUnit.SECONDS);
            assertThat(report.complete()).as("the role may deploy: " + report.describe()).isTrue();

            UndeployReport undeploy = limited.undeploy("shop", RealCluster.CONTEXT, ns.name(), true)
                    .get(120, TimeUnit.SECONDS);

            assertThat(undeploy.complete()).isFalse();
            assertThat(undeploy.failures()).singleElement().asString()
                    .contains("does not allow this (trying to delete the services of shop in " + ns.name() + ")")
                    .contains("cannot delete resource \"services\"").contains("Ask for a role that allows it");
            assertThat(undeploy.deleted()).map(ObjectRef::kind).contains("Deployment", "ConfigMap", "Secret")
                    .doesNotContain("Service");
        }
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(ns.client().services().inNamespace(ns.name()).list().getItems()).isNotEmpty();
        Result cli = topograph(ns, "undeploy", SHOP, "--delete-data");
        assertThat(cli.code()).as("the administrator may: " + cli.err()).isZero();
    }

    @Test
    void anImageChangeRollsOutEveryPodOfTheServiceToTheNewImage(TestNamespace ns) throws Exception {
        DeployReport first = deployShop(ns, ns.target());
        awaitReady(first);

        DeployReport second = deployShop(ns, ns.target().withTag("v2"));
        long began = System.nanoTime();
        awaitReady(second);

        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); System.nanoTime() < deadline;
                Thread.sleep(250)) {
            List<Pod> pods = ns.client().pods().inNamespace(ns.name()).withLabel(Manifests.NODE_LABEL, "orders").list()
                    .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
            if (!pods.isEmpty() && pods.stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage()
                    .equals("registry.example/shop-orders:v2") && "Running".equals(p.getStatus().getPhase()))) {
                System.out.printf("figure: an image change of the shop rolled out to ready in %.1f s%n",
                        (System.nanoTime() - began) / 1e9);
                return;
            }
        }
        throw new AssertionError("the orders pods did not all run registry.example/shop-orders:v2 within 120 s");
    }

    private static boolean decided(TestNamespace ns, String autoscaler) {
        var hpa = ns.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns.name()).withName(autoscaler)
                .get();
        return hpa != null && hpa.getStatus() != null && Integer.valueOf(2).equals(hpa.getStatus().getDesiredReplicas());
    }

    private void awaitReady(DeployReport report) throws Exception {
        List<String> nodes = dev.topograph.model.generate.LaunchPlan.of(LaunchFixtures.shop()).nodes().stream()
                .map(dev.topograph.model.generate.LaunchPlan.PlannedNode::id).toList();
        Map<String, NodeRollout> latest = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(1);
        try (RolloutWatcher watcher = deployer.watch(report.deployed(), nodes, Duration.ofMillis(500),
                new RolloutListener() {
                    @Override
                    public void rolloutChanged(NodeRollout r) {
                        latest.put(r.node(), r);
                        if (latest.size() == nodes.size()
                                && latest.values().stream().allMatch(n -> n.state() == NodeState.HEALTHY)) {
                            ready.countDown();
                        }
                    }

                    @Override
                    public void watchFailed(String reason) {
                    }
                })) {
            assertThat(ready.await(180, TimeUnit.SECONDS)).as("all ready: %s", watcher.current()).isTrue();
        }
    }

    /**
     * A kubeconfig for a ServiceAccount whose Role allows all a deploy needs in the test namespace except
     * {@code delete} on {@code notDeletable}: its token from the TokenRequest API, the cluster as the admin's.
     */
    private Path restrictedUser(TestNamespace ns, String notDeletable) throws Exception {
        var client = ns.client();
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName("deployer").endMetadata().build())
                .inNamespace(ns.name()).create();
        List<String> all = List.of("get", "list", "watch", "create", "update", "patch", "delete");
        List<PolicyRule> rules = new ArrayList<>();
        Map<String, List<String>> kinds = Map.of("", List.of("services", "configmaps", "secrets",
                "persistentvolumeclaims", "pods", "events"), "apps", List.of("deployments", "statefulsets", "replicasets"),
                "autoscaling", List.of("horizontalpodautoscalers"), "policy", List.of("poddisruptionbudgets"),
                "networking.k8s.io", List.of("networkpolicies"));
        kinds.forEach((group, resources) -> resources.forEach(r -> rules.add(new PolicyRuleBuilder()
                .withApiGroups(group).withResources(r)
                .withVerbs(r.equals(notDeletable) ? all.stream().filter(v -> !v.equals("delete")).toList() : all)
                .build())));
        client.resource(new RoleBuilder().withNewMetadata().withName("deployer").endMetadata().withRules(rules).build())
                .inNamespace(ns.name()).create();
        client.resource(new RoleBindingBuilder().withNewMetadata().withName("deployer").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "deployer")
                .addNewSubject().withKind("ServiceAccount").withName("deployer").withNamespace(ns.name()).endSubject()
                .build()).inNamespace(ns.name()).create();
        String token = client.serviceAccounts().inNamespace(ns.name()).withName("deployer")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        String admin = Files.readString(Path.of(System.getenv(RealCluster.VARIABLE)));
        String clusters = admin.substring(0, admin.indexOf("users:"));
        Path file = work.resolve("restricted-kubeconfig");
        Files.writeString(file, clusters + "users:\n- name: deployer\n  user:\n    token: " + token + "\n"
                + "contexts:\n- name: " + RealCluster.CONTEXT + "\n  context:\n    cluster: " + RealCluster.CONTEXT
                + "\n    user: deployer\n    namespace: " + ns.name() + "\ncurrent-context: " + RealCluster.CONTEXT + "\n");
        return file;
    }
}
