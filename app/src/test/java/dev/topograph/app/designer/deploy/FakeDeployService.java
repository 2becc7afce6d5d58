package dev.topograph.app.designer.deploy;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.kubernetes.ClusterException;
import dev.topograph.app.launch.kubernetes.DeployReport;
import dev.topograph.app.launch.kubernetes.DeployReport.Deployed;
import dev.topograph.app.launch.kubernetes.DeployService;
import dev.topograph.app.launch.kubernetes.DeployTarget;
import dev.topograph.app.launch.kubernetes.Drift;
import dev.topograph.app.launch.kubernetes.KubeConfigs.KubeContext;
import dev.topograph.app.launch.kubernetes.NodeRollout;
import dev.topograph.app.launch.kubernetes.ObjectRef;
import dev.topograph.app.launch.kubernetes.RolloutListener;
import dev.topograph.app.launch.kubernetes.UndeployReport;
import dev.topograph.model.topology.Topology;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A cluster that is not there: a test says what the kubeconfig holds, what a deploy reports, what
 * the rollout watch sees and what drifted, and reads what the designer asked for.
 */
final class FakeDeployService implements DeployService {
    static final KubeContext KIND = new KubeContext("kind-kind", "kind-kind", "https://127.0.0.1:6443", "kind-kind",
            "default");
    static final KubeContext PROD = new KubeContext("prod", "prod-cluster", "https://k8s.example:6443", "admin", "team-a");

    volatile Contexts contexts = new Contexts(List.of(KIND, PROD), Optional.of("kind-kind"));
    volatile ClusterException kubeconfigProblem;
    final List<DeployTarget> deploys = new CopyOnWriteArrayList<>();
    /** What the deployer says while it works, before the report. */
    volatile Consumer<RunListener> whileDeploying = listener -> { };
    /** The report of a deploy; by default every object applied. */
    volatile BiFunction<Topology, DeployTarget, DeployReport> report = FakeDeployService::applied;
    volatile LaunchException refusal;
    volatile List<Drift> drift = List.of();
    final List<Deployed> driftChecks = new CopyOnWriteArrayList<>();
    final List<Deployed> reapplies = new CopyOnWriteArrayList<>();
    final List<String> undeploys = new CopyOnWriteArrayList<>();
    volatile UndeployReport undeployReport;
    final List<FakeWatch> watches = new CopyOnWriteArrayList<>();
    final List<FakeForwards> forwards = new CopyOnWriteArrayList<>();

    static DeployReport applied(Topology topology, DeployTarget target) {
        List<ObjectRef> refs = new ArrayList<>();
        refs.add(new ObjectRef("", "Namespace", target.namespace()));
        topology.nodes().forEach(n -> {
            refs.add(new ObjectRef(n.id(), "Service", n.id()));
            refs.add(new ObjectRef(n.id(), "Deployment", n.id()));
        });
        return new DeployReport(deployed(topology, target), refs, List.of(), Optional.empty(), List.of(), List.of());
    }

    static Deployed deployed(Topology topology, DeployTarget target) {
        Map<String, String> images = new LinkedHashMap<>();
        topology.nodes().forEach(n -> images.put(n.id(), target.image(topology.name(), n.id(), "dev")));
        return new Deployed(topology.name(), target, images);
    }

    @Override
    public Contexts contexts() throws ClusterException {
        if (kubeconfigProblem != null) {
            throw kubeconfigProblem;
        }
        return contexts;
    }

    @Override
    public DeployReport deploy(Topology topology, java.util.Optional<java.nio.file.Path> codeFolder, DeployTarget target,
            RunListener listener) throws LaunchException {
        deploys.add(target);
        if (refusal != null) {
            throw refusal;
        }
        whileDeploying.accept(listener);
        return report.apply(topology, target);
    }

    @Override
    public List<Drift> drift(Topology topology, Deployed deployed) {
        driftChecks.add(deployed);
        return drift;
    }

    @Override
    public DeployReport reapply(Topology topology, Deployed deployed, RunListener listener) {
        reapplies.add(deployed);
        List<ObjectRef> removed = drift.stream().filter(d -> d.kind() == Drift.Kind.EXTRA).map(Drift::object).toList();
        drift = List.of();
        return new DeployReport(deployed, List.of(new ObjectRef("orders", "Deployment", "orders")), removed,
                Optional.empty(), List.of(), List.of());
    }

    @Override
    public UndeployReport undeploy(String project, String context, String namespace, boolean deleteData) {
        undeploys.add(project + " " + context + "/" + namespace + (deleteData ? " with its data" : ""));
        return undeployReport != null ? undeployReport : new UndeployReport(project, "namespace " + namespace
                + " of context " + context, List.of(new ObjectRef("orders", "Deployment", "orders")), List.of());
    }

    @Override
    public Watch watch(Deployed deployed, List<String> nodes, Duration interval, RolloutListener listener) {
        FakeWatch w = new FakeWatch(deployed, nodes, listener);
        watches.add(w);
        return w;
    }

    @Override
    public MetricsForwards forwardMetrics(Topology topology, Deployed deployed) {
        FakeForwards f = new FakeForwards(topology.nodes().stream()
                .filter(n -> n instanceof dev.topograph.model.topology.ServiceNode || n instanceof dev.topograph.model.topology.GatewayNode)
                .map(n -> n.id()).toList());
        forwards.add(f);
        return f;
    }

    /** A rollout watch whose news the test gives. */
    static final class FakeWatch implements Watch {
        final Deployed deployed;
        final List<String> nodes;
        private final RolloutListener listener;
        volatile boolean stopped;

        FakeWatch(Deployed deployed, List<String> nodes, RolloutListener listener) {
            this.deployed = deployed;
            this.nodes = List.copyOf(nodes);
            this.listener = listener;
        }

        /** What the watcher would tell after a look, on the caller's thread. */
        void see(NodeRollout rollout) {
            listener.rolloutChanged(rollout);
        }

        void fail(String reason) {
            listener.watchFailed(reason);
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** Forwards that open a made-up port for each ready program. */
    static final class FakeForwards implements MetricsForwards {
        final List<String> programs;
        final List<Set<String>> refreshes = new CopyOnWriteArrayList<>();
        private final Map<String, URI> urls = new LinkedHashMap<>();
        volatile boolean closed;

        FakeForwards(List<String> programs) {
            this.programs = programs;
        }

        @Override
        public synchronized Map<String, URI> urls() {
            return Map.copyOf(urls);
        }

        @Override
        public synchronized Map<String, URI> refresh(Collection<String> ready) {
            refreshes.add(Set.copyOf(ready));
            for (String node : programs) {
                if (ready.contains(node)) {
                    urls.putIfAbsent(node, URI.create("http://127.0.0.1:" + (40000 + programs.indexOf(node)) + "/metrics"));
                }
            }
            return urls();
        }

        /** The forward of a node stops working and is opened again on another port at the next refresh. */
        synchronized void lose(String node) {
            urls.remove(node);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
