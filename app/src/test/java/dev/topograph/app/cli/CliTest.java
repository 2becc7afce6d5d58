package dev.topograph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit codes, what is printed, what is written. */
class CliTest {
    private static final Path SHOP = Path.of("../examples/shop.topology.json");
    private static final Path ANTI = Path.of("../examples/anti-patterns.topology.json");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TopographCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validateOfACleanDesignExitsZeroAndSaysSo() {
        Run r = run("validate", SHOP.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("0 errors, 0 warnings");
    }

    @Test
    void validateReportsEveryProblemWithCodeSeverityIdsAndWhyAndExitsOne() {
        Run r = run("validate", ANTI.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .contains("error TOPO010 shared-db, orders, invoices")
                .contains("a change to its schema breaks every one of them")
                .contains("quick fix: Give each service its own database")
                .contains("warning TOPO050 reports")
                .contains("9 errors, 8 warnings");
    }

    @Test
    void validateAsJsonGivesTheSameDiagnosticsForCi() throws IOException {
        Run r = run("validate", "--format", "json", ANTI.toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("errors").asInt()).isEqualTo(9);
        assertThat(report.get("warnings").asInt()).isEqualTo(8);
        JsonNode first = report.get("diagnostics").get(0);
        assertThat(first.get("code").asText()).isEqualTo("TOPO001");
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("elementIds").get(0).asText()).isEqualTo("Legacy_Batch");
        assertThat(first.get("message").asText()).contains("not valid");
    }

    @Test
    void anUnreadableFileExitsTwoWithOneLineThatSaysWhereAndWhat() throws IOException {
        Path bad = dir.resolve("bad.topology.json");
        Files.writeString(bad, "{\n  \"formatVersion\": 1,\n  \"name\": \"x\",\n  \"nodes\": [\n"
                + "    { \"id\": \"a\", \"kind\": \"service\", \"port\": \"80\" }\n  ]\n}\n");
        Run r = run("validate", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "bad.topology.json:5:37: $.nodes[0].port: expected a whole number, found the string \"80\"");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aFrameworkTopographDoesNotKnowIsRefusedNamingTheFileTheFieldAndTheChoices() throws IOException {
        Path bad = dir.resolve("fiber.topology.json");
        Files.writeString(bad, "{\n  \"formatVersion\": 1,\n  \"name\": \"x\",\n  \"nodes\": [\n"
                + "    { \"id\": \"a\", \"kind\": \"service\", \"port\": 8080, \"framework\": \"fiber\" }\n  ]\n}\n");
        for (String[] command : List.of(new String[] {"validate", bad.toString()},
                new String[] {"generate", bad.toString(), "-o", dir.resolve("out").toString()})) {
            Run r = run(command);
            assertThat(r.code()).as(command[0]).isEqualTo(2);
            assertThat(r.err().strip()).as(command[0]).endsWith("fiber.topology.json:5:51: $.nodes[0].framework: "
                    + "unknown framework \"fiber\"; use one of nethttp, gin, echo");
        }
    }

    @Test
    void anUnreadableFileAsJsonNamesPathLineAndColumn() throws IOException {
        Path bad = dir.resolve("cut.topology.json");
        Files.writeString(bad, "{ \"formatVersion\": 1, \"name\": \"x\", \"nodes\": [");
        Run r = run("validate", "--format", "json", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        JsonNode error = new ObjectMapper().readTree(r.out()).get("error");
        assertThat(error.get("message").asText()).contains("truncated");
        assertThat(error.get("line").asInt()).isEqualTo(1);
    }

    @Test
    void aMissingFileExitsTwo() {
        Run r = run("validate", dir.resolve("nope.topology.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void newWritesTheShopExampleThatValidatesClean() throws IOException {
        Path target = dir.resolve("shop.topology.json");
        Run r = run("new", "--example", "shop", "-o", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readString(target)).isEqualTo(Files.readString(SHOP));
        assertThat(run("validate", target.toString()).code()).isZero();
    }

    @Test
    void newRefusesToOverwriteWithoutForce() throws IOException {
        Path target = dir.resolve("mine.topology.json");
        Files.writeString(target, "precious");
        Run r = run("new", "--example", "shop", "-o", target.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("already exists");
        assertThat(Files.readString(target)).isEqualTo("precious");
        assertThat(run("new", "--example", "shop", "-o", target.toString(), "--force").code()).isZero();
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).contains("\"name\": \"shop\"");
    }

    @Test
    void newMakesAnEmptyDesignAndRefusesABadName() throws IOException {
        assertThat(run("new", "my-system", "-o", dir.toString()).code()).isZero();
        assertThat(Files.readString(dir.resolve("my-system.topology.json")))
                .startsWith("{\n  \"formatVersion\": 1,\n  \"name\": \"my-system\"");
        Run bad = run("new", "../evil", "-o", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not a valid name");
        assertThat(run("new", "--example", "nope").err()).contains("unknown example");
    }

    @Test
    void unknownOptionsGiveUsageNotAStackTrace() {
        Run r = run("validate", "--frobnicate", "x.topology.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option").doesNotContain("\tat ");
    }
}
