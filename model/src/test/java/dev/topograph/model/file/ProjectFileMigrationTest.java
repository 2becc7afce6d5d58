package dev.topograph.model.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Older files are lifted to the current format by the registered {@link Migration}s, one version at a time. */
class ProjectFileMigrationTest {

    /** Format 0 as this test imagines it: the name was called "title" and the nodes "boxes". */
    private static final String VERSION_0 = """
            {
              "formatVersion": 0,
              "title": "legacy",
              "boxes": [
                { "id": "gw", "kind": "gateway", "port": 8080 },
                { "id": "svc", "kind": "service", "port": 8081 }
              ],
              "edges": [ { "from": "gw", "to": "svc", "kind": "http", "route": "/" } ]
            }
            """;

    private final List<String> calls = new ArrayList<>();

    @Test
    void aVersion0FileIsMigratedThenReadStrictly() throws ProjectFileException {
        ProjectFile projectFile = new ProjectFile(List.of(fromZero()));

        Topology topology = projectFile.read(VERSION_0.getBytes(UTF_8), "legacy");

        assertThat(calls).containsExactly("0 -> 1, saw formatVersion 0");
        assertThat(topology.name()).isEqualTo("legacy");
        assertThat(topology.nodes()).extracting(n -> n.id()).containsExactly("gw", "svc");
        assertThat(topology.edges()).hasSize(1);
    }

    @Test
    void aMigratedFileIsSavedInTheCurrentFormat() throws ProjectFileException {
        ProjectFile projectFile = new ProjectFile(List.of(fromZero()));

        String saved = projectFile.write(projectFile.read(VERSION_0.getBytes(UTF_8), "legacy"));

        assertThat(saved).startsWith("{\n  \"formatVersion\": " + ProjectFile.FORMAT_VERSION + ",\n  \"name\": \"legacy\",");
        assertThat(new ProjectFile().read(saved.getBytes(UTF_8), "saved").name()).isEqualTo("legacy");
    }

    @Test
    void aCurrentFileIsNotMigrated() throws ProjectFileException {
        ProjectFile projectFile = new ProjectFile(List.of(fromZero()));

        projectFile.read(Examples.bytes(Examples.all().get(0)), "current");

        assertThat(calls).isEmpty();
    }

    @Test
    void migrationsRunOneStepAtATimeInVersionOrderWhateverTheirListOrder() throws ProjectFileException {
        // Version -1 called services "api"; its migration returns a new tree rather than editing in place.
        Migration fromMinusOne = migration(-1, tree -> {
            ObjectNode copy = tree.deepCopy();
            copy.path("boxes").forEach(box -> {
                if (box.path("kind").asText().equals("api")) {
                    ((ObjectNode) box).put("kind", "service");
                }
            });
            return copy;
        });
        ProjectFile projectFile = new ProjectFile(List.of(fromZero(), fromMinusOne));
        String versionMinusOne = VERSION_0.replace("\"formatVersion\": 0", "\"formatVersion\": -1")
                .replace("\"kind\": \"service\"", "\"kind\": \"api\"");

        Topology topology = projectFile.read(versionMinusOne.getBytes(UTF_8), "older");

        assertThat(calls).containsExactly("-1 -> 0, saw formatVersion -1", "0 -> 1, saw formatVersion 0");
        assertThat(topology.name()).isEqualTo("legacy");
        assertThat(topology.node("svc")).hasValueSatisfying(n -> assertThat(n.kind().json()).isEqualTo("service"));
    }

    @Test
    void aVersionWithNoMigrationIsUnknownEvenWhenLaterOnesExist() {
        ProjectFile projectFile = new ProjectFile(List.of(fromZero()));

        ProjectFileException e = rejected(projectFile, VERSION_0.replace("\"formatVersion\": 0", "\"formatVersion\": -1"));

        assertThat(e.jsonPath()).isEqualTo("$.formatVersion");
        assertThat(e.problem()).startsWith("unknown format version -1");
        assertThat(e.line()).contains(2);
        assertThat(calls).isEmpty();
    }

    @Test
    void aNewerVersionIsStillRefused() {
        ProjectFile projectFile = new ProjectFile(List.of(fromZero()));

        ProjectFileException e = rejected(projectFile,
                VERSION_0.replace("\"formatVersion\": 0", "\"formatVersion\": " + (ProjectFile.FORMAT_VERSION + 1)));

        assertThat(e.problem()).contains("newer than this Topograph reads");
    }

    @Test
    void aProblemOutsideTheMigratedPartsKeepsItsLineAndColumn() {
        ProjectFile projectFile = new ProjectFile(List.of(fromZero()));

        ProjectFileException e = rejected(projectFile, VERSION_0.replace("\"route\": \"/\"", "\"route\": 7"));

        assertThat(e.jsonPath()).isEqualTo("$.edges[0].route");
        assertThat(e.line()).contains(8);
        assertThat(e.column()).contains(VERSION_0.lines().toList().get(7).indexOf("\"route\"") + 1);
    }

    @Test
    void aProblemInsideMovedPartsNamesTheCurrentPathAndNoWrongLine() {
        ProjectFile projectFile = new ProjectFile(List.of(fromZero()));

        ProjectFileException e = rejected(projectFile, VERSION_0.replace("\"port\": 8081", "\"port\": \"8081\""));

        assertThat(e.jsonPath()).isEqualTo("$.nodes[1].port");
        assertThat(e.problem()).startsWith("expected a whole number");
        assertThat(e.line()).isEmpty();
    }

    @Test
    void aMigrationThatFailsOnAMalformedOldFileIsReportedAsAProjectFileException() {
        Migration fragile = migration(0, tree -> {
            tree.put("name", tree.get("title").textValue().trim()); // NullPointerException without a title
            tree.remove("title");
            return tree;
        });
        ProjectFile projectFile = new ProjectFile(List.of(fragile));

        ProjectFileException e = rejected(projectFile, "{\"formatVersion\": 0}");

        assertThat(e.jsonPath()).isEqualTo("$.formatVersion");
        assertThat(e.problem()).startsWith("cannot migrate this file from format version 0");
        assertThat(e.line()).contains(1);
    }

    private Migration fromZero() {
        return migration(0, tree -> {
            JsonNode title = tree.remove("title");
            if (title != null) {
                tree.set("name", title);
            }
            JsonNode boxes = tree.remove("boxes");
            if (boxes != null) {
                tree.set("nodes", boxes);
            }
            return tree;
        });
    }

    private Migration migration(int from, UnaryOperator<ObjectNode> change) {
        return new Migration() {
            @Override
            public int fromVersion() {
                return from;
            }

            @Override
            public ObjectNode migrate(ObjectNode tree) {
                calls.add(from + " -> " + (from + 1) + ", saw formatVersion " + tree.get("formatVersion"));
                return change.apply(tree);
            }
        };
    }

    private static ProjectFileException rejected(ProjectFile projectFile, String text) {
        try {
            projectFile.read(text.getBytes(UTF_8), "old.topology.json");
        } catch (ProjectFileException e) {
            return e;
        }
        return fail("read without complaint:%n%s", text);
    }
}
