package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.GeneratedFile.Ownership;
import dev.topograph.model.topology.Endpoint;
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

/** The writer never loses a line the user wrote, and tells what it did file by file. */
class TreeWriterTest {
    private static final String HEADER = "// " + TreeWriter.GENERATED_MARKER + "\n";

    @TempDir
    Path dir;

    private final TreeWriter writer = new TreeWriter();

    private static GeneratedFile generated(String path, String body) {
        return new GeneratedFile(path, HEADER + body, Ownership.GENERATED);
    }

    private static GeneratedFile yours(String path, String body, String purpose) {
        return new GeneratedFile(path, "// Safe to edit\n" + body, Ownership.SCAFFOLD, purpose);
    }

    @Test
    void aFreshFolderGetsEveryFileAndAManifestOfWhatWasWritten() throws Exception {
        TreeWriter.Summary s = writer.write(List.of(generated("a.go", "a"), yours("h/b.go", "b", "the endpoint GET /b")), dir);

        assertThat(s.added()).containsExactly("a.go", "h/b.go");
        Manifest m = Manifest.read(dir);
        assertThat(m.paths()).containsExactly("a.go", "h/b.go");
        assertThat(m.entry("h/b.go").orElseThrow().owner()).isEqualTo(Ownership.SCAFFOLD);
        assertThat(m.entry("h/b.go").orElseThrow().purpose()).isEqualTo("the endpoint GET /b");
        assertThat(Files.readString(dir.resolve(Manifest.PATH))).endsWith("]\n}\n").doesNotContain("earlier");
        assertThat(writer.write(List.of(generated("a.go", "a"), yours("h/b.go", "b", "")), dir).unchanged())
                .containsExactly("a.go", "h/b.go");
    }

    @Test
    void filesItDidNotWriteStopTheWholeWriteAndLoseNothing() throws Exception {
        Files.writeString(dir.resolve("README.md"), "# my notes\n");
        Files.writeString(dir.resolve("Makefile"), "all:\n\techo mine\n");

        assertThatThrownBy(() -> writer.write(List.of(generated("README.md", "x"), generated("Makefile", "y"),
                generated("go.work", "z")), dir))
                .isInstanceOfSatisfying(TreeWriter.RefusedException.class, e -> {
                    assertThat(e.summary().refused()).extracting(TreeWriter.Refusal::path)
                            .containsExactly("README.md", "Makefile");
                    assertThat(e.getMessage()).contains("nothing was written", "README.md", "Makefile", "--force");
                });

        assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo("# my notes\n");
        assertThat(Files.readString(dir.resolve("Makefile"))).isEqualTo("all:\n\techo mine\n");
        assertThat(dir.resolve("go.work")).doesNotExist();
        assertThat(dir.resolve(Manifest.PATH)).doesNotExist();
    }

    @Test
    void forcedItKeepsACopyOfEveryFileItReplaces() throws Exception {
        Files.writeString(dir.resolve("README.md"), "# my notes\n");

        TreeWriter.Summary s = writer.write(List.of(generated("README.md", "x")), dir, true);

        assertThat(s.backups()).containsExactly("README.md.orig");
        assertThat(s.changed()).containsExactly("README.md");
        assertThat(s.refused()).isEmpty();
        assertThat(Files.readString(dir.resolve("README.md.orig"))).isEqualTo("# my notes\n");
        assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo(HEADER + "x");
        Files.writeString(dir.resolve("README.md"), "# edited again\n");
        writer.write(List.of(generated("README.md", "x")), dir, true);
        assertThat(Files.readString(dir.resolve("README.md.orig.2"))).isEqualTo("# edited again\n");
    }

