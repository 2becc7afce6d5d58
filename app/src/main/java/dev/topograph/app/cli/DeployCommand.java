package dev.topograph.app.cli;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.docker.DockerEngine;
import dev.topograph.app.launch.kubernetes.ClusterDeployer;
import dev.topograph.app.launch.kubernetes.ClusterException;
import dev.topograph.app.launch.kubernetes.ClusterTimeouts;
import dev.topograph.app.launch.kubernetes.Clusters;
import dev.topograph.app.launch.kubernetes.DeployReport;
import dev.topograph.app.launch.kubernetes.DeployTarget;
import dev.topograph.app.launch.kubernetes.DockerImagePublisher;
import dev.topograph.app.launch.kubernetes.ImagePublisher;
import dev.topograph.app.launch.kubernetes.KubeConfigs;
import dev.topograph.app.launch.kubernetes.NodeRollout;
import dev.topograph.app.launch.kubernetes.RolloutWatcher;
import dev.topograph.app.launch.local.GoToolchain;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.file.ProjectFileException;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph deploy FILE}: builds and pushes the images, applies the manifests, optionally follows the rollout. */
@Command(name = "deploy",
        description = "Deploy a design to a Kubernetes cluster: build each service's image and push it to the registry, "
                + "then apply the generated manifests with server-side apply (field manager 'topograph'), "
                + "infrastructure first.%n"
                + "Exit codes: 0 applied (with --watch: and every node ready), 1 the deploy or the rollout failed, "
                + "2 unusable input.",
        mixinStandardHelpOptions = true)
