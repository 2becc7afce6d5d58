package dev.topograph.app.cli;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.kubernetes.ClusterDeployer;
import dev.topograph.app.launch.kubernetes.ClusterException;
import dev.topograph.app.launch.kubernetes.ClusterTimeouts;
import dev.topograph.app.launch.kubernetes.Clusters;
import dev.topograph.app.launch.kubernetes.KubeConfigs;
import dev.topograph.app.launch.kubernetes.UndeployReport;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.file.ProjectFileException;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph undeploy FILE}: deletes every object with the project's label from the namespace, and nothing else. */
@Command(name = "undeploy",
        description = "Remove a deployed design from a Kubernetes namespace: every object labelled "
                + "io.topograph.project=PROJECT (workloads, Services, ConfigMaps, autoscalers, budgets, "
                + "network policies), nothing else. The databases' data (volume claims) and the credentials Secrets "
                + "that open it stay unless --delete-data. The namespace stays.%n"
                + "Exit codes: 0 removed (or nothing was there), 1 something could not be removed, 2 unusable input.",
        mixinStandardHelpOptions = true)
final class UndeployCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--delete-data", description = "Delete the databases' data too: their volume claims and the "
            + "credentials Secrets with the passwords that open them. Without it they stay for the next deploy.")
    private boolean deleteData;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topology topology;
        KubeConfigs kubeconfig;
        try {
            topology = new ProjectFile().load(file);
            kubeconfig = cluster.checked();
        } catch (ProjectFileException | ClusterException e) {
            err.println("topograph undeploy: " + e.getMessage());
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        RunHome home = RunHome.of(UserDirectories.fromSystem());
        try (ClusterDeployer deployer = new ClusterDeployer(Clusters.fromKubeconfig(kubeconfig, ClusterTimeouts.DEFAULT),
                Optional.empty(), home.root().resolve("kubernetes"))) {
            UndeployReport report = deployer.undeploy(LaunchPlan.of(topology).project(), cluster.context,
                    cluster.namespace, deleteData).get();
            (report.complete() ? out : err).println(report.describe());
            return report.complete() ? 0 : 1;
        }
    }
}