    @Test
    void aGeneratedFileTheUserEditedIsRefusedAndOneLeftAloneIsUpdated() throws Exception {
        writer.write(List.of(generated("routes.go", "v1"), generated("deps.go", "v1")), dir);
        Files.writeString(dir.resolve("routes.go"), HEADER + "v1 plus my change");

        assertThatThrownBy(() -> writer.write(List.of(generated("routes.go", "v2"), generated("deps.go", "v2")), dir))
                .isInstanceOfSatisfying(TreeWriter.RefusedException.class, e -> assertThat(e.summary().refused())
                        .singleElement().satisfies(r -> {
                            assertThat(r.path()).isEqualTo("routes.go");
                            assertThat(r.reason()).contains("you changed it");
                        }));
        assertThat(Files.readString(dir.resolve("deps.go"))).endsWith("v1");

        Files.writeString(dir.resolve("routes.go"), HEADER + "v1");
        TreeWriter.Summary s = writer.write(List.of(generated("routes.go", "v2"), generated("deps.go", "v2")), dir);
        assertThat(s.changed()).containsExactly("routes.go", "deps.go");
    }

    @Test
    void aUsersFileIsKeptOnceChangedAndKeptUpToDateUntilThen() throws Exception {
        writer.write(List.of(yours("h/list.go", "v1", "GET /list"), yours("h/post.go", "v1", "POST /list")), dir);
        Files.writeString(dir.resolve("h/post.go"), "// my business logic\n");

        TreeWriter.Summary s = writer.write(List.of(yours("h/list.go", "v2", "GET /list"), yours("h/post.go", "v2", "")), dir);

        assertThat(s.changed()).containsExactly("h/list.go");
        assertThat(s.kept()).containsExactly("h/post.go");
        assertThat(Files.readString(dir.resolve("h/list.go"))).endsWith("v2");
        assertThat(Files.readString(dir.resolve("h/post.go"))).isEqualTo("// my business logic\n");
        // Kept stays kept: the reference is still what Topograph wrote, not what is there now.
        assertThat(writer.write(List.of(yours("h/list.go", "v3", ""), yours("h/post.go", "v3", "")), dir).kept())
                .containsExactly("h/post.go");
    }

    @Test
    void aKeptFileTheDesignNowMeansForSomethingElseIsReportedOnceToCheck() throws Exception {
        writer.write(List.of(yours("m/001_items.sql", "postgres", "a postgres database for orders"),
                yours("m/untouched.sql", "postgres", "a postgres database for x")), dir);
        Files.writeString(dir.resolve("m/001_items.sql"), "-- my postgres schema\n");

        TreeWriter.Summary s = writer.write(List.of(yours("m/001_items.sql", "mysql", "a mysql database for orders"),
                yours("m/untouched.sql", "mysql", "a mysql database for x")), dir);

        assertThat(s.kept()).containsExactly("m/001_items.sql");
        assertThat(s.changed()).containsExactly("m/untouched.sql");
        assertThat(s.outdated()).singleElement().satisfies(o -> {
            assertThat(o.path()).isEqualTo("m/001_items.sql");
            assertThat(o.advice()).contains("for a postgres database for orders", "now has a mysql database for orders");
        });
        assertThat(s.lines()).contains("to check  " + s.outdated().get(0));
        assertThat(Files.readString(dir.resolve("m/001_items.sql"))).isEqualTo("-- my postgres schema\n");
        assertThat(writer.write(List.of(yours("m/001_items.sql", "mysql", "a mysql database for orders"),
                yours("m/untouched.sql", "mysql", "a mysql database for x")), dir).outdated()).isEmpty();
    }

