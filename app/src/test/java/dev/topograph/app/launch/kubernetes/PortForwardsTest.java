package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.model.generate.LaunchPlan;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Local ports forwarded to the metrics ports of the services' pods, read as the metrics scraper reads them,
 * against the mock API server.
 */
class PortForwardsTest {
    private ApplyingMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new ApplyingMockServer();
        client = server.client();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void pod(String node, String name, boolean ready) {
        client.resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("io.topograph.project", "shop", "app.kubernetes.io/name", node)).endMetadata()
                .withNewSpec().addNewContainer().withName(node).withImage("registry.example/shop-" + node + ":dev")
                .endContainer().endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().endStatus().build()).inNamespace("shop").create();
    }

    @Test
    void eachServiceWithAReadyPodGetsALoopbackPortToItsMetricsPortAndClosingFreesThem() throws Exception {
        pod("orders", "orders-abc-starting", false);
        pod("orders", "orders-abc-ready", true);
        pod("payments", "payments-abc-starting", false);
        // orders' metrics port (its port 8081 + 20000): the public port answers 404 for /metrics.
        server.serveMetrics("orders-abc-ready", 28081, "# TYPE go_goroutines gauge\ngo_goroutines 7\n");
        LaunchPlan plan = LaunchPlan.of(LaunchFixtures.shop());

        PortForwards forwards;
        try (ClusterDeployer deployer = new ClusterDeployer(c -> server.cluster(), java.util.Optional.empty(),
                Path.of("target"))) {
            forwards = deployer.forwardPorts(new DeployReport.Deployed("shop",
                    DeployTarget.of("mock", "shop", "registry.example"), Map.of()), plan.nodes());
        }
        int port;
        try {
            PortForwards.Forward orders = forwards.forward("orders").orElseThrow();
            assertThat(orders.pod()).isEqualTo("orders-abc-ready");
            assertThat(orders.podPort()).isEqualTo(28081);
            assertThat(orders.metrics().toString()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
            assertThat(forwards.forward("payments")).isEmpty(); // no ready pod yet
            assertThat(forwards.all()).extracting(PortForwards.Forward::node).containsExactly("orders");

            HttpResponse<String> scrape = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(orders.metrics()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("go_goroutines 7");
            port = orders.localPort();
        } finally {
            forwards.close();
        }
        assertThat(forwards.all()).isEmpty();
        // the forward's listener closes on its own thread: soon after, nothing listens there
        await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
    }

    private static boolean refused(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (java.io.IOException other) {
            return false;
        }
    }
}
