package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import org.junit.jupiter.api.Test;

/** A hand scale is told from the autoscaler's by the autoscaler's own last decision. */
class DriftCheckTest {
    private static final Deployment DESIGNED = new DeploymentBuilder().withNewMetadata().withName("gateway")
            .endMetadata().withNewSpec().endSpec().build();

    private static Deployment live(int replicas) {
        return new DeploymentBuilder(DESIGNED).editSpec().withReplicas(replicas).endSpec().build();
    }

    private static HorizontalPodAutoscaler autoscaler(Integer decided) {
        return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("gateway").endMetadata()
                .withNewSpec().withMinReplicas(2).withMaxReplicas(4).endSpec()
                .withNewStatus().withDesiredReplicas(decided).endStatus().build();
    }

    @Test
    void aCountOtherThanTheAutoscalersLastDecisionWasSetByHand() {
        assertThat(DriftCheck.handScaled(DESIGNED, live(3), autoscaler(2))).hasValue(
                "spec.replicas: 3 on the cluster, where HorizontalPodAutoscaler/gateway last set 2 (2 to 4)");
    }

    @Test
    void theAutoscalersOwnCountOrNoDecisionYetIsNoDrift() {
        assertThat(DriftCheck.handScaled(DESIGNED, live(2), autoscaler(2))).isEmpty();
        assertThat(DriftCheck.handScaled(DESIGNED, live(3), autoscaler(null))).isEmpty();
    }

    @Test
    void aCountTheDesignSetsIsADifferenceNotAHandScale() {
        Deployment one = new DeploymentBuilder(DESIGNED).editSpec().withReplicas(1).endSpec().build();

        assertThat(DriftCheck.handScaled(one, live(3), autoscaler(2))).isEmpty();
        assertThat(DriftCheck.differences(one, live(3))).containsExactly("spec.replicas: 3 on the cluster, 1 in the design");
    }
}