    @Test
    void aFileBoundToItsPurposeIsSetAsideAndWrittenAfreshWhenThePurposeChanges() throws Exception {
        GeneratedFile postgres = new GeneratedFile("m/001_items.sql", "-- Safe to edit\npostgres", Ownership.SCAFFOLD,
                "a postgres database for orders", true);
        GeneratedFile mysql = new GeneratedFile("m/001_items.sql", "-- Safe to edit\nmysql", Ownership.SCAFFOLD,
                "a mysql database for orders", true);
        writer.write(List.of(postgres), dir);
        Files.writeString(dir.resolve("m/001_items.sql"), "-- my postgres schema\n");

        TreeWriter.Summary s = writer.write(List.of(mysql), dir);

        assertThat(s.changed()).containsExactly("m/001_items.sql");
        assertThat(s.kept()).isEmpty();
        assertThat(s.orphaned()).singleElement().satisfies(o -> {
            assertThat(o.path()).isEqualTo("m/_orphaned/001_items.sql");
            assertThat(o.advice()).contains("moved here from 001_items.sql", "for a postgres database for orders",
                    "now has a mysql database for orders", "afresh");
        });
        assertThat(Files.readString(dir.resolve("m/001_items.sql"))).isEqualTo(mysql.content());
        assertThat(Files.readString(dir.resolve("m/_orphaned/001_items.sql"))).isEqualTo("-- my postgres schema\n");
        // Brought up to date from now on while untouched; the user's file stays reported until deleted.
        TreeWriter.Summary back = writer.write(List.of(postgres), dir);
        assertThat(back.changed()).containsExactly("m/001_items.sql");
        assertThat(back.orphaned()).extracting(TreeWriter.Orphan::path).containsExactly("m/_orphaned/001_items.sql");
    }

    @Test
    void aFileWrittenBeforeItsPurposeWasBoundIsKeptAndReportedInstead() throws Exception {
        writer.write(List.of(yours("m/001_items.sql", "v1", "a database for orders")), dir);
        Files.writeString(dir.resolve("m/001_items.sql"), "-- my schema\n");

        TreeWriter.Summary s = writer.write(List.of(new GeneratedFile("m/001_items.sql", "-- Safe to edit\nv2",
                Ownership.SCAFFOLD, "a postgres database for orders", true)), dir);

        assertThat(s.kept()).containsExactly("m/001_items.sql");
        assertThat(s.outdated()).extracting(TreeWriter.Outdated::path).containsExactly("m/001_items.sql");
        assertThat(Files.readString(dir.resolve("m/001_items.sql"))).isEqualTo("-- my schema\n");
        assertThat(Manifest.read(dir).entry("m/001_items.sql").orElseThrow().purposeBound()).isTrue();
    }

    @Test
    void whatTheDesignNoLongerProducesIsRemovedUnlessTheUserWroteInIt() throws Exception {
        writer.write(List.of(generated("services/old/main.go", "m"), generated("services/old/cmd/x.go", "x"),
                yours("h/untouched.go", "u", "the endpoint GET /untouched"),
                yours("h/edited.go", "e", "the endpoint GET /edited"), generated("keep.go", "k")), dir);
        Files.writeString(dir.resolve("h/edited.go"), "// mine\n");

        TreeWriter.Summary s = writer.write(List.of(generated("keep.go", "k")), dir);

        assertThat(s.removed()).containsExactlyInAnyOrder("services/old/main.go", "services/old/cmd/x.go", "h/untouched.go");
        assertThat(s.orphaned()).singleElement().satisfies(o -> {
            assertThat(o.path()).isEqualTo("h/edited.go");
            assertThat(o.advice()).contains("no longer has the endpoint GET /edited", "delete it");
        });
        assertThat(dir.resolve("services")).doesNotExist();
        assertThat(Files.readString(dir.resolve("h/edited.go"))).isEqualTo("// mine\n");
        // Still reported next time, and forgotten once the user deletes it.
        assertThat(writer.write(List.of(generated("keep.go", "k")), dir).orphaned()).hasSize(1);
        Files.delete(dir.resolve("h/edited.go"));
        assertThat(writer.write(List.of(generated("keep.go", "k")), dir).orphaned()).isEmpty();
        assertThat(Manifest.read(dir).paths()).containsExactly("keep.go");
    }

