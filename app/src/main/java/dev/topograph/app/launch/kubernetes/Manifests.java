package dev.topograph.app.launch.kubernetes;

import dev.topograph.model.generate.GeneratedFile;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The objects {@code generate} writes under {@code deploy/k8s/}, parsed, grouped by node and put in
 * the order a deploy applies them: nodes in launch order (infrastructure first), and within a node
 * Secrets, ConfigMaps and claims, then Services, then workloads, then autoscaler, budget and policy.
 *
 * <p>They are what {@code kubectl apply -k deploy/k8s/overlays/local} would apply, with the deploy's
 * namespace: the base files, with the local overlay's replica counts (its {@code replicas.yaml} patch
 * of each autoscaler). The one change a deploy makes is {@link #withImages}: each program's container
 * runs the image pushed for it. Everything else is applied exactly as generated.
 */
public final class Manifests {
    static final String BASE = "deploy/k8s/base/";
    static final String REPLICAS_PATCH = "deploy/k8s/overlays/local/replicas.yaml";
    static final String NAMESPACE = "deploy/k8s/overlays/local/namespace.yaml";
    /** The label on every generated object naming its node. */
    static final String NODE_LABEL = "app.kubernetes.io/name";

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
    private static final List<String> KIND_ORDER = List.of("Namespace", "Secret", "ConfigMap", "PersistentVolumeClaim",
            "Service", "StatefulSet", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy");

    /** The objects of one node, in apply order. */
    public record NodeObjects(String node, List<HasMetadata> objects) {
        public NodeObjects {
            objects = List.copyOf(objects);
        }
    }

    private final String project;
    private final List<NodeObjects> nodes;
    private final Optional<Namespace> namespace;

    private Manifests(String project, List<NodeObjects> nodes, Optional<Namespace> namespace) {
        this.project = project;
        this.nodes = List.copyOf(nodes);
        this.namespace = namespace;
    }

    /**
     * The manifests of a generated system.
     *
     * @throws IllegalStateException when a generated file does not parse: a generator bug, not a user error
     */
    public static Manifests of(List<GeneratedFile> files, LaunchPlan plan) {
        Map<String, List<HasMetadata>> byNode = new LinkedHashMap<>();
        Map<String, HorizontalPodAutoscaler> replicas = new LinkedHashMap<>();
        Optional<Namespace> namespace = Optional.empty();
        for (GeneratedFile file : files) {
            String path = file.path();
            if (path.startsWith(BASE) && path.endsWith(".yaml") && !path.endsWith("/kustomization.yaml")
                    && path.indexOf('/', BASE.length()) < 0) {
                byNode.put(path.substring(BASE.length(), path.length() - ".yaml".length()), parse(file));
            } else if (path.equals(REPLICAS_PATCH)) {
                for (HasMetadata patch : parse(file)) {
                    if (patch instanceof HorizontalPodAutoscaler hpa) {
                        replicas.put(hpa.getMetadata().getName(), hpa);
                    }
                }
            } else if (path.equals(NAMESPACE)) {
                namespace = parse(file).stream().filter(Namespace.class::isInstance).map(Namespace.class::cast).findFirst();
            }
        }
        // the local overlay's patch, as kustomize would apply it: the designed replica counts
        for (List<HasMetadata> objects : byNode.values()) {
            for (HasMetadata o : objects) {
                if (o instanceof HorizontalPodAutoscaler hpa && replicas.containsKey(hpa.getMetadata().getName())) {
                    HorizontalPodAutoscaler patch = replicas.get(hpa.getMetadata().getName());
                    hpa.getSpec().setMinReplicas(patch.getSpec().getMinReplicas());
                    hpa.getSpec().setMaxReplicas(patch.getSpec().getMaxReplicas());
                }
            }
        }
        List<String> order = new ArrayList<>();
        // nodes that run nothing (a SQLite claim) come first: what uses them needs them
        byNode.keySet().stream().filter(id -> plan.node(id).isEmpty()).sorted().forEach(order::add);
        plan.nodes().stream().map(PlannedNode::id).filter(byNode::containsKey).forEach(order::add);
        List<NodeObjects> nodes = new ArrayList<>();
        for (String id : order) {
            List<HasMetadata> objects = new ArrayList<>(byNode.get(id));
            objects.sort(Comparator.comparingInt(Manifests::kindRank));
            nodes.add(new NodeObjects(id, objects));
        }
        return new Manifests(plan.project(), nodes, namespace);
    }

    private static List<HasMetadata> parse(GeneratedFile file) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(file.content())) {
            boolean empty = document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
            if (empty) {
                continue;
            }
            try {
                objects.add(YAML.unmarshal(document, HasMetadata.class));
            } catch (RuntimeException e) {
                throw new IllegalStateException("generated " + file.path() + " does not parse: " + e.getMessage(), e);
            }
        }
        return objects;
    }

    private static int kindRank(HasMetadata o) {
        int rank = KIND_ORDER.indexOf(o.getKind());
        return rank < 0 ? KIND_ORDER.size() : rank;
    }

    public String project() {
        return project;
    }

    /** Every node's objects, in apply order. */
    public List<NodeObjects> nodes() {
        return nodes;
    }

    /** Every object, in apply order. */
    public List<HasMetadata> objects() {
        return nodes.stream().flatMap(n -> n.objects().stream()).toList();
    }

    /** Every object, with its node, in apply order. */
    public List<ObjectRef> refs() {
        return nodes.stream().flatMap(n -> n.objects().stream().map(o -> ObjectRef.of(n.node(), o))).toList();
    }

    /** The namespace the local overlay creates (restricted Pod Security), renamed to {@code name}. */
    public Optional<Namespace> namespace(String name) {
        return namespace.map(ns -> {
            Namespace copy = YAML.clone(ns);
            copy.getMetadata().setName(name);
            return copy;
        });
    }

    /**
     * The same objects with each program's container running {@code images.get(node)}: the container of a
     * service's or gateway's Deployment is named after its node. Nothing else changes.
     */
    public Manifests withImages(Map<String, String> images) {
        List<NodeObjects> changed = new ArrayList<>();
        for (NodeObjects n : nodes) {
            List<HasMetadata> objects = new ArrayList<>();
            for (HasMetadata o : n.objects()) {
                HasMetadata copy = YAML.clone(o);
                String image = images.get(n.node());
                if (image != null) {
                    podTemplate(copy).ifPresent(t -> t.getSpec().getContainers().stream()
                            .filter(c -> c.getName().equals(n.node())).forEach(c -> c.setImage(image)));
                }
                objects.add(copy);
            }
            changed.add(new NodeObjects(n.node(), objects));
        }
        return new Manifests(project, changed, namespace);
    }

    /** The Secrets the pods read from ({@code secretKeyRef}), which the generator never writes. */
    public TreeSet<String> secretsRead() {
        return new TreeSet<>(secretKeysRead().keySet());
    }

    /** The autoscaler of a workload, which owns its replica count. */
    public Optional<HorizontalPodAutoscaler> autoscalerOf(HasMetadata workload) {
        return objects().stream().filter(HorizontalPodAutoscaler.class::isInstance).map(HorizontalPodAutoscaler.class::cast)
                .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals(workload.getKind())
                        && h.getSpec().getScaleTargetRef().getName().equals(workload.getMetadata().getName()))
                .findFirst();
    }

    /** The keys the pods read of each Secret ({@code secretKeyRef}), by Secret name. */
    public Map<String, TreeSet<String>> secretKeysRead() {
        Map<String, TreeSet<String>> keys = new LinkedHashMap<>();
        for (HasMetadata o : objects()) {
            podTemplate(o).ifPresent(t -> {
                for (Container c : t.getSpec().getContainers()) {
                    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                            keys.computeIfAbsent(e.getValueFrom().getSecretKeyRef().getName(), k -> new TreeSet<>())
                                    .add(e.getValueFrom().getSecretKeyRef().getKey());
                        }
                    }
                }
            });
        }
        return keys;
    }

    /** The nodes whose pods read Secret {@code name}. */
    public List<String> readersOf(String secret) {
        return nodes.stream().filter(n -> n.objects().stream().flatMap(o -> podTemplate(o).stream())
                .flatMap(t -> t.getSpec().getContainers().stream())
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                .anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                        && secret.equals(e.getValueFrom().getSecretKeyRef().getName())))
                .map(NodeObjects::node).toList();
    }

    static Optional<PodTemplateSpec> podTemplate(HasMetadata o) {
        if (o instanceof Deployment d && d.getSpec() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate());
        }
        if (o instanceof StatefulSet s && s.getSpec() != null) {
            return Optional.ofNullable(s.getSpec().getTemplate());
        }
        return Optional.empty();
    }
}
