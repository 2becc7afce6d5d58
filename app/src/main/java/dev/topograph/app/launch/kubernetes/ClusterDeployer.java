package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.kubernetes.DeployReport.Deployed;
import dev.topograph.app.launch.kubernetes.DeployReport.Failure;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.generate.CredentialsSecret;
import dev.topograph.model.generate.GeneratedFile;
import dev.topograph.model.generate.GenerationException;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.Validator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a design on a Kubernetes cluster and takes it off again (DESIGN.md §5): builds and publishes
 * each program's image, then applies the generated manifests with server-side apply as field manager
 * {@value #FIELD_MANAGER}, in dependency order; finds drift between the cluster and the design and
 * re-applies; removes everything with the project's label and nothing else.
 *
 * <p>Every method returns at once: the work, and every cluster call, runs on the deployer's own
 * threads, each call bounded by the client's connection and request timeouts. Listeners hear about it
 * there, in the launchers' vocabulary ({@link NodeStatus}, {@link LogLine}).
 */
public final class ClusterDeployer implements AutoCloseable {
    /** The field manager of every object Topograph applies. */
    public static final String FIELD_MANAGER = "topograph";
    /** The label on every object of a project; its value is the project's name. */
    public static final String PROJECT_LABEL = Leftovers.PROJECT_LABEL;

    /** What an undeploy removes and a drift check looks for extras of, in teardown order. */
    static final List<Class<? extends HasMetadata>> LABELLED_KINDS = List.of(NetworkPolicy.class,
            PodDisruptionBudget.class, HorizontalPodAutoscaler.class, Deployment.class, StatefulSet.class,
            Service.class, ConfigMap.class, Secret.class, PersistentVolumeClaim.class);
    /** The kinds that hold the databases' data and the passwords that open it: undeploy keeps them unless told. */
    static final List<Class<? extends HasMetadata>> DATA_KINDS = List.of(Secret.class, PersistentVolumeClaim.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clusters clusters;
    private final Optional<ImagePublisher> publisher;
    private final Path workFolder;
    private final ExecutorService executor;

    /**
     * @param publisher  builds and publishes images; empty where Go or Docker are missing (prebuilt images only)
     * @param workFolder where the system is generated for the builds
     */
    public ClusterDeployer(Clusters clusters, Optional<ImagePublisher> publisher, Path workFolder) {
        this.clusters = clusters;
        this.publisher = publisher;
        this.workFolder = workFolder;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "topograph-kubernetes-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A design ready to deploy: its plan, its generated files, its manifests, and the code folder to build. */
    private record Prepared(Topology topology, LaunchPlan plan, List<GeneratedFile> files, Manifests manifests,
            List<CredentialsSecret> credentials, Optional<Path> codeFolder) {
    }

    /**
     * Deploys {@code topology} to {@code target}. The future fails with a {@link LaunchException} when the
     * design has errors; everything after that, a failed build or apply included, ends in a report that
     * says exactly what was applied.
     */
    public CompletableFuture<DeployReport> deploy(Topology topology, DeployTarget target, RunListener listener) {
        return deploy(topology, Optional.empty(), target, listener);
    }

    /**
     * Deploys {@code topology} built from its code folder (regenerated in place, the user's code kept),
     * or, when {@code codeFolder} is empty, the bare design generated into a throwaway folder.
     */
    public CompletableFuture<DeployReport> deploy(Topology topology, Optional<Path> codeFolder, DeployTarget target,
            RunListener listener) {
        return async(() -> {
            Prepared prepared = prepare(topology, codeFolder);
            String project = prepared.plan().project();
            Statuses statuses = new Statuses(prepared.manifests(), provider(target), listener);
            Map<String, String> images = new LinkedHashMap<>();
            Deployed deployed = new Deployed(project, target, images);
            try {
                images.putAll(images(prepared, target, statuses, listener));
            } catch (LaunchException e) {
                return new DeployReport(new Deployed(project, target, images), List.of(), List.of(),
                        Optional.of(new Failure(statuses.failedNode(), Optional.empty(), e.getMessage())),
                        prepared.manifests().refs(), List.of());
            }
            deployed = new Deployed(project, target, images);
            return apply(deployed, prepared.manifests().withImages(images), prepared.credentials(),
                    target.forceConflicts(), List.of(), statuses, listener);
        });
    }

    /**
     * Compares the cluster with the design as {@code deployed}: objects changed by hand, deleted, or
     * extra with the project's label. The future fails with a {@link ClusterException} when the cluster
     * cannot be asked.
     */
    public CompletableFuture<List<Drift>> drift(Topology topology, Deployed deployed) {
        return async(() -> {
            Prepared prepared = prepare(topology, Optional.empty());
            Manifests manifests = prepared.manifests().withImages(deployed.images());
            try (Cluster cluster = clusters.open(deployed.target().context())) {
                return drift(cluster, manifests, prepared.credentials(), deployed.target().namespace());
            }
        });
    }

    /**
     * The design as it runs on {@code target}, for a drift check or a re-apply where no deploy of this
     * session says which images it pushed (the command line): with a tag, each program's image named by the
     * target; without one, the image its workload on the cluster runs, so that only what else differs is drift.
     * The future fails with a {@link LaunchException} when the design has errors, a {@link ClusterException}
     * when the cluster cannot be asked.
     */
    public CompletableFuture<Deployed> deployed(Topology topology, DeployTarget target) {
        return async(() -> {
            LaunchPlan plan = prepare(topology, Optional.empty()).plan();
            Map<String, String> images = new LinkedHashMap<>();
            List<PlannedNode> programs = plan.nodes().stream().filter(PlannedNode::isProgram).toList();
            if (target.tag().isPresent()) {
                programs.forEach(p -> images.put(p.id(), target.image(plan.project(), p.id(), target.tag().get())));
                return new Deployed(plan.project(), target, images);
            }
            try (Cluster cluster = clusters.open(target.context())) {
                for (PlannedNode p : programs) {
                    Deployment live = cluster.client().apps().deployments().inNamespace(target.namespace())
                            .withName(p.id()).get();
                    Optional.ofNullable(live).flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                            .filter(c -> c.getName().equals(p.id())).findFirst())
                            .ifPresent(c -> images.put(p.id(), c.getImage()));
                }
            } catch (KubernetesClientException e) {
                throw new ClusterException("Cannot read the images " + plan.project() + " runs in "
                        + target.describe() + ": " + e.getMessage(), e);
            }
            return new Deployed(plan.project(), target, images);
        });
    }

    /**
     * Fixes drift: applies every object of the design again, taking back fields others changed (a
     * re-apply is the user's explicit choice), and deletes objects with the project's label that are
     * not in the design. Images are not rebuilt: the cluster runs {@code deployed}'s.
     */
    public CompletableFuture<DeployReport> reapply(Topology topology, Deployed deployed, RunListener listener) {
        return async(() -> {
            Prepared prepared = prepare(topology, Optional.empty());
            Manifests manifests = prepared.manifests().withImages(deployed.images());
            Statuses statuses = new Statuses(manifests, provider(deployed.target()), listener);
            List<Drift> extras;
            try (Cluster cluster = clusters.open(deployed.target().context())) {
                extras = drift(cluster, manifests, prepared.credentials(), deployed.target().namespace()).stream()
                        .filter(d -> d.kind() == Drift.Kind.EXTRA || d.kind() == Drift.Kind.SCALED).toList();
            } catch (ClusterException e) {
                return new DeployReport(deployed, List.of(), List.of(),
                        Optional.of(new Failure("", Optional.empty(), e.getMessage())), manifests.refs(), List.of());
            }
            return apply(deployed, manifests, prepared.credentials(), true, extras, statuses, listener);
        });
    }

    /**
     * Deletes every object labelled {@value #PROJECT_LABEL}{@code =project} in {@code namespace} —
     * workloads, Services, ConfigMaps, autoscalers, budgets, policies — and nothing else; the namespace
     * stays. The databases' data and the passwords that open it (volume claims, Secrets) go only with
     * {@code deleteData}: data without its password is locked, a password without its data is harmless.
     */
    public CompletableFuture<UndeployReport> undeploy(String project, String context, String namespace,
            boolean deleteData) {
        return async(() -> {
            String where = "namespace " + namespace + " of context " + context;
            List<ObjectRef> deleted = new ArrayList<>();
            List<ObjectRef> kept = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            try (Cluster cluster = clusters.open(context)) {
                for (Class<? extends HasMetadata> kind : LABELLED_KINDS) {
                    try {
                        for (HasMetadata o : labelled(cluster, kind, namespace, project)) {
                            if (!deleteData && DATA_KINDS.contains(kind)) {
                                kept.add(ObjectRef.of(nodeOf(o), o));
                                continue;
                            }
                            cluster.client().resource(o).inNamespace(namespace).delete();
                            deleted.add(ObjectRef.of(nodeOf(o), o));
                        }
                    } catch (KubernetesClientException e) {
                        failures.add(cluster.explain("delete the " + plural(kind) + " of " + project + " in " + namespace,
                                e).getMessage());
                        if (e.getCode() <= 0) {
                            break; // unreachable: every other kind would fail the same way
                        }
                    }
                }
            } catch (ClusterException e) {
                failures.add(e.getMessage());
            }
            return new UndeployReport(project, where, deleted, failures, kept);
        });
    }

    /** Starts watching the rollout of a deployed design; stop the watcher to end it. */
    public RolloutWatcher watch(Deployed deployed, List<String> nodes, java.time.Duration interval,
            RolloutListener listener) throws ClusterException {
        Cluster cluster = clusters.open(deployed.target().context());
        return RolloutWatcher.start(cluster, true, deployed.target().namespace(), deployed.project(), nodes, interval,
                listener);
    }

    /**
     * Opens a local port to a ready pod of each service and gateway of a deployed design, for the
     * metrics scraper; closing them closes the client too. Blocks for the cluster calls: call it off the FX thread.
     */
    public PortForwards forwardPorts(Deployed deployed, List<PlannedNode> nodes) throws ClusterException {
        Cluster cluster = clusters.open(deployed.target().context());
        try {
            return PortForwards.open(cluster, true, deployed.target().namespace(), deployed.project(), nodes);
        } catch (ClusterException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    // ---- steps -------------------------------------------------------------------------------

    private Prepared prepare(Topology topology, Optional<Path> codeFolder) throws LaunchException {
        List<Diagnostic> errors = new Validator().validate(topology).stream()
                .filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("The design has " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + "; fix " + (errors.size() == 1 ? "it" : "them")
                    + " before deploying it:");
            errors.forEach(d -> message.append("\n  ").append(d.code()).append(' ')
                    .append(String.join(", ", d.elementIds())).append(": ").append(d.message()));
            throw new LaunchException(message.toString());
        }
        if (topology.nodes().isEmpty()) {
            throw new LaunchException("The design is empty: draw a service first.");
        }
        try {
            List<GeneratedFile> files = new Generator().generate(topology);
            LaunchPlan plan = LaunchPlan.of(topology);
            return new Prepared(topology, plan, files, Manifests.of(files, plan), CredentialsSecret.of(topology),
                    codeFolder);
        } catch (GenerationException e) {
            throw new LaunchException("The design cannot be generated: " + e.getMessage(), e);
        }
    }

    /** Each program's image: built and published, or, for prebuilt images, named. */
    private Map<String, String> images(Prepared prepared, DeployTarget target, Statuses statuses, RunListener listener)
            throws LaunchException, InterruptedException {
        String project = prepared.plan().project();
        List<PlannedNode> programs = prepared.plan().nodes().stream().filter(PlannedNode::isProgram).toList();
        Map<String, String> images = new LinkedHashMap<>();
        if (target.images() == DeployTarget.Images.PREBUILT) {
            programs.forEach(p -> images.put(p.id(), target.image(project, p.id(), target.tag().orElseThrow())));
            return images;
        }
        if (publisher.isEmpty()) {
            throw new LaunchException("Building images needs Go and a Docker engine, and this machine lacks one: "
                    + "build and push the images elsewhere and deploy them with --no-build --tag T.");
        }
        Path system = prepared.codeFolder().orElse(workFolder.resolve(project).resolve("system"));
        try {
            if (prepared.codeFolder().isPresent()) {
                CodeFolder code = new CodeFolder(system);
                // The design deployed is the one given; the file in the folder is the user's to save.
                TreeWriter.Summary summary = code.regenerate(prepared.topology(),
                        Optional.of(code.designFile(prepared.topology())), false);
                listener.logged(new LogLine("", Instant.now(), "building your code in " + system + " (regenerated: "
                        + summary + ")", true));
            } else {
                dev.topograph.app.launch.ProcessInstance.deleteTree(system);
                new TreeWriter().write(prepared.files(), system);
                listener.logged(new LogLine("", Instant.now(), "deploying the bare design, generated afresh in "
                        + system + " (none of your code)", true));
            }
        } catch (GenerationException e) {
            throw new LaunchException("The design cannot be generated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LaunchException("Cannot bring the code in " + system + " up to date: " + e.getMessage(), e);
        }
        for (PlannedNode p : programs) {
            statuses.set(p.id(), NodeState.BUILDING, "building and publishing its image");
            try {
                String image = publisher.get().publish(project, p, system, target,
                        line -> listener.logged(new LogLine(p.id(), Instant.now(), line, true)));
                images.put(p.id(), image);
                statuses.set(p.id(), NodeState.WAITING, "image " + image);
            } catch (LaunchException e) {
                statuses.fail(p.id(), e.getMessage());
                throw e;
            }
        }
        return images;
    }

    /**
     * Creates the missing credentials Secrets, applies every object in order, stopping at the first failure,
     * then repairs what applying cannot: deletes the {@code repairs} that are extra, hands the count of those
     * scaled by hand back to their autoscaler. The report names what was applied, what failed and what was
     * not attempted.
     */
    private DeployReport apply(Deployed deployed, Manifests manifests, List<CredentialsSecret> credentials,
            boolean force, List<Drift> repairs, Statuses statuses, RunListener listener) {
        DeployTarget target = deployed.target();
        String namespace = target.namespace();
        List<ObjectRef> applied = new ArrayList<>();
        List<ObjectRef> removed = new ArrayList<>();
        List<ObjectRef> created = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<ObjectRef> all = manifests.refs();
        try (Cluster cluster = clusters.open(target.context())) {
            say(listener, "applying " + all.size() + " objects of " + deployed.project() + " to namespace " + namespace
                    + " on " + cluster.describe());
            // what was being done when a call failed: the object, or empty before the first one
            Optional<ObjectRef> at = Optional.of(new ObjectRef("", "Namespace", namespace));
            boolean repairing = false;
            String doing = "create namespace " + namespace;
            try {
                if (ensureNamespace(cluster, manifests, namespace)) {
                    applied.add(at.get());
                    say(listener, "created namespace " + namespace);
                }
                at = Optional.empty();
                doing = "look up the Secrets the pods read in " + namespace;
                Map<String, CredentialsSecret> byName = new LinkedHashMap<>();
                credentials.forEach(c -> byName.put(c.name(), c));
                for (Map.Entry<String, TreeSet<String>> read : manifests.secretKeysRead().entrySet()) {
                    String name = read.getKey();
                    CredentialsSecret c = byName.get(name);
                    at = c == null ? Optional.empty() : Optional.of(new ObjectRef(c.node(), "Secret", name));
                    doing = "create Secret " + name + " in namespace " + namespace;
                    SecretCheck check = ensureSecret(cluster, manifests, Optional.ofNullable(c), name, read.getValue(),
                            deployed.project(), namespace);
                    check.warning().ifPresent(warnings::add);
                    if (check.created()) {
                        created.add(at.orElseThrow());
                        say(listener, "created Secret " + name + " with random passwords");
                    }
                }
                at = Optional.empty();
                for (Manifests.NodeObjects node : manifests.nodes()) {
                    statuses.set(node.node(), NodeState.STARTING, "applying");
                    for (HasMetadata o : node.objects()) {
                        ObjectRef ref = ObjectRef.of(node.node(), o);
                        at = Optional.of(ref);
                        doing = "apply " + ref + " in namespace " + namespace;
                        ServerSideApplicable<HasMetadata> apply = cluster.client().resource(o).inNamespace(namespace)
                                .fieldManager(FIELD_MANAGER);
                        (force ? apply.forceConflicts() : apply).serverSideApply();
                        applied.add(ref);
                        listener.logged(new LogLine(node.node(), Instant.now(), "applied " + ref, true));
                    }
                    boolean runs = node.objects().stream().anyMatch(o -> Manifests.podTemplate(o).isPresent());
                    statuses.set(node.node(), runs ? NodeState.STARTING : NodeState.HEALTHY,
                            runs ? "applied; rolling out" : "applied");
                }
                repairing = true;
                for (Drift repair : repairs) {
                    at = Optional.of(repair.object());
                    if (repair.kind() == Drift.Kind.SCALED) {
                        doing = "scale " + repair.object() + " back to its designed count in namespace " + namespace;
                        scaleBack(cluster, manifests, repair.object(), namespace);
                        say(listener, "scaled " + repair.object() + " back to its autoscaler's count");
                        continue;
                    }
                    doing = "delete " + repair.object() + " (not in the design) from namespace " + namespace;
                    deleteExtra(cluster, repair.object(), namespace);
                    removed.add(repair.object());
                }
            } catch (KubernetesClientException e) {
                String reason = cluster.explain(doing, e).getMessage();
                String node = at.map(ObjectRef::node).orElse("");
                int failedAt = at.map(all::indexOf).orElse(-1);
                // not attempted: what follows the failed object, nothing after a failed repair (every object was
                // applied), or everything when the design's objects were not reached (the namespace, a Secret)
                List<ObjectRef> rest = repairing ? List.of() : failedAt >= 0 ? all.subList(failedAt + 1, all.size()) : all;
                statuses.fail(node, reason);
                String stop = at.map(ObjectRef::toString).orElse("the start");
                rest.stream().map(ObjectRef::node).distinct().filter(n -> !n.equals(node))
                        .forEach(n -> statuses.set(n, NodeState.WAITING, "not applied: the deploy stopped at " + stop));
                return new DeployReport(deployed, applied, removed, Optional.of(new Failure(node, at, reason)), rest,
                        warnings, created);
            }
        } catch (ClusterException e) {
            return new DeployReport(deployed, applied, removed, Optional.of(new Failure("", Optional.empty(),
                    e.getMessage())), all.subList(applied.size(), all.size()), warnings, created);
        }
        return new DeployReport(deployed, applied, removed, Optional.empty(), List.of(), warnings, created);
    }

    /** Creates the namespace (as the local overlay would, restricted Pod Security) when it does not exist. */
    private static boolean ensureNamespace(Cluster cluster, Manifests manifests, String namespace) {
        try {
            if (cluster.client().namespaces().withName(namespace).get() != null) {
                return false;
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return false; // may not read namespaces, may still deploy into this one: the applies will tell
            }
            throw e;
        }
        Namespace ns = manifests.namespace(namespace).orElseGet(() -> new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(namespace).endMetadata().build());
        cluster.client().resource(ns).fieldManager(FIELD_MANAGER).serverSideApply();
        return true;
    }

    /** What became of one Secret the pods read: created now, and anything the user must know. */
    private record SecretCheck(boolean created, Optional<String> warning) {
    }

    /**
     * Creates a missing credentials Secret with random passwords, labelled as the project's. A Secret that
     * exists is never changed (a silent new password would lock the database's data away): when it lacks a
     * key the pods read, the user is told. A Secret the design cannot fill, or one this role may not read or
     * create, is a warning: the pods wait for it, and the rollout says so.
     */
    private static SecretCheck ensureSecret(Cluster cluster, Manifests manifests, Optional<CredentialsSecret> credentials,
            String name, Set<String> keys, String project, String namespace) {
        String readers = String.join(", ", manifests.readersOf(name));
        Secret live;
        try {
            live = cluster.client().secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            return new SecretCheck(false, Optional.of("Cannot tell whether Secret " + name + " exists in " + namespace
                    + ": this role may not read Secrets there. " + readers + " will wait for it if it does not."));
        }
        if (live != null) {
            Set<String> have = new HashSet<>();
            Optional.ofNullable(live.getData()).ifPresent(d -> have.addAll(d.keySet()));
            Optional.ofNullable(live.getStringData()).ifPresent(d -> have.addAll(d.keySet()));
            List<String> lacking = keys.stream().filter(k -> !have.contains(k)).toList();
            return new SecretCheck(false, lacking.isEmpty() ? Optional.empty() : Optional.of("Secret " + name + " in "
                    + namespace + " has no " + String.join(", ", lacking) + ", which " + readers + " read"
                    + (lacking.size() == 1 ? "s" : "") + ": those pods wait (CreateContainerConfigError). Topograph never "
                    + "changes a Secret it finds: add the key, or delete the Secret (and the database's data with it) "
                    + "and deploy again."));
        }
        if (credentials.isEmpty()) {
            return new SecretCheck(false, Optional.of("Secret " + name + " does not exist in " + namespace + ": "
                    + readers + " will wait (CreateContainerConfigError) until it does."));
        }
        CredentialsSecret c = credentials.get();
        Secret secret = new SecretBuilder().withNewMetadata().withName(name)
                .addToLabels(PROJECT_LABEL, project)
                .addToLabels(Manifests.NODE_LABEL, c.node())
                .addToLabels("app.kubernetes.io/part-of", project)
                .addToLabels("app.kubernetes.io/managed-by", FIELD_MANAGER)
                .addToAnnotations("io.topograph.credentials", "random passwords made by topograph deploy; never "
                        + "changed by a later deploy; kept by undeploy unless it deletes the data")
                .endMetadata().withType("Opaque").withStringData(c.data(password(), password())).build();
        try {
            cluster.client().secrets().inNamespace(namespace).resource(secret).create();
            return new SecretCheck(true, Optional.empty());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return new SecretCheck(false, Optional.empty()); // made meanwhile by someone else: theirs stands
            }
            if (e.getCode() == 403) {
                return new SecretCheck(false, Optional.of("Secret " + name + " does not exist in " + namespace
                        + " and this role may not create Secrets there: " + readers + " will wait "
                        + "(CreateContainerConfigError) until someone creates it (the generated README shows how)."));
            }
            throw e;
        }
    }

    /** A fresh password: 24 random bytes in hex, as the generated README's {@code openssl rand -hex 24}. */
    private static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Hands a hand-scaled workload's count back to its autoscaler: sets it to what the autoscaler last decided
     * (the designed count, its minimum, when it has not decided), with a plain update as Topograph, as the
     * autoscaler itself scales. Topograph takes no apply ownership of the count, so its later deploys and the
     * autoscaler's later scaling still never conflict.
     */
    private static void scaleBack(Cluster cluster, Manifests manifests, ObjectRef workload, String namespace) {
        for (HasMetadata o : manifests.objects()) {
            if (o.getKind().equals(workload.kind()) && o.getMetadata().getName().equals(workload.name())) {
                Optional<HorizontalPodAutoscaler> hpa = manifests.autoscalerOf(o);
                if (hpa.isPresent()) {
                    HorizontalPodAutoscaler live = cluster.client().resource(hpa.get()).inNamespace(namespace).get();
                    int min = hpa.get().getSpec().getMinReplicas();
                    int count = live == null || live.getStatus() == null || live.getStatus().getDesiredReplicas() == null
                            ? min : Math.max(min, Math.min(hpa.get().getSpec().getMaxReplicas(),
                                    live.getStatus().getDesiredReplicas()));
                    PatchContext update = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                            .withFieldManager(FIELD_MANAGER).build();
                    cluster.client().resource(o).inNamespace(namespace).patch(update,
                            "{\"spec\":{\"replicas\":" + count + "}}");
                }
            }
        }
    }

    private static void deleteExtra(Cluster cluster, ObjectRef extra, String namespace) {
        for (Class<? extends HasMetadata> kind : LABELLED_KINDS) {
            if (kind.getSimpleName().equals(extra.kind())) {
                cluster.client().resources(kind).inNamespace(namespace).withName(extra.name()).delete();
                return;
            }
        }
    }

    private static List<Drift> drift(Cluster cluster, Manifests manifests, List<CredentialsSecret> credentials,
            String namespace) throws ClusterException {
        List<Drift> drift = new ArrayList<>();
        Set<String> designed = new HashSet<>();
        Set<String> claimPrefixes = new HashSet<>();
        String doing = "read the objects of " + manifests.project() + " in " + namespace;
        try {
            // the credentials Secrets belong to the design; their passwords are the cluster's, never compared
            for (CredentialsSecret c : credentials) {
                designed.add("Secret/" + c.name());
                if (cluster.client().secrets().inNamespace(namespace).withName(c.name()).get() == null) {
                    ObjectRef ref = new ObjectRef(c.node(), "Secret", c.name());
                    drift.add(new Drift(c.node(), ref, Drift.Kind.MISSING, List.of()));
                }
            }
            for (Manifests.NodeObjects node : manifests.nodes()) {
                for (HasMetadata want : node.objects()) {
                    designed.add(want.getKind() + "/" + want.getMetadata().getName());
                    if (want instanceof StatefulSet s && s.getSpec().getVolumeClaimTemplates() != null) {
                        s.getSpec().getVolumeClaimTemplates().forEach(t -> claimPrefixes.add(
                                t.getMetadata().getName() + "-" + s.getMetadata().getName() + "-"));
                    }
                    HasMetadata live = cluster.client().resource(want).inNamespace(namespace).get();
                    ObjectRef ref = ObjectRef.of(node.node(), want);
                    if (live == null) {
                        drift.add(new Drift(node.node(), ref, Drift.Kind.MISSING, List.of()));
                    } else {
                        List<String> differences = DriftCheck.differences(want, live);
                        if (!differences.isEmpty()) {
                            drift.add(new Drift(node.node(), ref, Drift.Kind.CHANGED, differences));
                        }
                        Optional<HorizontalPodAutoscaler> autoscaler = manifests.autoscalerOf(want)
                                .map(h -> cluster.client().resource(h).inNamespace(namespace).get());
                        autoscaler.flatMap(h -> DriftCheck.handScaled(want, live, h)).ifPresent(scaled -> drift.add(
                                new Drift(node.node(), ref, Drift.Kind.SCALED, List.of(scaled))));
                    }
                }
            }
            for (Class<? extends HasMetadata> kind : LABELLED_KINDS) {
                for (HasMetadata live : labelled(cluster, kind, namespace, manifests.project())) {
                    String name = live.getMetadata().getName();
                    boolean claimOfStatefulSet = live instanceof PersistentVolumeClaim
                            && claimPrefixes.stream().anyMatch(name::startsWith);
                    if (!designed.contains(live.getKind() + "/" + name) && !claimOfStatefulSet) {
                        drift.add(new Drift(nodeOf(live), ObjectRef.of(nodeOf(live), live), Drift.Kind.EXTRA, List.of()));
                    }
                }
            }
        } catch (KubernetesClientException e) {
            throw cluster.explain(doing, e);
        }
        return drift;
    }

    private static List<? extends HasMetadata> labelled(Cluster cluster, Class<? extends HasMetadata> kind,
            String namespace, String project) {
        return cluster.client().resources(kind).inNamespace(namespace).withLabel(PROJECT_LABEL, project).list()
                .getItems();
    }

    static String nodeOf(HasMetadata o) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(Manifests.NODE_LABEL, "");
    }

    private static String plural(Class<? extends HasMetadata> kind) {
        return io.fabric8.kubernetes.api.model.HasMetadata.getPlural(kind);
    }

    private static String provider(DeployTarget target) {
        return "Kubernetes " + target.context() + "/" + target.namespace();
    }

    private static void say(RunListener listener, String text) {
        listener.logged(new LogLine("", Instant.now(), text, true));
    }

    /** A step on the deployer's threads; checked exceptions come out as the future's failure. */
    private <T> CompletableFuture<T> async(Step<T> step) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return step.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(new LaunchException("interrupted", e));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    /** Stops the deployer's threads; a deploy under way is abandoned between two calls. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    /** Every node's status during a deploy, told to the listener when it changes. */
    private static final class Statuses {
        private final Map<String, NodeStatus> byNode = new LinkedHashMap<>();
        private final RunListener listener;
        private String failed = "";

        Statuses(Manifests manifests, String provider, RunListener listener) {
            this.listener = listener;
            for (Manifests.NodeObjects n : manifests.nodes()) {
                NodeStatus s = NodeStatus.waiting(n.node()).servedBy(provider, Optional.empty(), Optional.empty(),
                        Optional.empty());
                byNode.put(n.node(), s);
                listener.statusChanged(s);
            }
        }

        synchronized void set(String node, NodeState state, String message) {
            NodeStatus s = byNode.get(node);
            if (s != null) {
                s = s.with(state, message);
                byNode.put(node, s);
                listener.statusChanged(s);
            }
        }

        synchronized void fail(String node, String message) {
            failed = node;
            set(node, NodeState.FAILED, message);
        }

        synchronized String failedNode() {
            return failed;
        }
    }
}