    @Test
    void aUsersFileThatCannotCompileWithoutItsPurposeIsSetAsideOutOfTheBuild() throws Exception {
        GeneratedFile rpc = new GeneratedFile("h/grpc_get.go", "// Safe to edit\nv1", Ownership.SCAFFOLD,
                "s's gRPC method Get", true);
        Files.createDirectories(dir.resolve("h/_orphaned"));
        Files.writeString(dir.resolve("h/_orphaned/grpc_get.go"), "// set aside earlier\n");
        writer.write(List.of(rpc, generated("keep.go", "k")), dir);
        Files.writeString(dir.resolve("h/grpc_get.go"), "// my business logic\n");

        assertThat(writer.preview(List.of(generated("keep.go", "k")), dir).orphaned())
                .extracting(TreeWriter.Orphan::path).containsExactly("h/_orphaned/grpc_get_2.go");
        assertThat(dir.resolve("h/grpc_get.go")).exists();
        TreeWriter.Summary s = writer.write(List.of(generated("keep.go", "k")), dir);

        assertThat(s.orphaned()).singleElement().satisfies(o -> {
            assertThat(o.path()).isEqualTo("h/_orphaned/grpc_get_2.go");
            assertThat(o.advice()).contains("moved here from grpc_get.go", "no longer has s's gRPC method Get",
                    "delete it");
        });
        assertThat(dir.resolve("h/grpc_get.go")).doesNotExist();
        assertThat(Files.readString(dir.resolve("h/_orphaned/grpc_get_2.go"))).isEqualTo("// my business logic\n");
        assertThat(Files.readString(dir.resolve("h/_orphaned/grpc_get.go"))).isEqualTo("// set aside earlier\n");
        // Reported where it is now until the user deletes it; a method drawn again gets a fresh file.
        assertThat(writer.write(List.of(rpc, generated("keep.go", "k")), dir)).satisfies(again -> {
            assertThat(again.added()).containsExactly("h/grpc_get.go");
            assertThat(again.orphaned()).extracting(TreeWriter.Orphan::path).containsExactly("h/_orphaned/grpc_get_2.go");
        });
        Files.delete(dir.resolve("h/_orphaned/grpc_get_2.go"));
        assertThat(writer.write(List.of(generated("keep.go", "k")), dir).orphaned()).isEmpty();
        assertThat(Manifest.read(dir).paths()).containsExactly("keep.go");
    }

    @Test
    void aGeneratedFileNoLongerNeededButEditedIsRefusedThenForcedAwayWithACopy() throws Exception {
        writer.write(List.of(generated("old.go", "o"), generated("keep.go", "k")), dir);
        Files.writeString(dir.resolve("old.go"), "// my change\n");

        assertThatThrownBy(() -> writer.write(List.of(generated("keep.go", "k")), dir))
                .isInstanceOf(TreeWriter.RefusedException.class);
        TreeWriter.Summary s = writer.write(List.of(generated("keep.go", "k")), dir, true);

        assertThat(dir.resolve("old.go")).doesNotExist();
        assertThat(Files.readString(dir.resolve("old.go.orig"))).isEqualTo("// my change\n");
        assertThat(s.backups()).containsExactly("old.go.orig");
        assertThat(s.removed()).containsExactly("old.go");
    }

    @Test
    void aTreeFromBeforeTheManifestIsAdoptedByItsMarkers() throws Exception {
        Files.writeString(dir.resolve("go.work"), HEADER + "go 1.22\n");
        Files.createDirectories(dir.resolve("services/a/internal/events"));
        Files.writeString(dir.resolve("services/a/go.mod"), HEADER + "module a\n");
        Files.writeString(dir.resolve("services/a/go.sum"), "old sums\n");
        Files.writeString(dir.resolve("services/a/internal/events/consumers.go"), "// my consumers\n");

        TreeWriter.Summary s = writer.write(List.of(generated("go.work", "go 1.26\n"), generated("services/a/go.mod", "m2"),
                new GeneratedFile("services/a/go.sum", "new sums\n", Ownership.GENERATED)), dir);

        assertThat(s.changed()).containsExactly("go.work", "services/a/go.mod", "services/a/go.sum");
        assertThat(s.orphaned()).singleElement().satisfies(o -> {
            assertThat(o.path()).isEqualTo("services/a/internal/events/consumers.go");
            assertThat(o.advice()).contains("internal/handlers/on_*.go");
        });
        assertThat(Files.readString(dir.resolve("services/a/internal/events/consumers.go"))).isEqualTo("// my consumers\n");
    }

