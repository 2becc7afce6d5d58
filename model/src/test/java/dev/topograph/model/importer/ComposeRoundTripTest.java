package dev.topograph.model.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.GeneratedFile;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key test of the importer: the compose file the real generator writes for a design imports
 * back to the same design, as far as a design's shape goes (nodes, kinds, engines, ports, edges
 * with their routes and topics). Contexts, frameworks, replicas, endpoints and layout are not in a
 * compose file and are not compared.
 */
class ComposeRoundTripTest {

    static Topology original(String fixture) throws Exception {
        Path file = fixture.equals("shop") ? Path.of("../examples/shop.topology.json")
                : Path.of("src/test/resources/generate/" + fixture + ".topology.json");
        return new ProjectFile().load(file);
    }

    static String compose(Topology t) throws Exception {
        return new Generator().generate(t).stream().filter(f -> f.path().equals("deploy/compose.yaml"))
                .map(GeneratedFile::content).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "every-feature", "grpc", "other-engines"})
    void generatedComposeImportsBackToTheSameDesign(String fixture) throws Exception {
        Topology original = original(fixture);
        ImportResult result = new ComposeImporter().read(compose(original), "compose.yaml", fixture);

        Topology imported = result.topology().orElseThrow();
        assertThat(imported.name()).isEqualTo(original.name());
        assertThat(shape(imported.nodes())).containsExactlyInAnyOrderElementsOf(shape(original.nodes()));
        assertThat(edges(imported.edges())).containsExactlyInAnyOrderElementsOf(edges(original.edges()));
        assertThat(result.findings()).as("a generated compose file leaves nothing undecided").isEmpty();
        for (Edge e : imported.edges()) {
            assertThat(result.note(e.key())).as("note of " + e.key()).isPresent();
        }
    }

    private static Set<String> shape(List<Node> nodes) {
        return nodes.stream().map(n -> n.id() + " " + n.kind().json()
                        + (n instanceof InfraNode i ? " " + i.engine().json() : "")
                        + n.listenPort().map(p -> " :" + p).orElse(""))
                .collect(Collectors.toSet());
    }

    private static Set<String> edges(List<Edge> edges) {
        return edges.stream().map(e -> e.key() + e.route().map(r -> " route " + r).orElse(""))
                .collect(Collectors.toSet());
    }
}
