package dev.topograph.model.generate;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;

/**
 * The fixtures every generation test uses: each example that can be generated, one that uses
 * every feature, and one whose services call each other over gRPC.
 */
final class GeneratedTrees {
    /** Topologies whose generated trees are kept as golden files, by golden folder name. */
    static final List<String> FIXTURES = List.of("shop", "every-feature", "grpc", "other-engines");

    /** Where golden trees live, relative to the model module. */
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    private GeneratedTrees() {
    }

    static Path source(String fixture) {
        return fixture.equals("shop") ? Path.of("../examples/shop.topology.json")
                : Path.of("src/test/resources/generate/" + fixture + ".topology.json");
    }

    static Topology load(String fixture) throws Exception {
        return new ProjectFile().load(source(fixture));
    }

    static List<GeneratedFile> generate(String fixture) throws Exception {
        return new Generator().generate(load(fixture));
    }
}
