package dev.topograph.app.cli;

import dev.topograph.app.launch.kubernetes.DeployTarget;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which images a deployed design runs, for the commands that compare it with the cluster or re-apply it. */
final class DeployedOptions {
    /** Stands for the registry when the images are read from the cluster: no image is named with it. */
    private static final String AS_ON_THE_CLUSTER = "as-on-the-cluster";

    @Option(names = "--registry", paramLabel = "REGISTRY",
            description = "The registry of the images deployed (with --tag).")
    String registry;

    @Option(names = "--tag", paramLabel = "TAG",
            description = "The images' tag as deployed: an image other than REGISTRY/PROJECT-NODE:TAG is drift. "
                    + "Without it, each service's image is taken as it runs on the cluster.")
    String tag;

    /** The target these options and {@code cluster} name; refuses a tag without its registry. */
    DeployTarget target(ClusterOptions cluster) {
        if (tag != null && registry == null) {
            throw new IllegalArgumentException("--tag names images in a registry: say which with --registry");
        }
        if (tag == null && registry != null) {
            throw new IllegalArgumentException("--registry needs --tag: without a tag the images are taken as they "
                    + "run on the cluster");
        }
        return new DeployTarget(cluster.context, cluster.namespace, registry == null ? AS_ON_THE_CLUSTER : registry,
                Optional.ofNullable(tag), tag == null ? DeployTarget.Images.BUILD_AND_PUSH : DeployTarget.Images.PREBUILT,
                false);
    }
}
