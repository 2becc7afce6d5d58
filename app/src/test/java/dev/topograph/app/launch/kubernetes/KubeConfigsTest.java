package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig as kubectl reads it: KUBECONFIG with several files, ~/.kube/config, the current context. */
class KubeConfigsTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static String config(String current, String context, String cluster, String server, String namespace) {
        return "apiVersion: v1\nkind: Config\n" + (current == null ? "" : "current-context: " + current + "\n")
                + "clusters:\n- name: " + cluster + "\n  cluster:\n    server: " + server + "\n"
                + "    certificate-authority: certs/ca.crt\n"
                + "contexts:\n- name: " + context + "\n  context:\n    cluster: " + cluster + "\n    user: " + context + "-user\n"
                + (namespace == null ? "" : "    namespace: " + namespace + "\n")
                + "users:\n- name: " + context + "-user\n  user:\n    token: t0ken\n";
    }

    @Test
    void readsTheHomeKubeconfigWhenKubeconfigIsUnset() throws Exception {
        write(".kube/config", config("kind-kind", "kind-kind", "kind-kind", "https://127.0.0.1:39017", null));

        KubeConfigs configs = KubeConfigs.load(Optional.empty(), dir);

        assertThat(configs.contexts()).containsExactly(new KubeConfigs.KubeContext("kind-kind", "kind-kind",
                "https://127.0.0.1:39017", "kind-kind-user", "default"));
        assertThat(configs.currentContext().orElseThrow().name()).isEqualTo("kind-kind");
    }

    @Test
    void mergesTheFilesKubeconfigListsTheWayKubectlDoes() throws Exception {
        Path first = write("a/config", config(null, "dev", "dev", "https://dev.example:6443", "team-a"));
        Path second = write("b/config", config("prod", "prod", "prod", "https://prod.example:6443", null)
                + "") ;
        // the same context name in a later file does not override the first
        Path third = write("c/config", config("dev", "dev", "other", "https://other.example:6443", "ignored"));
        String listed = String.join(File.pathSeparator, first.toString(), dir.resolve("missing").toString(),
                second.toString(), third.toString());

        KubeConfigs configs = KubeConfigs.load(Optional.of(listed), dir.resolve("no-home"));

        assertThat(configs.files()).containsExactly(first, second, third);
        assertThat(configs.contexts()).extracting(KubeConfigs.KubeContext::name).containsExactly("dev", "prod");
        assertThat(configs.context("dev").orElseThrow().namespace()).isEqualTo("team-a");
        assertThat(configs.context("dev").orElseThrow().server()).isEqualTo("https://dev.example:6443");
        assertThat(configs.context("prod").orElseThrow().namespace()).isEqualTo("default");
        // the first file that sets current-context wins
        assertThat(configs.currentContext().orElseThrow().name()).isEqualTo("prod");
    }

    @Test
    void aClientConfigHasTheContextsServerNamespaceTimeoutsAndAbsolutePaths() throws Exception {
        write(".kube/certs/ca.crt", "not really a certificate");
        write(".kube/config", config("dev", "dev", "dev", "https://dev.example:6443", "team-a"));
        KubeConfigs configs = KubeConfigs.load(Optional.empty(), dir);

        io.fabric8.kubernetes.client.Config client = configs.clientConfig("dev",
                new ClusterTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(7)));

        assertThat(client.getMasterUrl()).startsWith("https://dev.example:6443");
        assertThat(client.getNamespace()).isEqualTo("team-a");
        assertThat(client.getConnectionTimeout()).isEqualTo(3000);
        assertThat(client.getRequestTimeout()).isEqualTo(7000);
        assertThat(Optional.ofNullable(client.getOauthToken()).orElse(client.getAutoOAuthToken())).isEqualTo("t0ken");
        assertThat(client.getCaCertFile()).isEqualTo(dir.resolve(".kube/certs/ca.crt").toString());
    }

    @Test
    void noKubeconfigOrAnUnknownContextIsAClearError() throws Exception {
        assertThatThrownBy(() -> KubeConfigs.load(Optional.empty(), dir))
                .isInstanceOf(ClusterException.class).hasMessageContaining("No kubeconfig")
                .hasMessageContaining(dir.resolve(".kube/config").toString());
        assertThatThrownBy(() -> KubeConfigs.load(Optional.of(dir.resolve("nope").toString()), dir))
                .isInstanceOf(ClusterException.class).hasMessageContaining("None of the files KUBECONFIG lists exists");

        write(".kube/config", config("dev", "dev", "dev", "https://dev.example:6443", null));
        KubeConfigs configs = KubeConfigs.load(Optional.empty(), dir);
        assertThatThrownBy(() -> configs.clientConfig("prod", ClusterTimeouts.DEFAULT))
                .isInstanceOf(ClusterException.class).hasMessage("The kubeconfig has no context 'prod'; it has dev");
    }

    @Test
    void aKubeconfigWithoutContextsIsAClearError() throws Exception {
        write(".kube/config", "apiVersion: v1\nkind: Config\nclusters: []\n");

        assertThatThrownBy(() -> KubeConfigs.load(Optional.empty(), dir))
                .isInstanceOf(ClusterException.class).hasMessageContaining("defines no context");
    }
}
