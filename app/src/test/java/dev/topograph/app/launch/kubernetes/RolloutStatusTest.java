package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.launch.NodeState;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rollout status from recorded cluster states (test resources kubernetes/rollout/*.json, in the shape
 * {@code kubectl get deploy,sts,rs,pods,events -o json} prints): the happy path and the ways a rollout
 * goes wrong, each in words a user can act on.
 */
class RolloutStatusTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static ClusterState recorded(String name) throws IOException {
        try (InputStream in = RolloutStatusTest.class.getResourceAsStream("/kubernetes/rollout/" + name + ".json")) {
            return ClusterState.of(JSON.unmarshal(in, KubernetesList.class).getItems());
        }
    }

    private static NodeRollout one(String fixture, String node) throws IOException {
        List<NodeRollout> all = RolloutStatus.of(recorded(fixture), List.of(node));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void allCopiesReadyAndUpToDateIsHealthy() throws IOException {
        NodeRollout orders = one("healthy", "orders");

        assertThat(orders.state()).isEqualTo(NodeState.HEALTHY);
        assertThat(orders.workload()).isEqualTo("Deployment/orders");
        assertThat(orders.replicas()).isEqualTo("2/2 ready");
        assertThat(orders.podPhases()).isEqualTo(Map.of("Running", 2));
        assertThat(orders.restarts()).isZero();
        assertThat(orders.lastWarning()).isEmpty();
    }

    @Test
    void anImageTheClusterCannotPullFailsTheNodeAndNamesTheImage() throws IOException {
        NodeRollout orders = one("image-pull-backoff", "orders");

        assertThat(orders.state()).isEqualTo(NodeState.FAILED);
        assertThat(orders.message()).isEqualTo("ImagePullBackOff: the cluster cannot pull registry.example/shop-orders:dev"
                + " — check the registry and pull secret (the registry has no such image: was it pushed?)");
        assertThat(orders.podPhases()).isEqualTo(Map.of("Pending", 2));
        assertThat(orders.lastWarning()).contains("BackOff: Back-off pulling image \"registry.example/shop-orders:dev\"");
    }

    @Test
    void aCrashLoopIsCrashedWithTheLastExitCodeAndTheRestarts() throws IOException {
        NodeRollout payments = one("crash-loop", "payments");

        assertThat(payments.state()).isEqualTo(NodeState.CRASHED);
        assertThat(payments.message()).isEqualTo("CrashLoopBackOff: payments keeps exiting (restarted 5 times, last exit "
                + "code 2) — its log (kubectl logs --previous) says why");
        assertThat(payments.restarts()).isEqualTo(5);
        assertThat(payments.status("Kubernetes kind-kind/shop").restarts()).isEqualTo(5);
    }

    @Test
    void podsNoNodeCanTakeYetWaitWithTheSchedulersReasonRatherThanFail() throws IOException {
        NodeRollout catalog = one("pending-insufficient-cpu", "catalog");

        // a node may be added, or another workload scaled down: only the watch's timeout gives up
        assertThat(catalog.state()).isEqualTo(NodeState.WAITING);
        assertThat(catalog.message()).isEqualTo("Pending: 0/3 nodes have enough cpu (Insufficient cpu) — lower the pods' "
                + "requests or add capacity");
        assertThat(catalog.podPhases()).isEqualTo(Map.of("Pending", 3));
        assertThat(catalog.desired()).isEqualTo(3);
    }

    @Test
    void aPodWaitingForItsClaimToBeBoundIsWaitingWithTheSchedulersReasonNotFailed() throws IOException {
        // recorded from the real control plane (scripts/cluster.sh): a claim of a StorageClass that is not there yet
        NodeRollout db = one("pending-unbound-claim", "orders-db");

        assertThat(db.state()).isEqualTo(NodeState.WAITING);
        assertThat(db.workload()).isEqualTo("StatefulSet/orders-db");
        assertThat(db.message()).startsWith("Pending: its volume claim is not bound — does the cluster have a default "
                + "StorageClass? (0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.");
        assertThat(db.podPhases()).isEqualTo(Map.of("Pending", 1));
    }

    @Test
    void aMissingSecretSaysWhichAndHowToCreateIt() throws IOException {
        NodeRollout db = one("secret-missing", "orders-db");

        assertThat(db.state()).isEqualTo(NodeState.FAILED);
        assertThat(db.workload()).isEqualTo("StatefulSet/orders-db");
        assertThat(db.message()).startsWith("CreateContainerConfigError: secret \"orders-db-credentials\" not found — "
                + "create it");
    }

    @Test
    void aRollingUpdateUnderWayIsStartingWithHowFarItGot() throws IOException {
        NodeRollout orders = one("rolling-update", "orders");

        assertThat(orders.state()).isEqualTo(NodeState.STARTING);
        assertThat(orders.message()).isEqualTo("2/2 ready, 1 up to date");
        assertThat(orders.podPhases()).containsExactly(Map.entry("Running", 2), Map.entry("Pending", 1));
    }

    @Test
    void oneCopyKilledForMemoryWhileTheOthersServeIsUnhealthy() throws IOException {
        NodeRollout catalog = one("one-copy-oom-killed", "catalog");

        assertThat(catalog.state()).isEqualTo(NodeState.UNHEALTHY);
        assertThat(catalog.message()).isEqualTo("OOMKilled: catalog ran out of memory and was restarted 3 times — raise "
                + "its memory limit or find the leak (2/3 ready)");
        assertThat(catalog.restarts()).isEqualTo(3);
    }

    @Test
    void podsThePodSecurityLevelRefusesFailTheNode() throws IOException {
        NodeRollout gateway = one("pod-security-refused", "gateway");

        assertThat(gateway.state()).isEqualTo(NodeState.FAILED);
        assertThat(gateway.message()).startsWith("FailedCreate: the cluster refuses to create pods: pods \"gateway-")
                .contains("violates PodSecurity").endsWith("— the namespace's Pod Security level refuses the pods");
        assertThat(gateway.podPhases()).isEmpty();
    }

    @Test
    void aRunningPodThatNeverGetsReadyIsUnhealthyWithTheProbesWords() throws IOException {
        NodeRollout shipping = one("readiness-failing", "shipping");

        assertThat(shipping.state()).isEqualTo(NodeState.UNHEALTHY);
        assertThat(shipping.message()).isEqualTo("not ready: Readiness probe failed: HTTP probe failed with statuscode: 503");
    }

    @Test
    void aRolloutPastItsDeadlineFails() throws IOException {
        NodeRollout inventory = one("progress-deadline", "inventory");

        assertThat(inventory.state()).isEqualTo(NodeState.FAILED);
        assertThat(inventory.message()).isEqualTo("ProgressDeadlineExceeded: the rollout made no progress (ReplicaSet "
                + "\"inventory-7c9d8f6b5\" has timed out progressing.)");
    }

    @Test
    void aNodeWithNothingOnTheClusterIsWaitingAndEveryNodeIsReportedInOrder() throws IOException {
        List<NodeRollout> all = RolloutStatus.of(recorded("healthy"), List.of("orders-db", "orders"));

        assertThat(all).extracting(NodeRollout::node).containsExactly("orders-db", "orders");
        assertThat(all.get(0).state()).isEqualTo(NodeState.WAITING);
        assertThat(all.get(0).message()).isEqualTo("not on the cluster");
    }

    @Test
    void theSchedulersWordsForOtherReasonsAreKept() {
        assertThat(RolloutStatus.pending("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims."))
                .startsWith("Pending: its volume claim is not bound — does the cluster have a default StorageClass?");
        assertThat(RolloutStatus.pending("0/2 nodes are available: 2 Insufficient memory."))
                .isEqualTo("Pending: 0/2 nodes have enough memory (Insufficient memory) — lower the pods' requests or "
                        + "add capacity");
    }
}
