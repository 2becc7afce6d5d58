package dev.topograph.app.designer.deploy;

import dev.topograph.app.launch.kubernetes.DeployTarget;

/** How a deploy gets the system's own images to the cluster, in the words of the Deploy dialog. */
public enum ImageHandling {
    BUILD_AND_PUSH("Build and push", DeployTarget.Images.BUILD_AND_PUSH),
    BUILD_ONLY("Build only (the cluster uses this machine's Docker engine)", DeployTarget.Images.BUILD_ONLY),
    PREBUILT("Prebuilt (already in the registry under the tag)", DeployTarget.Images.PREBUILT);

    private final String label;
    private final DeployTarget.Images images;

    ImageHandling(String label, DeployTarget.Images images) {
        this.label = label;
        this.images = images;
    }

    DeployTarget.Images images() {
        return images;
    }

    @Override
    public String toString() {
        return label;
    }
}
