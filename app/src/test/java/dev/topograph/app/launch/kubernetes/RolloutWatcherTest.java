package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.RunListener;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout watch against the mock API server: it reports changes as the cluster's objects change, and stops. */
class RolloutWatcherTest {
    private static final DeployTarget TARGET = DeployTarget.of("mock", "shop", "registry.example")
            .withTag("dev").withImages(DeployTarget.Images.PREBUILT);

    @TempDir
    Path work;

    private ApplyingMockServer server;
    private KubernetesClient client;
    private ClusterDeployer deployer;
    private DeployReport deployed;

    @BeforeEach
    void deploy() throws Exception {
        server = new ApplyingMockServer();
        client = server.client();
        deployer = new ClusterDeployer(context -> server.cluster(), Optional.empty(), work);
        deployed = deployer.deploy(LaunchFixtures.shop(), TARGET, RunListener.none()).get(60, TimeUnit.SECONDS);
        assertThat(deployed.complete()).isTrue();
    }

    @AfterEach
    void stop() {
        deployer.close();
        client.close();
        server.close();
    }

    private void runningPod(String node, String name, boolean ready) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("io.topograph.project", "shop", "app.kubernetes.io/name", node)).endMetadata()
                .withNewSpec().addNewContainer().withName(node).withImage("registry.example/shop-" + node + ":dev")
                .endContainer().endSpec().build();
        client.resource(pod).inNamespace("shop").create();
        client.pods().inNamespace("shop").withName(name).editStatus(p -> new PodBuilder(p).withNewStatus()
                .withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName(node).withReady(ready).withStarted(true).withRestartCount(ready ? 0 : 4)
                .withNewState().withNewWaiting().withReason(ready ? null : "CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState()
                .endContainerStatus().endStatus().build());
    }

    @Test
    void reportsEachNodeOnceThenOnlyChangesUntilStopped() throws Exception {
        List<NodeRollout> seen = new CopyOnWriteArrayList<>();
        RolloutWatcher watcher = deployer.watch(deployed.deployed(), List.of("orders", "payments"),
                Duration.ofMillis(100), seen::add);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 2);
            assertThat(seen).extracting(NodeRollout::node).startsWith("orders", "payments");
            // no controller runs in the mock: the Deployment has no status yet, and no autoscaler has set its replicas
            assertThat(seen.get(0).state()).isEqualTo(NodeState.STARTING);
            assertThat(seen.get(0).message()).isEqualTo("0/1 ready, 0 up to date");

            // what the autoscaler and the controllers would do: two replicas, both ready
            client.apps().deployments().inNamespace("shop").withName("orders")
                    .edit(d -> { d.getSpec().setReplicas(2); return d; });
            runningPod("orders", "orders-abc-1", true);
            runningPod("orders", "orders-abc-2", true);
            client.apps().deployments().inNamespace("shop").withName("orders").editStatus(d -> {
                d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withObservedGeneration(
                        d.getMetadata().getGeneration()).withReplicas(2).withReadyReplicas(2).withUpdatedReplicas(2)
                        .withAvailableReplicas(2).build());
                return d;
            });
            runningPod("payments", "payments-abc-1", false);

            await().atMost(Duration.ofSeconds(20)).until(() -> watcher.current().stream()
                    .anyMatch(r -> r.node().equals("payments") && r.state() == NodeState.CRASHED));
            NodeRollout orders = watcher.current().get(0);
            assertThat(orders.state()).isEqualTo(NodeState.HEALTHY);
            assertThat(orders.podPhases()).isEqualTo(Map.of("Running", 2));
            NodeRollout payments = watcher.current().get(1);
            assertThat(payments.message()).startsWith("CrashLoopBackOff: payments keeps exiting (restarted 4 times, "
                    + "last exit code 1)");
            long changesOfOrders = seen.stream().filter(r -> r.node().equals("orders")).count();
            Thread.sleep(400);
            assertThat(seen.stream().filter(r -> r.node().equals("orders")).count()).isEqualTo(changesOfOrders);
        } finally {
            watcher.stop();
        }
        int after = seen.size();
        runningPod("orders", "orders-abc-3", false);
        Thread.sleep(400);
        assertThat(seen).hasSize(after);
    }

    @Test
    void anUnreachableClusterIsReportedOnceAndTheWatchGoesOn() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        List<NodeRollout> seen = new CopyOnWriteArrayList<>();
        Cluster cluster = server.cluster();
        RolloutWatcher watcher = RolloutWatcher.start(cluster, true, "shop", "shop", List.of("orders"),
                Duration.ofMillis(100), new RolloutListener() {
                    @Override
                    public void rolloutChanged(NodeRollout rollout) {
                        seen.add(rollout);
                    }

                    @Override
                    public void watchFailed(String reason) {
                        failures.add(reason);
                    }
                });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !seen.isEmpty());
            server.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> !failures.isEmpty());
            Thread.sleep(500);
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0)).contains("mock").contains("watch the rollout of shop");
        } finally {
            watcher.stop();
        }
    }
}
