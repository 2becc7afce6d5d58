package dev.topograph.app.launch.local;

import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which programs of a plan are built from a file of the generated tree: a service from its module
 * ({@code services/orders}), every gateway from {@code gateway}, every program from {@code platform},
 * and a gRPC client from the module its code is generated from too — the files whose hash decides
 * whether {@link GoToolchain#build} builds again.
 */
record SourceOwners(List<PlannedNode> programs) {
    private static final Path PLATFORM = Path.of("platform");

    SourceOwners {
        programs = List.copyOf(programs);
    }

    static SourceOwners of(LaunchPlan plan) {
        return new SourceOwners(plan.nodes().stream().filter(PlannedNode::isProgram).toList());
    }

    /** The programs built from any of {@code changed} (paths relative to the tree), each with its changed files, in plan order. */
    Map<String, List<Path>> of(Collection<Path> changed) {
        Map<String, List<Path>> owners = new LinkedHashMap<>();
        for (PlannedNode program : programs) {
            List<Path> files = new ArrayList<>();
            for (Path file : changed) {
                if (buildsFrom(program, file)) {
                    files.add(file);
                }
            }
            if (!files.isEmpty()) {
                owners.put(program.id(), List.copyOf(files));
            }
        }
        return owners;
    }

    private static boolean buildsFrom(PlannedNode program, Path file) {
        if (within(file, PLATFORM) || within(file, Path.of(program.module()))) {
            return true;
        }
        return program.goGenerate().stream().anyMatch(g -> within(file, Path.of(g)));
    }

    /**
     * Whether {@code path} lies in {@code folder}, or is a folder holding it: a folder path comes from a
     * watcher that lost events under it, and stands for anything below.
     */
    private static boolean within(Path path, Path folder) {
        return path.toString().isEmpty() || path.startsWith(folder) || folder.startsWith(path);
    }
}
