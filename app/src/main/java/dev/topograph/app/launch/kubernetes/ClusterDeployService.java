package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.docker.DockerEngine;
import dev.topograph.app.launch.kubernetes.DeployReport.Deployed;
import dev.topograph.app.launch.local.GoToolchain;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.topology.Topology;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The designer's {@link DeployService}: the user's kubeconfig, read as kubectl reads it, and a
 * {@link ClusterDeployer} that opens the cluster of a context of the kubeconfig last read. Go and the
 * Docker engine that build and push images are looked for at the first build, not at start.
 */
public final class ClusterDeployService implements DeployService {

    /** Reads a kubeconfig: the user's in the app, a file of its own in a test. */
    @FunctionalInterface
    public interface KubeconfigSource {
        KubeConfigs read() throws ClusterException;
    }

    private final KubeconfigSource source;
    private final ClusterDeployer deployer;
    private volatile KubeConfigs kubeconfig;

    /**
     * @param publisher builds and publishes images; empty: prebuilt images only
     * @param workFolder where the system is generated for the builds
     */
    public ClusterDeployService(KubeconfigSource source, Optional<ImagePublisher> publisher, Path workFolder,
            ClusterTimeouts timeouts) {
        this.source = source;
        this.deployer = new ClusterDeployer(context -> Cluster.connect(kubeconfig(), context, timeouts), publisher,
                workFolder);
    }

    /** The kubeconfig of this process's environment, images built with the Go and Docker engine of this machine. */
    public static ClusterDeployService forUser(RunHome home) {
        return new ClusterDeployService(KubeConfigs::fromEnvironment, Optional.of(new LocalImagePublisher(home)),
                home.root().resolve("kubernetes"), ClusterTimeouts.DEFAULT);
    }

    private KubeConfigs kubeconfig() throws ClusterException {
        KubeConfigs read = kubeconfig;
        return read != null ? read : (kubeconfig = source.read());
    }

    @Override
    public Contexts contexts() throws ClusterException {
        KubeConfigs read = source.read();
        kubeconfig = read;
        return new Contexts(read.contexts(), read.currentContext().map(KubeConfigs.KubeContext::name));
    }

    @Override
    public DeployReport deploy(Topology topology, Optional<Path> codeFolder, DeployTarget target, RunListener listener)
            throws LaunchException, InterruptedException {
        return launched(deployer.deploy(topology, codeFolder, target, listener));
    }

    @Override
    public List<Drift> drift(Topology topology, Deployed deployed)
            throws LaunchException, ClusterException, InterruptedException {
        try {
            return deployer.drift(topology, deployed).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClusterException c) {
                throw c;
            }
            throw launchFailure(e);
        }
    }

    @Override
    public DeployReport reapply(Topology topology, Deployed deployed, RunListener listener)
            throws LaunchException, InterruptedException {
        return launched(deployer.reapply(topology, deployed, listener));
    }

    @Override
    public UndeployReport undeploy(String project, String context, String namespace, boolean deleteData)
            throws InterruptedException {
        try {
            return deployer.undeploy(project, context, namespace, deleteData).get();
        } catch (ExecutionException e) {
            String where = "namespace " + namespace + " of context " + context;
            return new UndeployReport(project, where, List.of(), List.of(launchFailure(e).getMessage()));
        }
    }

    @Override
    public Watch watch(Deployed deployed, List<String> nodes, Duration interval, RolloutListener listener)
            throws ClusterException {
        RolloutWatcher watcher = deployer.watch(deployed, nodes, interval, listener);
        return watcher::stop;
    }

    @Override
    public MetricsForwards forwardMetrics(Topology topology, Deployed deployed) throws ClusterException {
        List<PlannedNode> programs = LaunchPlan.of(topology).nodes().stream().filter(PlannedNode::isProgram).toList();
        PortForwards forwards = deployer.forwardPorts(deployed, programs);
        return new MetricsForwards() {
            private boolean closed;

            @Override
            public synchronized Map<String, URI> urls() {
                Map<String, URI> urls = new LinkedHashMap<>();
                forwards.all().forEach(f -> urls.put(f.node(), f.metrics()));
                return urls;
            }

            @Override
            public synchronized Map<String, URI> refresh(Collection<String> ready) throws ClusterException {
                for (PlannedNode p : programs) {
                    // a refresh that comes after close opens nothing: nobody would close it
                    if (!closed && ready.contains(p.id()) && forwards.broken(p.id())) {
                        forwards.reopen(p.id(), p.metricsPort());
                    }
                }
                return urls();
            }

            @Override
            public synchronized void close() {
                closed = true;
                forwards.close();
            }
        };
    }

    private static DeployReport launched(CompletableFuture<DeployReport> future)
            throws LaunchException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw launchFailure(e);
        }
    }

    private static LaunchException launchFailure(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof LaunchException l) {
            return l;
        }
        return new LaunchException("Something unexpected went wrong: " + cause, cause);
    }

    /** Go and a Docker engine, found at the first build; without either, the message says which is missing. */
    private static final class LocalImagePublisher implements ImagePublisher {
        private final RunHome home;
        private ImagePublisher found;

        LocalImagePublisher(RunHome home) {
            this.home = home;
        }

        private synchronized ImagePublisher find() throws LaunchException {
            if (found == null) {
                Optional<GoToolchain> go = GoToolchain.find(RunSettings.defaults(home).searchPath());
                if (go.isEmpty()) {
                    throw new LaunchException("Go is not installed (no `go` on PATH or in /usr/local/go/bin): Topograph "
                            + "builds each service with it. Install Go, or build and push the images elsewhere and "
                            + "deploy them as prebuilt images with their tag.");
                }
                Optional<DockerEngine> engine = DockerEngine.connect(Duration.ofSeconds(5));
                if (engine.isEmpty()) {
                    throw new LaunchException("No Docker engine answers (DOCKER_HOST, else the local socket): it builds "
                            + "and pushes the images. Start Docker, or deploy prebuilt images with their tag.");
                }
                found = new DockerImagePublisher(go.get(), engine.get(), home.binaries());
            }
            return found;
        }

        @Override
        public String publish(String project, PlannedNode node, Path system, DeployTarget target, Consumer<String> log)
                throws LaunchException, InterruptedException {
            return find().publish(project, node, system, target, log);
        }
    }
}
