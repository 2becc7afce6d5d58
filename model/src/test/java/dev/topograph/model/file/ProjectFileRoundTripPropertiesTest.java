package dev.topograph.model.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Whatever valid topology the designer holds, its file reads back as the same topology and the same text. */
class ProjectFileRoundTripPropertiesTest {

    private final ProjectFile projectFile = new ProjectFile();

    @Provide
    Arbitrary<Topology> topologies() {
        return TopologyArbitraries.topologies();
    }

    @Property(tries = 200)
    void writeReadWriteIsUnchanged(@ForAll("topologies") Topology topology) throws ProjectFileException {
        String written = projectFile.write(topology);

        Topology read = projectFile.read(written.getBytes(UTF_8), "random");

        assertThat(projectFile.write(read)).isEqualTo(written);
        assertThat(read).isEqualTo(topology);
        collectStatistics(topology);
        Statistics.label("nodes").coverage(c -> c.check("8+").percentage(p -> p > 10));
        Statistics.label("node kinds").coverage(c -> Arrays.stream(NodeKind.values())
                .forEach(kind -> c.check(kind.json()).count(n -> n > 0)));
        Statistics.label("edge kinds").coverage(c -> Arrays.stream(EdgeKind.values())
                .forEach(kind -> c.check(kind.json()).count(n -> n > 0)));
        Statistics.label("edge extras").coverage(c -> List.of("id", "route", "topic")
                .forEach(extra -> c.check(extra).count(n -> n > 0)));
    }

    /** Makes sure the generator reaches every kind and big topologies, not just the empty one. */
    private static void collectStatistics(Topology topology) {
        Statistics.label("nodes").collect(bucket(topology.nodes().size()));
        Statistics.label("edges").collect(bucket(topology.edges().size()));
        topology.nodes().forEach(n -> Statistics.label("node kinds").collect(n.kind().json()));
        topology.edges().forEach(e -> {
            Statistics.label("edge kinds").collect(e.kind().json());
            e.id().ifPresent(id -> Statistics.label("edge extras").collect("id"));
            e.route().ifPresent(r -> Statistics.label("edge extras").collect("route"));
            e.topic().ifPresent(t -> Statistics.label("edge extras").collect("topic"));
        });
    }

    @Property(tries = 200)
    void everyWrittenFileConformsToTheSchema(@ForAll("topologies") Topology topology) {
        assertThat(TopologySchemaTest.problems(projectFile.write(topology))).isEmpty();
    }

    @Property(tries = 30)
    void saveThenLoadGivesTheSameTopology(@ForAll("topologies") Topology topology) throws IOException, ProjectFileException {
        Path dir = Files.createTempDirectory("topograph-roundtrip");
        Path file = dir.resolve("random.topology.json");
        try {
            projectFile.save(topology, file);

            assertThat(projectFile.load(file)).isEqualTo(topology);
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    private static String bucket(int n) {
        return n == 0 ? "0" : n < 4 ? "1-3" : n < 8 ? "4-7" : "8+";
    }
}
