package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.docker.DockerEngine;
import dev.topograph.app.launch.docker.DockerEngineException;
import dev.topograph.app.launch.docker.EchoBinary;
import dev.topograph.app.launch.local.GoToolchain;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images built here and pushed with the real Docker engine to a registry on loopback, then deployed:
 * the whole way from a design to Deployments that name the pushed images (the cluster is the mock).
 */
class ImagePublishingTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static DockerEngine engine;

    @BeforeAll
    static void engine() {
        Optional<DockerEngine> found = DockerEngine.connect(Duration.ofSeconds(5));
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("CI=true, but no Docker engine answers: .ci/run starts dockerd");
        }
        engine = found.orElse(null);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.removeAllLabelled("io.topograph.test-run", RUN);
            engine.close();
        }
    }

    @Test
    void pushSendsTheImageToTheRegistryItNames(@TempDir Path dir) throws Exception {
        assumeTrue(engine != null, "no Docker engine answers");
        try (TestRegistry registry = new TestRegistry()) {
            String image = registry.address() + "/topograph-test/echo:" + RUN;
            engine.buildScratchImage(image, EchoBinary.build(dir), "echo", Map.of("io.topograph.test-run", RUN));
            try {
                engine.push(image);

                assertThat(registry.tags()).containsExactly("topograph-test/echo:" + RUN);
            } finally {
                engine.removeImage(image);
            }
        }
    }

    @Test
    void aRegistryThatIsNotThereIsAClearError(@TempDir Path dir) throws Exception {
        assumeTrue(engine != null, "no Docker engine answers");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String image = "127.0.0.1:" + closed + "/topograph-test/echo:" + RUN;
        engine.buildScratchImage(image, EchoBinary.build(dir), "echo", Map.of("io.topograph.test-run", RUN));
        try {
            assertThatThrownBy(() -> engine.push(image)).isInstanceOf(DockerEngineException.class)
                    .hasMessageStartingWith("Docker could not push " + image + ": ")
                    .hasMessageContaining("connection refused");
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void deployBuildsEachProgramPushesItsImageAndTheDeploymentsRunThem(@TempDir Path work) throws Exception {
        assumeTrue(engine != null, "no Docker engine answers");
        GoToolchain go = GoToolchain.find(RunSettings.defaults(LaunchFixtures.HOME).searchPath()).orElse(null);
        assumeTrue(go != null || "true".equals(System.getenv("CI")), "Go is not installed");
        try (TestRegistry registry = new TestRegistry(); ApplyingMockServer server = new ApplyingMockServer();
                KubernetesClient client = server.client();
                ClusterDeployer deployer = new ClusterDeployer(c -> server.cluster(),
                        Optional.of(new DockerImagePublisher(go, engine, LaunchFixtures.HOME.binaries())), work)) {
            DeployReport report = deployer.deploy(LaunchFixtures.tiny(), DeployTarget.of("mock", "tiny",
                    registry.address()), RunListener.none()).get(15, TimeUnit.MINUTES);

            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(registry.tags()).extracting(t -> t.substring(0, t.indexOf(':')))
                    .containsExactlyInAnyOrder("tiny-items", "tiny-audit", "tiny-edge");
            for (String node : new String[] {"items", "audit", "edge"}) {
                Deployment d = client.apps().deployments().inNamespace("tiny").withName(node).get();
                String image = d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
                // tagged with the hash of its sources: the same sources deploy the same image
                assertThat(image).matches(java.util.regex.Pattern.quote(registry.address() + "/tiny-" + node + ":")
                        + "[0-9a-f]{12}");
                assertThat(report.deployed().images()).containsEntry(node, image);
                assertThat(registry.tags()).contains(image.substring(image.indexOf('/') + 1));
                engine.removeImage(image);
            }
        }
    }
}
