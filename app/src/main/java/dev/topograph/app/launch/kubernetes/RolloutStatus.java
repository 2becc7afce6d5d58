package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.NodeState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where each node's rollout stands, from what the cluster shows: a pure function of a
 * {@link ClusterState}. Problems are named the way {@code kubectl describe} names them, followed by
 * what to do: "ImagePullBackOff: the cluster cannot pull registry.example/shop-orders:dev — check the
 * registry and pull secret". A problem on every copy makes the node {@code FAILED} (it cannot start)
 * or {@code CRASHED} (it starts and dies); on some copies, {@code UNHEALTHY}. A pod the scheduler cannot
 * place yet (a claim not yet bound, no node with room) is Pending, which is a wait, not a failure:
 * the node is {@code WAITING} (or {@code STARTING} while other copies serve) with the scheduler's reason;
 * Kubernetes may place it any moment, and the watch's timeout is what gives up on it.
 */
public final class RolloutStatus {
    private static final List<String> PHASES = List.of("Running", "Pending", "Succeeded", "Failed", "Unknown");
    private static final Pattern AVAILABLE = Pattern.compile("(\\d+)/(\\d+) nodes are available");
    private static final Pattern INSUFFICIENT = Pattern.compile("Insufficient ([A-Za-z0-9](?:[A-Za-z0-9./-]*[A-Za-z0-9])?)");

    private RolloutStatus() {
    }

    /**
     * A problem seen on a pod, most severe first when several are; a {@code pending} one (a wait, not a
     * failure) counts only when there is no other.
     */
    private record Problem(int severity, boolean crash, boolean pending, String message) {
        Problem(int severity, boolean crash, String message) {
            this(severity, crash, false, message);
        }
    }

    /** Every node's rollout, in the order given; a node with no workload on the cluster is {@code WAITING}. */
    public static List<NodeRollout> of(ClusterState state, List<String> nodes) {
        Map<String, HasMetadata> workloads = new HashMap<>();
        state.statefulSets().forEach(s -> workloads.put(node(s), s));
        state.deployments().forEach(d -> workloads.put(node(d), d));
        Map<String, List<Pod>> pods = new HashMap<>();
        state.pods().forEach(p -> pods.computeIfAbsent(node(p), k -> new ArrayList<>()).add(p));
        Map<String, List<ReplicaSet>> replicaSets = new HashMap<>();
        state.replicaSets().forEach(r -> replicaSets.computeIfAbsent(node(r), k -> new ArrayList<>()).add(r));
        // events name their object, not its node: map every object name to its node
        Map<String, String> nodeOfObject = new HashMap<>();
        Stream.of(state.deployments(), state.statefulSets(), state.replicaSets(), state.pods())
                .flatMap(List::stream).forEach(o -> nodeOfObject.put(o.getKind() + "/" + o.getMetadata().getName(), node(o)));
        Map<String, Event> lastWarning = new HashMap<>();
        Map<String, StringBuilder> warningText = new HashMap<>();
        for (Event e : state.events()) {
            if (!"Warning".equals(e.getType()) || e.getInvolvedObject() == null) {
                continue;
            }
            String node = nodeOfObject.get(e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName());
            if (node != null && (lastWarning.get(node) == null || time(e).compareTo(time(lastWarning.get(node))) >= 0)) {
                lastWarning.put(node, e);
            }
            if (node != null) {
                warningText.computeIfAbsent(node, k -> new StringBuilder()).append(e.getMessage()).append('\n');
            }
        }
        List<NodeRollout> out = new ArrayList<>();
        for (String node : nodes) {
            Optional<String> warning = Optional.ofNullable(lastWarning.get(node))
                    .map(e -> e.getReason() + ": " + Objects.toString(e.getMessage(), "").strip());
            HasMetadata workload = workloads.get(node);
            if (workload == null) {
                out.add(new NodeRollout(node, "", 0, 0, 0, Map.of(), 0, NodeState.WAITING, "not on the cluster", warning));
                continue;
            }
            out.add(rollout(node, workload, pods.getOrDefault(node, List.of()), replicaSets.getOrDefault(node, List.of()),
                    lastWarning.get(node), warning, Objects.toString(warningText.get(node), "")));
        }
        return out;
    }

