package dev.topograph.app.launch.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;

/**
 * What a rollout watch sees of one project at one moment: its workloads, their ReplicaSets and pods,
 * and the namespace's events. Recorded as JSON, it is what the rollout tests replay.
 */
public record ClusterState(List<Deployment> deployments, List<StatefulSet> statefulSets, List<ReplicaSet> replicaSets,
        List<Pod> pods, List<Event> events) {

    public ClusterState {
        deployments = List.copyOf(deployments);
        statefulSets = List.copyOf(statefulSets);
        replicaSets = List.copyOf(replicaSets);
        pods = List.copyOf(pods);
        events = List.copyOf(events);
    }

    /** The state in a list of objects of any kinds, as {@code kubectl get deploy,sts,rs,pods,events -o json} prints it. */
    public static ClusterState of(List<? extends HasMetadata> objects) {
        return new ClusterState(only(objects, Deployment.class), only(objects, StatefulSet.class),
                only(objects, ReplicaSet.class), only(objects, Pod.class), only(objects, Event.class));
    }

    private static <T> List<T> only(List<? extends HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
