package dev.topograph.app.launch.kubernetes;

import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local ports forwarded to the metrics port of one ready pod of each service and gateway (a port no
 * Service exposes), so the metrics scraper reads {@code http://127.0.0.1:<local>/metrics} of a cluster
 * just as of a local run. Each forward listens on loopback only, on a port the system picks. Closing
 * closes them all. A forward follows one pod: when that pod goes away, {@link #reopen} picks another.
 */
public final class PortForwards implements AutoCloseable {
    private final Cluster cluster;
    private final boolean ownsCluster;
    private final String namespace;
    private final String project;
    private final Map<String, Forward> forwards = new LinkedHashMap<>();

    /** One open forward: the node, the pod it reaches, and the local port. */
    public record Forward(String node, String pod, int podPort, int localPort, LocalPortForward handle) {
        /** Where the node's metrics answer on this machine. */
        public URI metrics() {
            return URI.create("http://127.0.0.1:" + localPort + "/metrics");
        }
    }

    private PortForwards(Cluster cluster, boolean ownsCluster, String namespace, String project) {
        this.cluster = cluster;
        this.ownsCluster = ownsCluster;
        this.namespace = namespace;
        this.project = project;
    }

    /**
     * Opens a forward for every program of {@code nodes} that has a ready pod; the others are left out
     * until {@link #reopen}. Blocks for the cluster calls: call it off the FX thread.
     */
    public static PortForwards open(Cluster cluster, String namespace, String project, List<PlannedNode> nodes)
            throws ClusterException {
        return open(cluster, false, namespace, project, nodes);
    }

    /** As {@link #open(Cluster, String, String, List)}; {@code ownsCluster}: {@link #close} closes its client too. */
    static PortForwards open(Cluster cluster, boolean ownsCluster, String namespace, String project,
            List<PlannedNode> nodes) throws ClusterException {
        PortForwards forwards = new PortForwards(cluster, ownsCluster, namespace, project);
        for (PlannedNode node : nodes) {
            if (node.isProgram()) {
                forwards.reopen(node.id(), node.metricsPort());
            }
        }
        return forwards;
    }

    /** (Re)opens the forward of one node to {@code podPort} (its metrics port) of a ready pod; empty if none is. */
    public synchronized Optional<Forward> reopen(String node, int podPort) throws ClusterException {
        Forward old = forwards.remove(node);
        if (old != null) {
            closeQuietly(old.handle());
        }
        try {
            List<Pod> pods = cluster.client().pods().inNamespace(namespace)
                    .withLabel(ClusterDeployer.PROJECT_LABEL, project).withLabel(Manifests.NODE_LABEL, node)
                    .list().getItems();
            Optional<Pod> ready = pods.stream().filter(PortForwards::isReady).findFirst();
            if (ready.isEmpty()) {
                return Optional.empty();
            }
            String pod = ready.get().getMetadata().getName();
            LocalPortForward handle = cluster.client().pods().inNamespace(namespace).withName(pod)
                    .portForward(podPort, InetAddress.getLoopbackAddress(), 0);
            Forward forward = new Forward(node, pod, podPort, handle.getLocalPort(), handle);
            forwards.put(node, forward);
            return Optional.of(forward);
        } catch (KubernetesClientException e) {
            throw cluster.explain("forward a local port to a pod of " + node, e);
        }
    }

    /** The open forward of a node. */
    public synchronized Optional<Forward> forward(String node) {
        return Optional.ofNullable(forwards.get(node));
    }

    /** Every open forward. */
    public synchronized List<Forward> all() {
        return new ArrayList<>(forwards.values());
    }

    /** Whether a node's forward has stopped working (its pod went away, the connection broke). */
    public synchronized boolean broken(String node) {
        Forward f = forwards.get(node);
        return f == null || !f.handle().isAlive() || f.handle().errorOccurred();
    }

    private static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null
                || pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(LocalPortForward handle) {
        try {
            handle.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the pod may be gone already
        }
    }

    /** Closes every forward; the local ports are free again when it returns. */
    @Override
    public synchronized void close() {
        forwards.values().forEach(f -> closeQuietly(f.handle()));
        forwards.clear();
        if (ownsCluster) {
            cluster.close();
        }
    }
}
