package dev.topograph.app.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real control plane of {@code scripts/cluster.sh} for tests that need a Kubernetes API server,
 * reached through the project's own {@link KubeConfigs} and {@link Clusters}. Its kubeconfig is named by
 * {@value #VARIABLE}; {@code .ci/run} sets it and starts the cluster in the background, so the first
 * test waits for the file to appear (up to {@value #WAIT_VARIABLE} seconds, default 1,500).
 * Without the variable the tests are skipped, except under {@code CI=true}, where that is a failure.
 *
 * <p>As a JUnit extension it gives each test its own namespace ({@link TestNamespace} parameter),
 * labelled {@value #RUN_LABEL} and enforcing restricted Pod Security, and deletes it after the test: tests never see each other's objects,
 * and runs beside each other (other worktrees, other builds) share one cluster safely.
 */
public final class RealCluster implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** The environment variable that names the kubeconfig of the running test cluster. */
    public static final String VARIABLE = "TOPOGRAPH_TEST_KUBECONFIG";
    /** How long the first test waits for the kubeconfig to appear, in seconds. */
    public static final String WAIT_VARIABLE = "TOPOGRAPH_TEST_CLUSTER_WAIT";
    /** On each test namespace, so that a leftover is recognisable. */
    public static final String RUN_LABEL = "io.topograph.test-run";
    /** The only context in the kubeconfig {@code scripts/cluster.sh} writes. */
    public static final String CONTEXT = "topograph-test";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final Object LOCK = new Object();
    private static KubeConfigs kubeconfig;
    private static String unavailable;

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RealCluster.class);

    /** A namespace made for one test; the test's cluster objects go there. */
    public record TestNamespace(String name, Clusters clusters, KubernetesClient client) {
        /** A deploy target of this namespace on the test cluster, prebuilt images (kwok runs none). */
        public DeployTarget target() {
            return DeployTarget.of(CONTEXT, name, "registry.example").withTag("dev")
                    .withImages(DeployTarget.Images.PREBUILT);
        }
    }

    /** The test cluster's kubeconfig, after waiting for it; skips or fails the test when there is none. */
    public static KubeConfigs kubeconfig() {
        synchronized (LOCK) {
            if (kubeconfig == null && unavailable == null) {
                find();
            }
            if (unavailable != null) {
                // Where no cluster was asked for (the variable unset), the tests skip even in CI: .ci/run starts
                // the control plane only with TOPOGRAPH_CI_CLUSTER=1 until its cold build on a fresh CI machine
                // is measured (issue [10]). A cluster that was asked for and failed always fails CI.
                if ("true".equals(System.getenv("CI")) && !notAskedFor) {
                    fail("CI=true, but " + unavailable);
                }
                assumeTrue(false, unavailable);
            }
            return kubeconfig;
        }
    }

    /** The project's way to open the test cluster. */
    public static Clusters clusters() {
        return Clusters.fromKubeconfig(kubeconfig(), ClusterTimeouts.DEFAULT);
    }

    private static boolean notAskedFor;

    private static void find() {
        String named = System.getenv(VARIABLE);
        if (named == null || named.isBlank()) {
            unavailable = VARIABLE + " is not set: start a real control plane with scripts/cluster.sh start and "
                    + "export what scripts/cluster.sh env prints (in CI: TOPOGRAPH_CI_CLUSTER=1 bash .ci/run)";
            notAskedFor = true;
            return;
        }
        Path file = Path.of(named);
        Path failed = file.resolveSibling("failed");
        long waitSeconds = Long.parseLong(Optional.ofNullable(System.getenv(WAIT_VARIABLE)).orElse("1500"));
        long began = System.nanoTime();
        long deadline = began + Duration.ofSeconds(waitSeconds).toNanos();
        try {
            while (!Files.isRegularFile(file)) {
                if (Files.isRegularFile(failed)) {
                    unavailable = "the test cluster did not start: " + Files.readString(failed);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    unavailable = "the test cluster's kubeconfig " + file + " did not appear within " + waitSeconds
                            + " s (" + WAIT_VARIABLE + "): is scripts/cluster.sh start still building? Its log in CI is "
                            + "/tmp/topograph-cluster.log";
                    return;
                }
                Thread.sleep(1000);
            }
            long waited = Math.round((System.nanoTime() - began) / 1e9);
            kubeconfig = KubeConfigs.load(Optional.of(file.toString()), Path.of(System.getProperty("user.home")));
            Path figures = file.resolveSibling("figures");
            System.out.printf("figure: the tests waited %d s for the test cluster (%s)%n", waited,
                    Files.isRegularFile(figures) ? Files.readString(figures).strip() : "no figures");
        } catch (IOException | ClusterException e) {
            unavailable = "the test cluster's kubeconfig " + file + " cannot be read: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while waiting for " + file;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Clusters clusters = clusters();
        Cluster cluster = clusters.open(CONTEXT);
        String test = context.getRequiredTestMethod().getName().replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
        String name = ("t-" + RUN + "-" + test).substring(0, Math.min(50, 3 + RUN.length() + 1 + test.length()))
                .replaceAll("-+$", "");
        cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(RUN_LABEL, RUN)
                // as the namespace Topograph creates: every generated pod must pass restricted Pod Security
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
        context.getStore(STORE).put("cluster", cluster);
        context.getStore(STORE).put("namespace", new TestNamespace(name, clusters, cluster.client()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestNamespace ns = context.getStore(STORE).remove("namespace", TestNamespace.class);
        Cluster cluster = context.getStore(STORE).remove("cluster", Cluster.class);
        if (ns != null) {
            ns.client().namespaces().withName(ns.name()).delete();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(STORE).get("namespace", TestNamespace.class);
    }
}
