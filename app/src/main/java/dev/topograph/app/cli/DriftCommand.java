package dev.topograph.app.cli;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.kubernetes.ClusterDeployer;
import dev.topograph.app.launch.kubernetes.ClusterException;
import dev.topograph.app.launch.kubernetes.ClusterTimeouts;
import dev.topograph.app.launch.kubernetes.Clusters;
import dev.topograph.app.launch.kubernetes.DeployReport.Deployed;
import dev.topograph.app.launch.kubernetes.DeployTarget;
import dev.topograph.app.launch.kubernetes.Drift;
import dev.topograph.app.launch.kubernetes.KubeConfigs;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.file.ProjectFileException;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph drift FILE}: how a deployed design on the cluster differs from the design. */
@Command(name = "drift",
        description = "Compare a deployed design with the cluster: objects changed by another hand (an image, a "
                + "setting, a database scaled), services scaled by hand (to a count their autoscaler did not set), "
                + "objects deleted, "
                + "and objects with the project's label that the design lacks. Changes nothing; "
                + "topograph reapply makes the cluster as designed again.%n"
                + "Exit codes: 0 no drift, 1 drift found, 2 unusable input, 3 the cluster could not be asked.",
        mixinStandardHelpOptions = true)
final class DriftCommand implements Callable<Integer> {
    /** The cluster could not be asked: neither "drift" nor "none" is known. */
    static final int EXIT_CLUSTER = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private DeployedOptions images;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Session> session = Session.open("drift", file, cluster, images, err);
        if (session.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        try (ClusterDeployer deployer = session.get().deployer()) {
            List<Drift> drift;
            try {
                Deployed deployed = deployer.deployed(session.get().topology(), session.get().target()).get();
                drift = deployer.drift(session.get().topology(), deployed).get();
            } catch (ExecutionException e) {
                err.println("topograph drift: " + Session.reason(e));
                return e.getCause() instanceof ClusterException ? EXIT_CLUSTER : TopographCommand.EXIT_UNUSABLE_INPUT;
            }
            String where = session.get().target().describe();
            if (drift.isEmpty()) {
                out.println("No drift: " + where + " runs " + session.get().topology().name() + " as designed.");
                return 0;
            }
            out.println(drift.size() + (drift.size() == 1 ? " difference" : " differences") + " between " + where
                    + " and the design " + session.get().topology().name() + ":");
            drift.forEach(d -> out.println("  " + (d.node().isEmpty() ? "" : d.node() + ": ") + d.describe()));
            out.println("topograph reapply " + file + " makes the cluster as designed again.");
            return 1;
        }
    }

    /** What drift and reapply share: the design, where it is deployed, and a deployer for that cluster. */
    record Session(Topology topology, DeployTarget target, KubeConfigs kubeconfig) {
        static Optional<Session> open(String command, Path file, ClusterOptions cluster, DeployedOptions images,
                PrintWriter err) {
            try {
                Topology topology = new ProjectFile().load(file);
                DeployTarget target = images.target(cluster);
                return Optional.of(new Session(topology, target, cluster.checked()));
            } catch (ProjectFileException | ClusterException | IllegalArgumentException e) {
                err.println("topograph " + command + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        ClusterDeployer deployer() {
            return new ClusterDeployer(Clusters.fromKubeconfig(kubeconfig, ClusterTimeouts.DEFAULT), Optional.empty(),
                    RunHome.of(UserDirectories.fromSystem()).root().resolve("kubernetes"));
        }

        /** What went wrong in one line: the message, never a stack trace. */
        static String reason(ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
                    : cause.getMessage();
        }
    }
}