    @Test
    void aWriteInterruptedHalfWayStillRecognisesEveryFileAsItsOwn() throws Exception {
        writer.write(List.of(generated("a.go", "v1"), generated("b.go", "v1")), dir);
        // As after a crash between the two manifest writes: the manifest knows both contents, a.go is new, b.go old.
        Manifest pending = new Manifest(java.util.Map.of(
                "a.go", new Manifest.Entry(Ownership.GENERATED, Manifest.hash(HEADER + "v2"),
                        java.util.Optional.of(Manifest.hash(HEADER + "v1")), ""),
                "b.go", new Manifest.Entry(Ownership.GENERATED, Manifest.hash(HEADER + "v2"),
                        java.util.Optional.of(Manifest.hash(HEADER + "v1")), "")));
        Files.writeString(dir.resolve(Manifest.PATH), pending.json());
        Files.writeString(dir.resolve("a.go"), HEADER + "v2");

        TreeWriter.Summary s = writer.write(List.of(generated("a.go", "v3"), generated("b.go", "v3")), dir);

        assertThat(s.changed()).containsExactly("a.go", "b.go");
        assertThat(s.refused()).isEmpty();
    }

    @Test
    void aBrokenManifestIsAClearErrorAndNothingIsWritten() throws Exception {
        Files.createDirectories(dir.resolve(".topograph"));
        Files.writeString(dir.resolve(Manifest.PATH), "{ not json");

        assertThatThrownBy(() -> writer.write(List.of(generated("a.go", "a")), dir))
                .isInstanceOf(IOException.class).hasMessageContaining("manifest.json is not valid JSON");
        assertThat(dir.resolve("a.go")).doesNotExist();
    }

    @Test
    void aDesignChangeOnTheShopKeepsTheUsersHandlerAndBindsTheNewOne() throws Exception {
        Topology shop = new ProjectFile().load(Path.of("../examples/shop.topology.json"));
        writer.write(new Generator().generate(shop), dir);
        Path handler = dir.resolve("services/orders/internal/handlers/post_orders.go");
        Files.writeString(handler, Files.readString(handler) + "\n// my business logic\n");

        ServiceNode orders = (ServiceNode) shop.node("orders").orElseThrow();
        List<Endpoint> more = new ArrayList<>(orders.endpoints());
        more.add(new Endpoint("DELETE", "/orders/{id}"));
        Topology changed = shop.mapNode("orders", n -> orders.withEndpoints(more));
        TreeWriter.Summary s = writer.write(new Generator().generate(changed), dir);

        assertThat(Files.readString(handler)).endsWith("// my business logic\n");
        assertThat(s.kept()).containsExactly("services/orders/internal/handlers/post_orders.go");
        assertThat(s.added()).containsExactly("services/orders/internal/handlers/delete_orders_by_id.go");
        assertThat(s.changed()).contains("services/orders/internal/handlers/bindings.go",
                "services/orders/internal/server/routes.go", "services/orders/api/openapi.yaml");
        assertThat(s.refused()).isEmpty();
        assertThat(writer.write(new Generator().generate(changed), dir).changed()).isEmpty();
        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.filter(p -> p.toString().endsWith(".tmp"))).as("no temp file left").isEmpty();
        }
    }
}
