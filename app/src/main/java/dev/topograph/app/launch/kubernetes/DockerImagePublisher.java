package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.docker.DockerEngine;
import dev.topograph.app.launch.docker.DockerEngineException;
import dev.topograph.app.launch.local.GoToolchain;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publishes programs as images {@code FROM scratch} holding the static binary Go builds here (the
 * same binaries and images as Docker runs), tagged {@code <registry>/<project>-<node>:<tag>} and pushed
 * with the Docker engine. Without a tag, an image is tagged with the hash of its binary's sources: an
 * image of that tag already in the engine holds the same binary and is not built again.
 */
public final class DockerImagePublisher implements ImagePublisher {
    private final GoToolchain go;
    private final DockerEngine engine;
    private final Path binaries;

    /** @param binaries the build cache of binaries ({@code RunHome.binaries()}) */
    public DockerImagePublisher(GoToolchain go, DockerEngine engine, Path binaries) {
        this.go = go;
        this.engine = engine;
        this.binaries = binaries;
    }

    @Override
    public String publish(String project, PlannedNode node, Path system, DeployTarget target, Consumer<String> log)
            throws LaunchException, InterruptedException {
        Path binary = go.build(system, node.module(), node.mainPackage(), node.goGenerate(), node.id(), binaries, log);
        // the binary's folder is named for the hash of its sources
        String tag = target.tag().orElse(binary.getParent().getFileName().toString().substring(0, 12));
        String image = target.image(project, node.id(), tag);
        try {
            if (target.tag().isPresent() || !engine.hasImage(image)) {
                log.accept("image " + image);
                engine.buildScratchImage(image, binary, node.id(),
                        Map.of(Leftovers.PROJECT_LABEL, project, "io.topograph.node", node.id()));
            } else {
                log.accept("up to date: image " + image);
            }
            if (target.images() == DeployTarget.Images.BUILD_AND_PUSH) {
                log.accept("push " + image);
                engine.push(image);
            }
            return image;
        } catch (DockerEngineException | IllegalArgumentException e) {
            throw new LaunchException(node.id() + ": " + e.getMessage(), e);
        }
    }
}
