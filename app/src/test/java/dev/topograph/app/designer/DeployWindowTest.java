package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.deploy.DeployViewModel;
import dev.topograph.app.designer.deploy.ImageHandling;
import dev.topograph.app.designer.run.FakeRunService;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.kubernetes.ApplyingMockServer;
import dev.topograph.app.launch.kubernetes.ClusterDeployService;
import dev.topograph.app.launch.kubernetes.ClusterTimeouts;
import dev.topograph.app.launch.kubernetes.KubeConfigs;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Deploy ▲ in the real window against Fabric8's mock API server, through a kubeconfig file that points
 * at it, with prebuilt images (no Go, no Docker): the dialog checks its fields, the shop deploys, the
 * report and the rollout show (on the canvas too), a service's metrics answer through a port-forward,
 * drift made by hand is found, marked and re-applied, and Undeploy removes it all. Writes
 * {@code docs/screenshots/designer-deploy.png}. Needs a display (CI runs the tests under xvfb-run).
 */
@ExtendWith(ApplicationExtension.class)
class DeployWindowTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLE = REPO.resolve("examples/shop.topology.json");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path home;
    private static ApplyingMockServer server;
    private static KubernetesClient client;
    private MainViewModel viewModel;
    private MainView view;
    private Stage stage;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @AfterAll
    static void stopTheServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        server = new ApplyingMockServer();
        client = server.client();
        Path kubeconfig = home.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: mock\n"
                + "clusters:\n- name: mock\n  cluster:\n    server: " + client.getMasterUrl() + "\n"
                + "contexts:\n- name: mock\n  context:\n    cluster: mock\n    user: dev\n"
                + "users:\n- name: dev\n  user:\n    token: t0ken\n");
        ClusterDeployService deploys = new ClusterDeployService(
                () -> KubeConfigs.load(Optional.of(kubeconfig.toString()), home), Optional.empty(),
                home.resolve("kubernetes"), ClusterTimeouts.DEFAULT);
        FxUiExecutor ui = new FxUiExecutor();
        viewModel = new MainViewModel(new BackgroundTaskExecutor(ui), 50, new UserDirectories(home, home), 60_000,
                new FakeRunService(), ui, RunViewModel.COALESCE_MILLIS, deploys);
        view = DesignerApp.show(stage, viewModel);
        view.start(Optional.of(EXAMPLE));
    }

    @Test
    void deployTheShopWatchItRollOutFindDriftReapplyAndUndeploy(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.document().fileProperty().get().isPresent()
                && viewModel.canvas().diagramProperty().get().nodes().size() == 15);
        DeployViewModel deploy = viewModel.deploy();

        // The dialog: the kubeconfig's only context, its default namespace; fields checked as they are typed.
        robot.clickOn("#deploy-button");
        waitFor(() -> robot.lookup("#deploy-context").tryQuery().isPresent()
                && "mock".equals(robot.lookup("#deploy-context").queryAs(ComboBox.class).getValue()));
        TextField namespace = robot.lookup("#deploy-namespace").queryAs(TextField.class);
        assertThat(namespace.getText()).isEqualTo("default");
        Button confirm = robot.lookup("#deploy-confirm").queryButton();
        assertThat(confirm.isDisabled()).as("no registry yet").isTrue();
        robot.clickOn("#deploy-namespace").push(KeyCode.SHORTCUT, KeyCode.A).write("Shop_1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visibleError(robot, "cannot name a namespace")).isTrue();
        robot.clickOn("#deploy-namespace").push(KeyCode.SHORTCUT, KeyCode.A).write("shop");
        robot.clickOn("#deploy-registry").write("registry.example");
        robot.clickOn("#deploy-tag").write("dev");
        robot.clickOn("#deploy-images").clickOn(ImageHandling.PREBUILT.toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(namespace.getText()).isEqualTo("shop");
        assertThat(visibleError(robot, "cannot name a namespace")).isFalse();
        assertThat(confirm.isDisabled()).isFalse();
        robot.clickOn("#deploy-confirm");

        // The report, the Deployment panel in front, and the rollout on the canvas.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> headline(robot).startsWith("Applied"));
        assertThat(headline(robot)).isEqualTo("Applied 75 objects of shop to namespace shop of context mock.");
        TabPane panels = robot.lookup("#panels").queryAs(TabPane.class);
        assertThat(panels.getSelectionModel().getSelectedItem().getText()).isEqualTo("Deployment");
        assertThat(client.apps().deployments().inNamespace("shop").withName("orders").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/shop-orders:dev");
        // the watch's first look; the designed replica counts live in the autoscalers (decision 0005), and no
        // controller has set them yet
        waitFor(() -> badge("orders").map(RunBadge::state).equals(Optional.of("0/1 ready")));
        assertThat(badge("orders").orElseThrow().tone()).isEqualTo(Tone.PROGRESS);

        // What the autoscaler and the controllers would do: orders scaled to its designed 2, its pods ready (one
        // serves its metrics); payments' pod crash-loops.
        int ordersReplicas = 2;
        client.apps().deployments().inNamespace("shop").withName("orders").edit(d -> {
            d.getSpec().setReplicas(ordersReplicas);
            return d;
        });
        server.serveMetrics("orders-7d9f-1", 28081, "# TYPE http_server_requests_total counter\n"
                + "http_server_requests_total{route=\"/orders\",method=\"GET\",code=\"200\"} 42\n");
        for (int i = 1; i <= ordersReplicas; i++) {
            pod("orders", "orders-7d9f-" + i, true);
        }
        ready("orders", ordersReplicas);
        pod("payments", "payments-5c4b-1", false);
        waitFor(() -> badge("orders").map(RunBadge::tone).equals(Optional.of(Tone.OK))
                && badge("payments").map(RunBadge::tone).equals(Optional.of(Tone.DANGER)));
        assertThat(badge("orders").orElseThrow().state()).isEqualTo(ordersReplicas + "/" + ordersReplicas + " ready");
        assertThat(badge("payments").orElseThrow().note()).startsWith("CrashLoopBackOff: payments keeps exiting");
        assertThat(robot.lookup("#deploy-summary").queryLabeled().getText())
                .startsWith("shop on mock/shop: 1 of 15 ready · payments crashed");

        // The live-metrics scraper's target: orders' /metrics through a port-forward the app opened.
        waitFor(() -> deploy.metricsUrlsProperty().get().containsKey("orders"));
        URI metrics = deploy.metricsUrlsProperty().get().get("orders");
        assertThat(metrics.toString()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
        HttpResponse<String> scrape = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.body()).contains("http_server_requests_total{route=\"/orders\",method=\"GET\",code=\"200\"} 42");

        // Drift made by hand: a database scaled, an image changed, a Service deleted, an extra labelled Deployment.
        client.apps().statefulSets().inNamespace("shop").withName("catalog-db").edit(d -> {
            d.getSpec().setReplicas(3);
            return d;
        });
        client.apps().deployments().inNamespace("shop").withName("catalog").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else:hotfix");
            return d;
        });
        client.services().inNamespace("shop").withName("inventory").delete();
        client.resource(new DeploymentBuilder().withNewMetadata().withName("debug-shell")
                .withLabels(Map.of("io.topograph.project", "shop")).endMetadata().withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "debug").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "debug").endMetadata().withNewSpec().addNewContainer().withName("sh")
                .withImage("busybox").endContainer().endSpec().endTemplate().endSpec().build()).inNamespace("shop")
                .create();
        robot.clickOn("#deploy-check-drift");
        waitFor(() -> headline(robot).endsWith("between the cluster and the design:"));
        assertThat(headline(robot)).isEqualTo("4 differences between the cluster and the design:");
        assertThat(details(robot)).contains(
                "StatefulSet/catalog-db was changed on the cluster: spec.replicas: 3 on the cluster, 1 in the design",
                "Deployment/catalog was changed on the cluster: spec.template.spec.containers[catalog].image: "
                        + "someone/else:hotfix on the cluster, registry.example/shop-catalog:dev in the design",
                "Service/inventory is missing from the cluster",
                "Deployment/debug-shell carries the project's label but is not in the design");
        waitFor(() -> badge("catalog").map(RunBadge::state).equals(Optional.of("drift")));
        assertThat(badge("catalog").orElseThrow().tone()).isEqualTo(Tone.WARN);
        assertThat(badge("catalog-db").orElseThrow().state()).isEqualTo("drift");
        assertThat(badge("inventory").orElseThrow().state()).isEqualTo("drift");
        assertThat(badge("inventory").orElseThrow().tone()).isEqualTo(Tone.DANGER);
        screenshot(robot);

        // Re-apply asks, naming what changes, then makes the cluster as designed.
        robot.clickOn("#deploy-reapply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#deploy-confirmation").tryQuery().isPresent());
        DialogPane question = robot.lookup("#deploy-confirmation").queryAs(DialogPane.class);
        assertThat(question.getHeaderText()).isEqualTo("Re-apply shop to mock/shop?");
        assertThat(question.getContentText()).contains("• Service/inventory: created again")
                .contains("• Deployment/debug-shell: deleted")
                .contains("• StatefulSet/catalog-db: set back spec.replicas: 3 on the cluster, 1 in the design");
        robot.clickOn("#deploy-confirmation-ok");
        waitFor(() -> headline(robot).startsWith("Applied 74 objects"));
        assertThat(details(robot)).contains("Removed 1 object not in the design: Deployment/debug-shell.");
        assertThat(client.services().inNamespace("shop").withName("inventory").get()).isNotNull();
        assertThat(client.apps().deployments().inNamespace("shop").withName("debug-shell").get()).isNull();
        robot.clickOn("#deploy-check-drift");
        waitFor(() -> headline(robot).equals("No drift: the cluster matches the design."));
        waitFor(() -> badge("catalog").map(b -> !b.state().equals("drift")).orElse(false));

        // Undeploy asks, naming the context, the namespace and the label, then removes everything.
        robot.clickOn("#deploy-undeploy");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#deploy-confirmation").tryQuery().isPresent());
        question = robot.lookup("#deploy-confirmation").queryAs(DialogPane.class);
        assertThat(question.getHeaderText()).isEqualTo("Remove shop from namespace shop of context mock?");
        assertThat(question.getContentText()).contains("labelled io.topograph.project=shop");
        // the databases' data and passwords go too only when the question's box is ticked
        robot.clickOn("#deploy-confirmation-option");
        robot.clickOn("#deploy-confirmation-ok");
        waitFor(() -> headline(robot).startsWith("Deleted "));
        assertThat(headline(robot)).startsWith("Deleted 79 objects of shop from namespace shop of context mock:")
                .contains("Secret/orders-db-credentials");
        assertThat(client.secrets().inNamespace("shop").list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace("shop").list().getItems()).isEmpty();
        assertThat(client.services().inNamespace("shop").list().getItems()).isEmpty();
        waitFor(() -> viewModel.canvas().runBadgesProperty().get().isEmpty());
        assertThat(deploy.metricsUrlsProperty().get()).isEmpty();

        robot.clickOn("#deploy-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(panels.getTabs()).extracting(t -> t.getText()).doesNotContain("Deployment");
    }

    private void pod(String node, String name, boolean ready) {
        client.resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("io.topograph.project", "shop", "app.kubernetes.io/name", node)).endMetadata()
                .withNewSpec().addNewContainer().withName(node).withImage("registry.example/shop-" + node + ":dev")
                .endContainer().endSpec().build()).inNamespace("shop").create();
        client.pods().inNamespace("shop").withName(name).editStatus(p -> new PodBuilder(p).withNewStatus()
                .withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName(node).withReady(ready).withStarted(true).withRestartCount(ready ? 0 : 4)
                .withNewState().withNewWaiting().withReason(ready ? null : "CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(2).withReason("Error").endTerminated().endLastState()
                .endContainerStatus().endStatus().build());
    }

    private void ready(String node, int replicas) {
        client.apps().deployments().inNamespace("shop").withName(node).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(replicas).withReadyReplicas(replicas).withUpdatedReplicas(replicas)
                    .withAvailableReplicas(replicas).build());
            return d;
        });
    }

    private Optional<RunBadge> badge(String node) {
        return Optional.ofNullable(viewModel.canvas().runBadgesProperty().get().get(node));
    }

    /** Looked up on the FX thread: the panel is rebuilt while the deploy reports, and a lookup from here could race it. */
    private static String headline(FxRobot robot) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#deploy-outcome-headline").tryQuery()
                    .map(n -> ((Label) n).getText()).orElse("")).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.List<String> details(FxRobot robot) {
        return robot.lookup(".deploy-outcome-detail").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private static boolean visibleError(FxRobot robot, String text) {
        return robot.lookup(".deploy-field-error").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().contains(text));
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The window with the Deployment panel given room: drift marked on the canvas and listed below. */
    private void screenshot(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1500);
            stage.setHeight(980);
            robot.lookup(".split-pane").queryAllAs(SplitPane.class).stream()
                    .filter(p -> p.getOrientation() == Orientation.VERTICAL).findFirst()
                    .ifPresent(p -> p.setDividerPositions(0.56));
        });
        robot.interact(() -> view.canvas().fitToView());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Path dir = REPO.resolve("docs/screenshots");
        Files.createDirectories(dir);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve("designer-deploy.png").toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