    private static NodeRollout rollout(String node, HasMetadata workload, List<Pod> pods, List<ReplicaSet> replicaSets,
            Event warningEvent, Optional<String> warning, String warnings) {
        int desired;
        int ready;
        int updated;
        boolean observed;
        List<Problem> problems = new ArrayList<>();
        if (workload instanceof Deployment d) {
            desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            var s = d.getStatus();
            ready = s == null ? 0 : zero(s.getReadyReplicas());
            updated = s == null ? 0 : zero(s.getUpdatedReplicas());
            observed = s != null && s.getObservedGeneration() != null
                    && s.getObservedGeneration() >= Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
            for (DeploymentCondition c : s == null || s.getConditions() == null ? List.<DeploymentCondition>of()
                    : s.getConditions()) {
                if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason())) {
                    problems.add(new Problem(3, false, "ProgressDeadlineExceeded: the rollout made no progress ("
                            + c.getMessage() + ")"));
                }
                if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
                    problems.add(new Problem(5, false, cannotCreate(c.getMessage())));
                }
            }
        } else {
            StatefulSet s = (StatefulSet) workload;
            desired = s.getSpec() == null || s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
            var st = s.getStatus();
            ready = st == null ? 0 : zero(st.getReadyReplicas());
            updated = st == null ? 0 : st.getUpdateRevision() != null && st.getUpdateRevision().equals(st.getCurrentRevision())
                    ? zero(st.getCurrentReplicas()) : zero(st.getUpdatedReplicas());
            observed = st != null && st.getObservedGeneration() != null
                    && st.getObservedGeneration() >= Objects.requireNonNullElse(s.getMetadata().getGeneration(), 0L);
        }
        for (ReplicaSet rs : replicaSets) {
            if (rs.getStatus() != null && rs.getStatus().getConditions() != null) {
                for (ReplicaSetCondition c : rs.getStatus().getConditions()) {
                    if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
                        problems.add(new Problem(5, false, cannotCreate(c.getMessage())));
                    }
                }
            }
        }
        if (warningEvent != null && "FailedCreate".equals(warningEvent.getReason())) {
            problems.add(new Problem(5, false, cannotCreate(warningEvent.getMessage())));
        }
        Map<String, Integer> phases = new LinkedHashMap<>();
        int restarts = 0;
        pods.stream().map(p -> p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase())
                .sorted(Comparator.comparingInt(p -> PHASES.indexOf(p) < 0 ? PHASES.size() : PHASES.indexOf(p)))
                .forEach(p -> phases.merge(p, 1, Integer::sum));
        // what the kubelet said about pulls anywhere in the node: the hint may be on another pod or an event
        StringBuilder said = new StringBuilder(warnings);
        for (Pod pod : pods) {
            for (ContainerStatus c : containerStatuses(pod)) {
                restarts += zero(c.getRestartCount());
                if (c.getState() != null && c.getState().getWaiting() != null) {
                    said.append(Objects.toString(c.getState().getWaiting().getMessage(), "")).append('\n');
                }
            }
        }
        for (Pod pod : pods) {
            problems.addAll(problems(pod, warningEvent, said.toString()));
        }
        String workloadName = workload.getKind() + "/" + workload.getMetadata().getName();
        Comparator<Problem> severity = Comparator.comparingInt(Problem::severity);
        Optional<Problem> worst = problems.stream().filter(p -> !p.pending()).max(severity);
        Optional<Problem> pending = problems.stream().filter(Problem::pending).max(severity);
        NodeState state;
        String message;
        if (worst.isEmpty() && pending.isPresent()) {
            state = ready > 0 ? NodeState.STARTING : NodeState.WAITING;
            message = pending.get().message() + (ready > 0 ? " (" + ready + "/" + desired + " ready)" : "");
        } else if (worst.isPresent()) {
            Problem p = worst.get();
            state = ready > 0 ? NodeState.UNHEALTHY : p.crash() ? NodeState.CRASHED
                    : p.severity() <= 1 ? NodeState.UNHEALTHY : NodeState.FAILED;
            message = p.message() + (ready > 0 ? " (" + ready + "/" + desired + " ready)" : "");
        } else if (desired == 0) {
            state = NodeState.STOPPED;
            message = "scaled to 0";
        } else if (observed && ready >= desired && updated >= desired) {
            state = NodeState.HEALTHY;
            message = ready + "/" + desired + " ready";
        } else {
            state = NodeState.STARTING;
            message = ready + "/" + desired + " ready" + (updated < desired ? ", " + updated + " up to date" : "")
                    + warning.map(w -> "; last warning: " + w).orElse("");
        }
        return new NodeRollout(node, workloadName, desired, ready, updated, phases, restarts, state, message, warning);
    }

    /** What is wrong with one pod, if anything. */
    private static List<Problem> problems(Pod pod, Event warningEvent, String said) {
        List<Problem> out = new ArrayList<>();
        if (pod.getStatus() == null) {
            return out;
        }
        for (PodCondition c : pod.getStatus().getConditions() == null ? List.<PodCondition>of()
                : pod.getStatus().getConditions()) {
            if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                out.add(new Problem(4, false, true, pending(Objects.toString(c.getMessage(), c.getReason()))));
            }
        }
        for (ContainerStatus c : containerStatuses(pod)) {
            String image = image(pod, c);
            var waiting = c.getState() == null ? null : c.getState().getWaiting();
            var lastTerminated = c.getLastState() == null ? null : c.getLastState().getTerminated();
            String waitingReason = waiting == null ? "" : Objects.toString(waiting.getReason(), "");
            String waitingMessage = waiting == null ? "" : Objects.toString(waiting.getMessage(), "");
            switch (waitingReason) {
                case "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName" ->
                        out.add(new Problem(6, false, waitingReason + ": the cluster cannot pull " + image
                                + " — check the registry and pull secret" + pullHint(said)));
                case "CreateContainerConfigError" -> out.add(new Problem(6, false, "CreateContainerConfigError: "
                        + waitingMessage + (waitingMessage.contains("secret") && waitingMessage.contains("not found")
                        ? " — create it (the generated README shows how, with a random password)" : "")));
                case "CreateContainerError", "RunContainerError" -> out.add(new Problem(6, false, waitingReason + ": "
                        + waitingMessage));
                case "CrashLoopBackOff" -> out.add(new Problem(2, true, crashLoop(c, lastTerminated)));
                default -> {
                    if (lastTerminated != null && "OOMKilled".equals(lastTerminated.getReason())
                            && zero(c.getRestartCount()) > 0 && !Boolean.TRUE.equals(c.getReady())) {
                        out.add(new Problem(2, true, crashLoop(c, lastTerminated)));
                    }
                }
            }
            var running = c.getState() == null ? null : c.getState().getRunning();
            if (running != null && Boolean.TRUE.equals(c.getStarted()) && !Boolean.TRUE.equals(c.getReady())
                    && warningEvent != null && "Unhealthy".equals(warningEvent.getReason())
                    && Objects.toString(warningEvent.getMessage(), "").startsWith("Readiness probe failed")) {
                out.add(new Problem(1, false, "not ready: " + warningEvent.getMessage().strip()));
            }
        }
        return out;
    }

    private static String crashLoop(ContainerStatus c, io.fabric8.kubernetes.api.model.ContainerStateTerminated last) {
        int restarts = zero(c.getRestartCount());
        if (last != null && "OOMKilled".equals(last.getReason())) {
            return "OOMKilled: " + c.getName() + " ran out of memory and was restarted " + times(restarts)
                    + " — raise its memory limit or find the leak";
        }
        String exit = last == null ? "" : ", last exit code " + last.getExitCode()
                + (last.getReason() != null && !"Error".equals(last.getReason()) ? " (" + last.getReason() + ")" : "");
        return "CrashLoopBackOff: " + c.getName() + " keeps exiting (restarted " + times(restarts) + exit
                + ") — its log (kubectl logs --previous) says why";
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    /** "Pending: 0/3 nodes have enough cpu (Insufficient cpu)" from the scheduler's words. */
    static String pending(String scheduler) {
        String text = Objects.toString(scheduler, "").strip();
        Matcher insufficient = INSUFFICIENT.matcher(text);
        Matcher available = AVAILABLE.matcher(text);
        if (insufficient.find()) {
            String resource = insufficient.group(1);
            String nodes = available.find() ? available.group(1) + "/" + available.group(2) + " nodes have" : "no node has";
            return "Pending: " + nodes + " enough " + resource + " (Insufficient " + resource
                    + ") — lower the pods' requests or add capacity";
        }
        if (text.contains("unbound immediate PersistentVolumeClaims") || text.contains("persistentvolumeclaim")) {
            return "Pending: its volume claim is not bound — does the cluster have a default StorageClass? (" + text + ")";
        }
        return "Pending: no node can run it: " + text;
    }

    private static String cannotCreate(String message) {
        String text = Objects.toString(message, "").strip();
        String hint = text.contains("PodSecurity") ? " — the namespace's Pod Security level refuses the pods"
                : text.contains("exceeded quota") ? " — the namespace's quota is used up" : "";
        return "FailedCreate: the cluster refuses to create pods: " + text + hint;
    }

    private static String pullHint(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("http response to https client")) {
            return " (the registry speaks plain HTTP: the cluster's container runtime must be told to trust it)";
        }
        if (m.contains("unauthorized") || m.contains("denied") || m.contains("401") || m.contains("403")) {
            return " (the registry refused: an imagePullSecret with its credentials is needed)";
        }
        if (m.contains("not found") || m.contains("manifest unknown")) {
            return " (the registry has no such image: was it pushed?)";
        }
        if (m.contains("no such host") || m.contains("connection refused") || m.contains("i/o timeout")) {
            return " (the cluster's nodes cannot reach the registry)";
        }
        return "";
    }

    private static String image(Pod pod, ContainerStatus status) {
        if (pod.getSpec() != null) {
            for (Container c : Stream.concat(list(pod.getSpec().getInitContainers()).stream(),
                    list(pod.getSpec().getContainers()).stream()).toList()) {
                if (c.getName().equals(status.getName())) {
                    return c.getImage();
                }
            }
        }
        return Objects.toString(status.getImage(), status.getName());
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        List<ContainerStatus> all = new ArrayList<>(list(pod.getStatus().getInitContainerStatuses()));
        all.addAll(list(pod.getStatus().getContainerStatuses()));
        return all;
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String node(HasMetadata o) {
        return ClusterDeployer.nodeOf(o);
    }

    private static String time(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return Objects.toString(e.getMetadata() == null ? null : e.getMetadata().getCreationTimestamp(), "");
    }

    private static int zero(Integer n) {
        return n == null ? 0 : n;
    }
}
