package dev.topograph.app.launch.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches a deployed project's rollout by listing, every {@code interval}, its workloads, ReplicaSets
 * and pods (by the project's label) and the namespace's events, and tells the listener each node whose
 * {@link NodeRollout} changed. Lists rather than watches: each look is one bounded request per kind, a
 * dropped watch cannot leave the canvas stale, and a user who may list but not watch is served too.
 * Runs on its own thread until {@link #stop}.
 */
public final class RolloutWatcher implements AutoCloseable {
    private final Cluster cluster;
    private final boolean ownsCluster;
    private final String namespace;
    private final String project;
    private final List<String> nodes;
    private final RolloutListener listener;
    private final ScheduledExecutorService timer;
    private final Map<String, NodeRollout> last = new LinkedHashMap<>();
    private volatile String lastFailure = "";

    private RolloutWatcher(Cluster cluster, boolean ownsCluster, String namespace, String project, List<String> nodes,
            RolloutListener listener) {
        this.cluster = cluster;
        this.ownsCluster = ownsCluster;
        this.namespace = namespace;
        this.project = project;
        this.nodes = List.copyOf(nodes);
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "topograph-rollout-" + project);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching at once, then every {@code interval}.
     *
     * @param ownsCluster whether {@link #stop} closes the cluster's client
     */
    public static RolloutWatcher start(Cluster cluster, boolean ownsCluster, String namespace, String project,
            List<String> nodes, Duration interval, RolloutListener listener) {
        RolloutWatcher watcher = new RolloutWatcher(cluster, ownsCluster, namespace, project, nodes, listener);
        watcher.timer.scheduleWithFixedDelay(watcher::look, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** One look: what the cluster shows now, in its parts. */
    static ClusterState read(KubernetesClient client, String namespace, String project) {
        String label = ClusterDeployer.PROJECT_LABEL;
        var deployments = client.apps().deployments().inNamespace(namespace).withLabel(label, project).list().getItems();
        var statefulSets = client.apps().statefulSets().inNamespace(namespace).withLabel(label, project).list().getItems();
        var replicaSets = client.apps().replicaSets().inNamespace(namespace).withLabel(label, project).list().getItems();
        var pods = client.pods().inNamespace(namespace).withLabel(label, project).list().getItems();
        Set<String> names = new HashSet<>();
        Stream.of(deployments, statefulSets, replicaSets, pods).flatMap(List::stream)
                .map(HasMetadata::getMetadata).forEach(m -> names.add(m.getName()));
        List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && names.contains(e.getInvolvedObject().getName())).toList();
        return new ClusterState(deployments, statefulSets, replicaSets, pods, events);
    }

    private void look() {
        try {
            List<NodeRollout> now = RolloutStatus.of(read(cluster.client(), namespace, project), nodes);
            if (!lastFailure.isEmpty()) {
                lastFailure = "";
            }
            for (NodeRollout r : now) {
                NodeRollout before;
                synchronized (last) {
                    before = last.put(r.node(), r);
                }
                if (!Objects.equals(before, r)) {
                    listener.rolloutChanged(r);
                }
            }
        } catch (KubernetesClientException e) {
            String reason = cluster.explain("watch the rollout of " + project + " in " + namespace, e).getMessage();
            if (!reason.equals(lastFailure)) {
                lastFailure = reason;
                listener.watchFailed(reason);
            }
        } catch (RuntimeException e) {
            // a listener's bug must not end the watch
            listener.watchFailed("the rollout watch hit an error: " + e);
        }
    }

    /** The latest rollout of every node seen so far, in the order given at start. */
    public List<NodeRollout> current() {
        synchronized (last) {
            return nodes.stream().map(last::get).filter(Objects::nonNull).toList();
        }
    }

    /** Stops watching and waits for a look under way to end (bounded by the client's request timeout). */
    public void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsCluster) {
            cluster.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
