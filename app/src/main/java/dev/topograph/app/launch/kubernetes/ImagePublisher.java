package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Puts a program's image where the cluster pulls it from: built with Go, wrapped in an image, pushed. */
public interface ImagePublisher {

    /**
     * Builds the program of {@code node} from the generated system at {@code system} and publishes its
     * image as {@code target} says; returns the image reference its Deployment runs.
     *
     * @throws LaunchException when the build, the image or the push fails, with the reason in the user's words
     */
    String publish(String project, PlannedNode node, Path system, DeployTarget target, Consumer<String> log)
            throws LaunchException, InterruptedException;
}
