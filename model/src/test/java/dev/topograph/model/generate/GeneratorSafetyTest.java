package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.GeneratedFile.Ownership;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile designs never reach generated code, and the writer never writes outside its root. */
class GeneratorSafetyTest {
    @TempDir
    Path dir;

    private static Topology withService(String id, String path, String route) {
        return Topology.empty("hostile").withNodes(List.of(GatewayNode.of("gw", 8080),
                        ServiceNode.of(id, 8081).withEndpoints(List.of(new Endpoint("GET", path)))))
                .withEdges(List.of(Edge.route("gw", id, route)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "a\"; os.Exit(1) //", "{{.}}", "sérvice", "UPPER", "-x",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void hostileIdsAreRefusedBeforeAnythingIsGenerated(String id) {
        assertThatThrownBy(() -> new Generator().generate(withService(id, "/x", "/x")))
                .isInstanceOf(GenerationException.class)
                .satisfies(e -> assertThat(((GenerationException) e).diagnostics())
                        .anySatisfy(d -> assertThat(d.code()).isEqualTo("TOPO001")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../../etc", "/a\"b", "/{{.}}", "/ünï", "/a b", "x", "/a/./b"})
    void hostilePathsAndRoutesAreRefused(String path) {
        assertThatThrownBy(() -> new Generator().generate(withService("svc", path, "/ok")))
                .isInstanceOf(GenerationException.class);
        assertThatThrownBy(() -> new Generator().generate(withService("svc", "/ok", path)))
                .isInstanceOf(GenerationException.class);
    }

    @Test
    void theAntiPatternsExampleIsRefusedWithItsErrors() throws Exception {
        Topology anti = new ProjectFile().load(Path.of("../examples/anti-patterns.topology.json"));
        assertThatThrownBy(() -> new Generator().generate(anti))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("9 error(s)");
    }

    @Test
    void quotingKeepsEveryStringAGoLiteral() {
        assertThat(GoSyntax.quote("a\"; os.Exit(1) //")).isEqualTo("\"a\\\"; os.Exit(1) //\"");
        assertThat(GoSyntax.quote("back\\slash\nnew")).isEqualTo("\"back\\\\slash\\nnew\"");
        assertThat(GoSyntax.quote("é\u0000")).isEqualTo("\"\\u00e9\\x00\"");
        assertThat(GoSyntax.exported("order-events")).isEqualTo("OrderEvents");
        assertThat(GoSyntax.packageName("3d-render")).isEqualTo("p3drender");
        assertThatThrownBy(() -> GoSyntax.exported("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.go", "/etc/passwd", "a/../../escape.go", "a\\..\\b", ""})
    void theWriterRefusesPathsOutsideItsRoot(String path) throws IOException {
        Path root = Files.createDirectories(dir.resolve("out"));
        List<GeneratedFile> files = List.of(new GeneratedFile("ok.txt", "fine", Ownership.GENERATED),
                new GeneratedFile(path, "evil", Ownership.GENERATED));
        assertThatThrownBy(() -> new TreeWriter().write(files, root)).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing");
        assertThat(allFiles(dir)).isEmpty();
    }

    @Test
    void theWriterNeverWritesThroughASymbolicLink() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(root.resolve("services"), outside);
        List<GeneratedFile> files = List.of(new GeneratedFile("services/a/main.go", "package main", Ownership.GENERATED));
        assertThatThrownBy(() -> new TreeWriter().write(files, root)).hasMessageContaining("symbolic link");
        assertThat(allFiles(outside)).isEmpty();
    }

    @Test
    void regeneratingKeepsTheUsersFilesAndRestoresTheGeneratedOnes() throws Exception {
        Topology shop = new ProjectFile().load(Path.of("../examples/shop.topology.json"));
        TreeWriter writer = new TreeWriter();
        TreeWriter.Summary first = writer.write(new Generator().generate(shop), dir);
        assertThat(first.added()).isNotEmpty();
        assertThat(first.changed()).isEmpty();

        Path handler = dir.resolve("services/orders/internal/handlers/post_orders.go");
        Path routes = dir.resolve("services/orders/internal/server/routes.go");
        Files.writeString(handler, Files.readString(handler) + "\n// my business logic\n");
        Files.writeString(routes, "// tampered\n");

        ServiceNode orders = (ServiceNode) shop.node("orders").orElseThrow();
        List<Endpoint> more = new ArrayList<>(orders.endpoints());
        more.add(new Endpoint("DELETE", "/orders/{id}"));
        Topology changed = shop.mapNode("orders", n -> orders.withEndpoints(more));
        TreeWriter.Summary second = writer.write(new Generator().generate(changed), dir);

        assertThat(Files.readString(handler)).endsWith("// my business logic\n");
        assertThat(second.kept()).contains("services/orders/internal/handlers/post_orders.go");
        assertThat(second.added()).containsExactly("services/orders/internal/handlers/delete_orders_by_id.go");
        assertThat(second.changed()).contains("services/orders/internal/server/routes.go", "topology.json");
        assertThat(Files.readString(routes)).startsWith("// Code generated by topograph. DO NOT EDIT.")
                .contains("mux.Handle(\"DELETE /orders/{id}\"");
        TreeWriter.Summary third = writer.write(new Generator().generate(changed), dir);
        assertThat(third.changed()).isEmpty();
        assertThat(third.added()).isEmpty();
    }

    @Test
    void generatedFilesCarryTheRightMarker() throws Exception {
        for (GeneratedFile f : GeneratedTrees.generate("shop")) {
            if (f.path().endsWith(".go")) {
                assertThat(f.content()).as(f.path()).startsWith(f.ownership() == Ownership.GENERATED
                        ? "// Code generated by topograph. DO NOT EDIT.\n"
                        : "// Safe to edit: topograph wrote this file once and never overwrites it.\n");
            }
        }
    }

    @Test
    void theZipExportIsByteIdenticalForTheSameDesign() throws Exception {
        List<GeneratedFile> files = GeneratedTrees.generate("shop");
        Path a = dir.resolve("a.zip");
        Path b = dir.resolve("b.zip");
        new ZipExport().write(files, "shop", a);
        new ZipExport().write(files, "shop", b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        try (var zip = new java.util.zip.ZipFile(a.toFile())) {
            assertThat(zip.size()).isEqualTo(files.size());
            assertThat(zip.getEntry("shop/services/orders/cmd/orders/main.go")).isNotNull();
        }
    }

    private static List<Path> allFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