final class DeployCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--registry", required = true, paramLabel = "REGISTRY",
            description = "Where the cluster pulls the images from: localhost:5001, registry.example/team. "
                    + "Images are named REGISTRY/PROJECT-NODE:TAG.")
    private String registry;

    @Option(names = "--tag", paramLabel = "TAG",
            description = "The images' tag. Default: each image is tagged with the hash of its sources.")
    private String tag;

    @Option(names = "--no-build", description = "Build and push nothing: the images are in the registry under --tag.")
    private boolean noBuild;

    @Option(names = "--no-push", description = "Build the images into the local Docker engine, push nothing "
            + "(minikube's docker-env; kind load docker-image).")
    private boolean noPush;

    @Option(names = "--scratch", description = "Deploy the bare design, generated afresh into a throwaway folder "
            + "(none of your code). Without it, the design's code folder is built.")
    private boolean scratch;

    @Option(names = "--force-conflicts", description = "Take over fields another field manager changed, "
            + "instead of stopping at the conflict.")
    private boolean forceConflicts;

    @Option(names = "--watch", description = "Follow the rollout until every node is ready (or --timeout).")
    private boolean watch;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long --watch waits for every node to be ready (default ${DEFAULT-VALUE} s).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topology topology;
        DeployTarget target;
        KubeConfigs kubeconfig;
        try {
            topology = new ProjectFile().load(file);
            if (noBuild && tag == null) {
                throw new IllegalArgumentException("--no-build deploys images that are in the registry already: "
                        + "say their tag with --tag");
            }
            target = new DeployTarget(cluster.context, cluster.namespace, registry, Optional.ofNullable(tag),
                    noBuild ? DeployTarget.Images.PREBUILT : noPush ? DeployTarget.Images.BUILD_ONLY
                            : DeployTarget.Images.BUILD_AND_PUSH, forceConflicts);
            kubeconfig = cluster.checked();
        } catch (ProjectFileException | ClusterException | IllegalArgumentException e) {
            err.println("topograph deploy: " + e.getMessage());
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Optional<Path> code = Optional.empty();
        if (!noBuild && !scratch) {
            code = Designs.codeFolder(file, Optional.empty(), "deploy", err);
            if (code.isEmpty()) {
                return TopographCommand.EXIT_UNUSABLE_INPUT;
            }
        }
        RunHome home = RunHome.of(UserDirectories.fromSystem());
        Optional<ImagePublisher> publisher = noBuild ? Optional.empty() : publisher(home, err);
        if (!noBuild && publisher.isEmpty()) {
            return 1;
        }
        int width = topology.nodes().stream().mapToInt(n -> n.id().length()).max().orElse(8);
        RunListener printer = new RunListener() {
            @Override
            public void statusChanged(NodeStatus s) {
                if (s.state() == NodeState.FAILED) {
                    print(out, String.format("%-" + width + "s  %s", s.node(), "failed: " + s.message()));
                }
            }

            @Override
            public void logged(LogLine line) {
                print(out, line.node().isEmpty() ? line.text() : String.format("%-" + width + "s  %s", line.node(),
                        line.text()));
            }
        };
        try (ClusterDeployer deployer = new ClusterDeployer(Clusters.fromKubeconfig(kubeconfig, ClusterTimeouts.DEFAULT),
                publisher, home.root().resolve("kubernetes"))) {
            DeployReport report;
            try {
                report = deployer.deploy(topology, code, target, printer).get();
            } catch (ExecutionException e) {
                err.println("topograph deploy: " + (e.getCause() instanceof LaunchException le ? le.getMessage()
                        : String.valueOf(e.getCause())));
                return 1;
            }
            out.println();
            out.println(report.describe());
            out.flush();
            if (!report.complete()) {
                return 1;
            }
            if (!watch) {
                out.println("The rollout goes on in the cluster: topograph deploy --watch follows it, kubectl -n "
                        + target.namespace() + " get pods shows it.");
                return 0;
            }
            return follow(deployer, report, LaunchPlan.of(topology), out, err, width);
        }
    }

    /** Prints each node's rollout as it changes until all are ready; 1 when the time is up first. */
    private int follow(ClusterDeployer deployer, DeployReport report, LaunchPlan plan, PrintWriter out, PrintWriter err,
            int width) throws ClusterException, InterruptedException {
        List<String> nodes = plan.nodes().stream().map(LaunchPlan.PlannedNode::id).toList();
        CountDownLatch ready = new CountDownLatch(1);
        out.println();
        try (RolloutWatcher watcher = deployer.watch(report.deployed(), nodes, Duration.ofSeconds(2),
                new dev.topograph.app.launch.kubernetes.RolloutListener() {
                    private final java.util.Map<String, NodeRollout> latest = new java.util.concurrent.ConcurrentHashMap<>();

                    @Override
                    public void rolloutChanged(NodeRollout r) {
                        latest.put(r.node(), r);
                        print(out, String.format("%-" + width + "s  %-9s %s", r.node(), r.state().label(), r.message()));
                        if (latest.size() == nodes.size()
                                && latest.values().stream().allMatch(n -> n.state() == NodeState.HEALTHY)) {
                            ready.countDown();
                        }
                    }

                    @Override
                    public void watchFailed(String reason) {
                        print(out, "watch: " + reason);
                    }
                })) {
            if (ready.await(timeoutSeconds, TimeUnit.SECONDS)) {
                out.println();
                out.println(report.deployed().project() + " is ready on " + report.deployed().target().describe() + ".");
                return 0;
            }
            err.println("topograph deploy: not every node was ready within " + timeoutSeconds + " s:");
            watcher.current().stream().filter(r -> r.state() != NodeState.HEALTHY)
                    .forEach(r -> err.println("  " + r.node() + ": " + r.state().label() + " — " + r.message()));
            return 1;
        }
    }

    /** Go and a Docker engine build the images; without either, say which is missing and how to go on. */
    private static Optional<ImagePublisher> publisher(RunHome home, PrintWriter err) {
        Optional<GoToolchain> go = GoToolchain.find(RunSettings.defaults(home).searchPath());
        if (go.isEmpty()) {
            err.println("topograph deploy: Go is not installed (no `go` on PATH or in /usr/local/go/bin): Topograph "
                    + "builds each service with it. Install Go, or push the images elsewhere and deploy with --no-build --tag T.");
            return Optional.empty();
        }
        Optional<DockerEngine> engine = DockerEngine.connect(Duration.ofSeconds(5));
        if (engine.isEmpty()) {
            err.println("topograph deploy: no Docker engine answers (DOCKER_HOST, else the local socket): it builds and "
                    + "pushes the images. Start Docker, or deploy prebuilt images with --no-build --tag T.");
            return Optional.empty();
        }
        return Optional.of(new DockerImagePublisher(go.get(), engine.get(), home.binaries()));
    }

    private static void print(PrintWriter out, String text) {
        synchronized (out) {
            out.println(LocalTime.now().format(TIME) + "  " + text);
            out.flush();
        }
    }
}
