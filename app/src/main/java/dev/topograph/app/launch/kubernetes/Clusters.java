package dev.topograph.app.launch.kubernetes;

/** Opens the cluster of a kubeconfig context: the user's kubeconfig in the app, a mock server in tests. */
@FunctionalInterface
public interface Clusters {

    /** The cluster of {@code context}; the caller closes it. Contacts nothing yet. */
    Cluster open(String context) throws ClusterException;

    /** The contexts of a kubeconfig, with these timeouts. */
    static Clusters fromKubeconfig(KubeConfigs kubeconfig, ClusterTimeouts timeouts) {
        return context -> Cluster.connect(kubeconfig, context, timeouts);
    }
}
