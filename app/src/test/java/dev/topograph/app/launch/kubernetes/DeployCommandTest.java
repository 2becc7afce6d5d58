package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.cli.TopographCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code topograph deploy} and {@code undeploy} as a user runs them, through a kubeconfig, against the mock API server. */
class DeployCommandTest {
    private static final String SHOP = Path.of("..", "examples", "shop.topology.json").toString();

    @TempDir
    Path dir;

    private ApplyingMockServer server;
    private KubernetesClient client;
    private Path kubeconfig;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        server = new ApplyingMockServer();
        client = server.client();
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: mock\n"
                + "clusters:\n- name: mock\n  cluster:\n    server: " + client.getMasterUrl() + "\n"
                + "contexts:\n- name: mock\n  context:\n    cluster: mock\n    user: dev\n"
                + "users:\n- name: dev\n  user:\n    token: t0ken\n");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TopographCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void deployPrintsWhatItAppliesAndUndeployRemovesIt() {
        Result deploy = run("deploy", SHOP, "--scratch", "--kubeconfig", kubeconfig.toString(), "--context", "mock", "-n", "shop",
                "--registry", "registry.example", "--tag", "dev", "--no-build");

        assertThat(deploy.code()).as(deploy.err()).isZero();
        assertThat(deploy.out()).containsPattern("orders +applied Deployment/orders")
                .contains("Applied 75 objects of shop to namespace shop of context mock.")
                .contains("Created 5 credentials Secrets with random passwords: Secret/catalog-db-credentials");
        assertThat(client.apps().deployments().inNamespace("shop").withName("gateway").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/shop-gateway:dev");

        Result undeploy = run("undeploy", SHOP, "--kubeconfig", kubeconfig.toString(), "--context", "mock", "-n", "shop");

        assertThat(undeploy.code()).as(undeploy.err()).isZero();
        assertThat(undeploy.out()).startsWith("Deleted 74 objects of shop from namespace shop of context mock:")
                .contains("Kept the databases' data and passwords (5 objects: Secret/");
        assertThat(client.apps().deployments().inNamespace("shop").list().getItems()).isEmpty();
    }

    @Test
    void aRefusedApplyExitsOneAndSaysWhatIsOnTheCluster() {
        server.forbid("horizontalpodautoscalers", "autoscaling");

        Result deploy = run("deploy", SHOP, "--scratch", "--kubeconfig", kubeconfig.toString(), "--context", "mock", "-n", "shop",
                "--registry", "registry.example", "--tag", "dev", "--no-build");

        assertThat(deploy.code()).isEqualTo(1);
        assertThat(deploy.out()).contains("stopped at HorizontalPodAutoscaler/")
                .contains("does not allow").contains("Applied before it (these are on the cluster now): Namespace/shop")
                .contains("Not attempted: ");
    }

    @Test
    void unusableInputExitsTwo() {
        assertThat(run("deploy", SHOP, "--scratch", "--kubeconfig", kubeconfig.toString(), "--context", "prod", "-n", "shop",
                "--registry", "r.example", "--tag", "dev", "--no-build").err())
                .contains("has no context 'prod'; it has mock");
        assertThat(run("deploy", SHOP, "--scratch", "--kubeconfig", kubeconfig.toString(), "--context", "prod", "-n", "shop",
                "--registry", "r.example", "--tag", "dev", "--no-build").code()).isEqualTo(2);
        Result noTag = run("deploy", SHOP, "--scratch", "--kubeconfig", kubeconfig.toString(), "--context", "mock", "-n", "shop",
                "--registry", "r.example", "--no-build");
        assertThat(noTag.code()).isEqualTo(2);
        assertThat(noTag.err()).contains("--no-build").contains("--tag");
        Result badNamespace = run("deploy", SHOP, "--scratch", "--kubeconfig", kubeconfig.toString(), "--context", "mock", "-n",
                "Shop_1", "--registry", "r.example", "--tag", "dev", "--no-build");
        assertThat(badNamespace.code()).isEqualTo(2);
        assertThat(badNamespace.err()).contains("cannot name a namespace");
        assertThat(run("undeploy", "missing.topology.json", "--context", "mock", "-n", "shop").code()).isEqualTo(2);
        Result tagAlone = run("drift", SHOP, "--kubeconfig", kubeconfig.toString(), "--context", "mock", "-n", "shop",
                "--tag", "dev");
        assertThat(tagAlone.code()).isEqualTo(2);
        assertThat(tagAlone.err()).isEqualTo("topograph drift: --tag names images in a registry: say which with "
                + "--registry\n");
        Result missing = run("reapply", "missing.topology.json", "--kubeconfig", kubeconfig.toString(), "--context",
                "mock", "-n", "shop");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("topograph reapply: ").contains("missing.topology.json")
                .doesNotContain("Exception");
        assertThat(server.requests()).isEmpty();
    }
}
