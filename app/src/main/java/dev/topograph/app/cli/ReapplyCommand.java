package dev.topograph.app.cli;

import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.kubernetes.ClusterDeployer;
import dev.topograph.app.launch.kubernetes.DeployReport;
import dev.topograph.app.launch.kubernetes.DeployReport.Deployed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph reapply FILE}: makes a deployed design on the cluster as designed again. */
@Command(name = "reapply",
        description = "Make a deployed design on the cluster as designed again: apply every object, taking over "
                + "fields another field manager changed; hand the count of workloads scaled by hand back to "
                + "their autoscaler; delete objects with the project's label that the design lacks. "
                + "Builds nothing: the images are those on the cluster, or REGISTRY/PROJECT-NODE:TAG with --tag. "
                + "topograph drift shows first what this changes.%n"
                + "Exit codes: 0 as designed, 1 something was refused, 2 unusable input.",
        mixinStandardHelpOptions = true)
final class ReapplyCommand implements Callable<Integer> {
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
        Optional<DriftCommand.Session> session = DriftCommand.Session.open("reapply", file, cluster, images, err);
        if (session.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        RunListener printer = new RunListener() {
            @Override
            public void statusChanged(NodeStatus s) {
            }

            @Override
            public void logged(LogLine line) {
                synchronized (out) {
                    out.println((line.node().isEmpty() ? "" : line.node() + "  ") + line.text());
                    out.flush();
                }
            }
        };
        try (ClusterDeployer deployer = session.get().deployer()) {
            DeployReport report;
            try {
                Deployed deployed = deployer.deployed(session.get().topology(), session.get().target()).get();
                report = deployer.reapply(session.get().topology(), deployed, printer).get();
            } catch (ExecutionException e) {
                err.println("topograph reapply: " + DriftCommand.Session.reason(e));
                return e.getCause() instanceof dev.topograph.app.launch.kubernetes.ClusterException ? 1
                        : TopographCommand.EXIT_UNUSABLE_INPUT;
            }
            out.println();
            out.println(report.describe());
            return report.complete() ? 0 : 1;
        }
    }
}
