package dev.topograph.app.launch.kubernetes;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a design is deployed: a kubeconfig context, a namespace in it, the registry the cluster pulls
 * the system's own images from, and how those images get there.
 *
 * @param registry       host and path the images are pushed to and pulled from ({@code localhost:5001},
 *                       {@code registry.example/team}); each program's image is
 *                       {@code <registry>/<project>-<node>:<tag>}
 * @param tag            the tag of every image; empty: each image is tagged with the hash of its binary's
 *                       sources, so an unchanged service keeps its image and a changed one rolls out
 * @param images         build and push (default), build into the local Docker engine only (minikube's
 *                       {@code docker-env}, {@code kind load}), or use images that are there already
 * @param forceConflicts take over fields another field manager owns instead of stopping at the conflict
 */
public record DeployTarget(String context, String namespace, String registry, Optional<String> tag, Images images,
        boolean forceConflicts) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** How the system's own images reach the cluster. */
    public enum Images {
        /** Build each binary with Go, put it in an image, push it to the registry. */
        BUILD_AND_PUSH,
        /** Build the images into the local Docker engine and push nothing (the cluster uses that engine). */
        BUILD_ONLY,
        /** Build nothing: the images are in the registry already, under {@code tag}. */
        PREBUILT
    }

    public DeployTarget {
        registry = registry.strip().replaceAll("/+$", "");
        if (context.isBlank()) {
            throw new IllegalArgumentException("a kubeconfig context is needed");
        }
        if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("'" + namespace + "' cannot name a namespace: lower-case letters, digits "
                    + "and '-', at most 63, starting and ending with a letter or digit");
        }
        if (registry.isEmpty()) {
            throw new IllegalArgumentException("an image registry is needed (localhost:5001, registry.example/team)");
        }
        if (images == Images.PREBUILT && tag.isEmpty()) {
            throw new IllegalArgumentException("prebuilt images need their tag: say it with --tag");
        }
    }

    /** Build and push, tags from the sources' hash, conflicts reported. */
    public static DeployTarget of(String context, String namespace, String registry) {
        return new DeployTarget(context, namespace, registry, Optional.empty(), Images.BUILD_AND_PUSH, false);
    }

    public DeployTarget withTag(String newTag) {
        return new DeployTarget(context, namespace, registry, Optional.of(newTag), images, forceConflicts);
    }

    public DeployTarget withImages(Images newImages) {
        return new DeployTarget(context, namespace, registry, tag, newImages, forceConflicts);
    }

    public DeployTarget withForceConflicts(boolean force) {
        return new DeployTarget(context, namespace, registry, tag, images, force);
    }

    /** The image of one program: {@code <registry>/<project>-<node>:<tag>}. */
    public String image(String project, String node, String imageTag) {
        return registry + "/" + project + "-" + node + ":" + imageTag;
    }

    /** "namespace shop of context kind-kind". */
    public String describe() {
        return "namespace " + namespace + " of context " + context;
    }
}
