package dev.topograph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.GeneratedFile;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code topograph import}: what it writes, what it prints, what it refuses, and what it never touches. */
class ImportCommandTest {

    @TempDir
    Path dir;

    private Path shopCompose() throws Exception {
        Topology shop = new ProjectFile().load(Path.of("../examples/shop.topology.json"));
        String compose = new Generator().generate(shop).stream().filter(f -> f.path().equals("deploy/compose.yaml"))
                .map(GeneratedFile::content).findFirst().orElseThrow();
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, compose);
        return file;
    }

    @Test
    void importsTheShopsGeneratedComposeFileIntoALaidOutDesignThatValidatesClean() throws Exception {
        Path source = shopCompose();
        byte[] before = Files.readAllBytes(source);
        Path out = dir.resolve("shop.topology.json");

        CliTest.Run r = CliTest.run("import", source.toString(), "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Imported compose.yaml into " + out + ": 15 nodes, 16 edges.")
                .contains("orders->catalog:http  compose.yaml:")
                .contains("CATALOG_URL=http://catalog:8083")
                .doesNotContain("Not decided")
                .endsWith(out + ": 0 errors, 0 warnings" + System.lineSeparator());
        Topology imported = new ProjectFile().load(out);
        assertThat(imported.nodes()).allSatisfy(n -> assertThat(n.layout()).as(n.id() + " is laid out").isPresent());
        assertThat(Files.readAllBytes(source)).as("the source is never modified").isEqualTo(before);
    }

    @Test
    void printsWhatItCouldNotDecideWithFileAndLineAndTheBoundaryProblems() throws Exception {
        Path source = dir.resolve("docker-compose.yml");
        Files.writeString(source, """
                services:
                  a:
                    image: acme/a
                    environment:
                      DATABASE_URL: postgres://db/app
                  b:
                    image: acme/b
                    environment:
                      DB_HOST: db
                      UPSTREAM: http://elsewhere.example.com
                  db:
                    image: postgres:17
                  nothing: {}
                """);
        Path out = dir.resolve("legacy.topology.json");

        CliTest.Run r = CliTest.run("import", source.toString(), "-o", out.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("docker-compose.yml:13: unclassified: nothing: has neither image nor build")
                .contains("docker-compose.yml:10: unresolved: b: UPSTREAM=http://elsewhere.example.com: "
                        + "elsewhere.example.com is not a service of this file")
                .contains("a->db:db  docker-compose.yml:5  DATABASE_URL=postgres://db/app")
                .contains("error TOPO010 db, a, b")
                .doesNotContain("Exception");
        assertThat(new ProjectFile().load(out).name()).isEqualTo("legacy");
    }

    @Test
    void anExistingOutputIsKeptWithoutForceAndReplacedWithIt() throws Exception {
        Path source = shopCompose();
        Path out = dir.resolve("shop.topology.json");
        Files.writeString(out, "keep me");

        CliTest.Run refused = CliTest.run("import", source.toString(), "--out", out.toString());

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(out + " exists; pass --force to overwrite it");
        assertThat(Files.readString(out)).isEqualTo("keep me");

        CliTest.Run forced = CliTest.run("import", source.toString(), "--out", out.toString(), "--force");

        assertThat(forced.code()).isZero();
        assertThat(new ProjectFile().load(out).nodes()).hasSize(15);
    }

    @Test
    void aSourceThatIsNotYamlIsOneClearLineAndNothingIsWritten() throws Exception {
        Path source = dir.resolve("compose.yaml");
        Files.writeString(source, "services:\n  api:\n    image: \"open\n  x: [\n");
        Path out = dir.resolve("x.topology.json");

        CliTest.Run r = CliTest.run("import", source.toString(), "--out", out.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).matches("compose\\.yaml:\\d+: unreadable: not YAML: [^\\n]*; nothing imported")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingSourceOrAnOutputThatIsNotATopologyFileIsRefused() {
        CliTest.Run missing = CliTest.run("import", dir.resolve("nope.yaml").toString(), "--out",
                dir.resolve("a.topology.json").toString());
        CliTest.Run badOut = CliTest.run("import", "x.yaml", "--out", dir.resolve("a.json").toString());

        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: unreadable: no such file");
        assertThat(badOut.code()).isEqualTo(2);
        assertThat(badOut.err()).contains("the output must be a NAME.topology.json file");
    }
}
