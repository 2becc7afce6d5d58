package dev.topograph.app.cli;

import dev.topograph.app.launch.kubernetes.ClusterException;
import dev.topograph.app.launch.kubernetes.KubeConfigs;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where on which cluster: the options deploy and undeploy share, named as kubectl names them. */
final class ClusterOptions {
    @Option(names = "--context", required = true, paramLabel = "CONTEXT",
            description = "The kubeconfig context (kubectl config get-contexts lists them).")
    String context;

    @Option(names = {"-n", "--namespace"}, required = true, paramLabel = "NAMESPACE",
            description = "The namespace; deploy creates it (restricted Pod Security) when it does not exist.")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Read this kubeconfig instead of KUBECONFIG or ~/.kube/config.")
    Path kubeconfig;

    KubeConfigs kubeconfigs() throws ClusterException {
        if (kubeconfig != null) {
            return KubeConfigs.load(Optional.of(kubeconfig.toAbsolutePath().toString()), Path.of(
                    System.getProperty("user.home")));
        }
        return KubeConfigs.fromEnvironment();
    }

    /** The context, checked against the kubeconfig: a typo is unusable input, not a failed deploy. */
    KubeConfigs checked() throws ClusterException {
        KubeConfigs configs = kubeconfigs();
        if (configs.context(context).isEmpty()) {
            throw new ClusterException("The kubeconfig (" + String.join(File.pathSeparator,
                    configs.files().stream().map(Path::toString).toList()) + ") has no context '" + context + "'; it has "
                    + String.join(", ", configs.contexts().stream().map(KubeConfigs.KubeContext::name).toList()));
        }
        return configs;
    }
}
