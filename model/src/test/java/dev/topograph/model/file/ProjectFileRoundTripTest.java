package dev.topograph.model.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.Framework;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Saving an unchanged topology reproduces its file byte for byte, and what is saved loads back equal. */
class ProjectFileRoundTripTest {

    private final ProjectFile projectFile = new ProjectFile();

    static List<Path> examples() {
        return Examples.all();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void writingALoadedExampleReproducesItByteForByte(Path example) throws ProjectFileException {
        Topology topology = projectFile.load(example);

        assertThat(projectFile.write(topology).getBytes(UTF_8)).isEqualTo(Examples.bytes(example));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void savingALoadedExampleWritesTheSameBytesAndLoadsBackEqual(Path example, @TempDir Path dir)
            throws Exception {
        Topology topology = projectFile.load(example);
        Path copy = dir.resolve(example.getFileName());

        projectFile.save(topology, copy);

        assertThat(Files.readAllBytes(copy)).isEqualTo(Examples.bytes(example));
        assertThat(projectFile.load(copy)).isEqualTo(topology);
    }

    @Test
    void everySettingOfEveryKindSurvivesSaveAndLoad(@TempDir Path dir) throws ProjectFileException {
        Topology topology = new Topology("all-kinds", "git.example.org/team/all-kinds",
                List.of(new BoundedContext("core", "Core – Kern"), new BoundedContext("edge", "edge")),
                List.of(
                        new GatewayNode("gw", Optional.of("edge"), 443, Optional.of(new Layout(-12.25, 0.1))),
                        new ServiceNode("svc", Optional.of("core"), 65535, Framework.GIN, 1000,
                                List.of(new Endpoint("DELETE", "/a/{id}"), new Endpoint("GET", "/")),
                                Optional.of(new Layout(1e-7, 123456789.125))),
                        new ServiceNode("bare", Optional.empty(), 1, Framework.NETHTTP, 1, List.of(), Optional.empty()),
                        new InfraNode("q", NodeKind.QUEUE, Optional.empty(), Engine.KAFKA, Optional.of(new Layout(3, 4))),
                        new InfraNode("r", NodeKind.QUEUE, Optional.of("core"), Engine.RABBITMQ, Optional.empty()),
                        new InfraNode("m", NodeKind.CACHE, Optional.empty(), Engine.MEMCACHED, Optional.empty()),
                        new InfraNode("s", NodeKind.DATABASE, Optional.empty(), Engine.SQLITE, Optional.empty()),
                        new InfraNode("my", NodeKind.DATABASE, Optional.empty(), Engine.MYSQL, Optional.empty())),
                List.of(
                        new Edge(Optional.of("main-route"), "gw", "svc", EdgeKind.HTTP, Optional.of("/"), Optional.empty()),
                        new Edge(Optional.empty(), "svc", "bare", EdgeKind.GRPC, Optional.of("/rpc"), Optional.empty()),
                        Edge.of("svc", "bare", EdgeKind.HTTP),
                        Edge.topic("svc", "q", EdgeKind.PUBLISH, "a.b"),
                        Edge.of("q", "bare", EdgeKind.SUBSCRIBE),
                        Edge.of("svc", "m", EdgeKind.CACHE),
                        Edge.of("svc", "s", EdgeKind.DB),
                        Edge.of("bare", "my", EdgeKind.DB)));
        Path file = dir.resolve("all.topology.json");

        projectFile.save(topology, file);
        Topology loaded = projectFile.load(file);

        assertThat(loaded).isEqualTo(topology);
        assertThat(projectFile.write(loaded)).isEqualTo(projectFile.write(topology));
    }

    @Test
    void theCanonicalTextHasTwoSpaceIndentKeysInOrderAndATrailingNewline() {
        Topology topology = new Topology("t", "example.com/t", List.of(),
                List.of(new GatewayNode("gw", Optional.empty(), 8080, Optional.of(new Layout(40, 200.5)))),
                List.of());

        assertThat(projectFile.write(topology)).isEqualTo("""
                {
                  "formatVersion": 1,
                  "name": "t",
                  "module": "example.com/t",
                  "contexts": [],
                  "nodes": [
                    {
                      "id": "gw",
                      "kind": "gateway",
                      "port": 8080,
                      "layout": {
                        "x": 40,
                        "y": 200.5
                      }
                    }
                  ],
                  "edges": []
                }
                """);
    }

    @Test
    void stringsAreEscapedAndReadBackUnchanged() throws ProjectFileException {
        String name = "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 é ✓ 🛒 \u2028";
        Topology topology = Topology.empty("x").withName(name).withContexts(List.of(new BoundedContext("c", name)));

        String text = projectFile.write(topology);

        assertThat(text).doesNotContain("\t", "\u0000", "\u0007").contains("\\\"", "\\\\", "\\n", "🛒");
        assertThat(projectFile.read(text.getBytes(UTF_8), "x")).isEqualTo(topology);
    }

    @Test
    void aHandWrittenFileLoadsAndIsWrittenInCanonicalForm() throws ProjectFileException {
        String handWritten = "{\"formatVersion\":1,\"name\":\"tiny\",\"nodes\":[{\"kind\":\"cache\",\"id\":\"c\","
                + "\"layout\":{\"y\":2.50,\"x\":1.0E2}}]}";

        Topology topology = projectFile.read(handWritten.getBytes(UTF_8), "tiny");
        String canonical = projectFile.write(topology);

        assertThat(canonical).contains("""
                      "id": "c",
                      "kind": "cache",
                      "engine": "redis",
                      "layout": {
                        "x": 100,
                        "y": 2.5
                      }
                """);
        assertThat(projectFile.read(canonical.getBytes(UTF_8), "tiny")).isEqualTo(topology);
    }

    @Test
    void coordinatesKeepEveryDigitOfADouble() throws ProjectFileException {
        double[] values = {0.1, 1.0 / 3, -2.5e-9, 1e15 + 0.5, 123456789012345.6, 1e20, -1e300, Double.MIN_VALUE,
            Double.MAX_VALUE, 4.35};
        for (double v : values) {
            Topology topology = Topology.empty("n").withNodes(
                    List.of(new GatewayNode("g", Optional.empty(), 1, Optional.of(new Layout(v, -v)))));

            String text = projectFile.write(topology);

            assertThat(text).as("%s", v).doesNotContainIgnoringCase("e+").doesNotContain("E-");
            assertThat(projectFile.read(text.getBytes(UTF_8), "n")).as("%s", v).isEqualTo(topology);
        }
    }

    @Test
    void negativeZeroIsSavedAsZeroAndLoadsBackEqual() throws ProjectFileException {
        Topology topology = Topology.empty("n").withNodes(
                List.of(new GatewayNode("g", Optional.empty(), 1, Optional.of(new Layout(-0.0, 0.0)))));

        String text = projectFile.write(topology);

        assertThat(text).contains("\"x\": 0,");
        assertThat(projectFile.read(text.getBytes(UTF_8), "n")).isEqualTo(topology);
    }
}
