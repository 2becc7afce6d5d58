package dev.topograph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.RunRecord;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code topograph up --detach}, {@code status} and {@code down} on a real run in a launcher of its own. */
class RunCommandsTest {
    private static final String TINY = Path.of("src/test/resources/launch/tiny.topology.json").toAbsolutePath().toString();
    private static String previous;

    @BeforeAll
    static void home() {
        LaunchFixtures.assumeMachineCanRun();
        previous = System.getProperty(UserDirectories.DATA_DIR_PROPERTY);
        System.setProperty(UserDirectories.DATA_DIR_PROPERTY, LaunchFixtures.HOME.root().toString());
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty(UserDirectories.DATA_DIR_PROPERTY);
        } else {
            System.setProperty(UserDirectories.DATA_DIR_PROPERTY, previous);
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result topograph(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TopographCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aDetachedRunServesTheUsersCodeIsListedByStatusAndStoppedByDown(@TempDir Path dir) throws Exception {
        Path code = dir.resolve("tiny");
        Result generated = topograph("generate", TINY, "--out", code.toString());
        assertThat(generated.code()).as(generated.err()).isZero();
        assertThat(generated.out()).contains("The design lives with its code now");
        String design = code.resolve("tiny.topology.json").toString();
        Path handler = code.resolve("services/items/internal/handlers/get_items.go");
        Files.writeString(handler, Files.readString(handler).replace("httpx.Encode(w, r, http.StatusOK, items)",
                "httpx.Encode(w, r, http.StatusOK, map[string]any{\"marker\": \"yours-4711\", \"items\": items})"));

        Result up = topograph("up", design, "--detach", "--free-ports", "--infra", "binary");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("tiny is running").containsPattern("edge +healthy +process +pid \\d+ +http://127");
        RunRecord started = RunRecord.read(LaunchFixtures.HOME.project("tiny")).orElseThrow();
        assertThat(started.systemFolder()).isEqualTo(code.toAbsolutePath().normalize().toString());
        String edge = started.nodes().stream().filter(n -> n.id().equals("edge")).findFirst().orElseThrow().url();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(edge + "/items")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).as("what the gateway answers is the user's handler").contains("yours-4711");
        assertThat(Files.readString(handler)).contains("yours-4711");

        Result status = topograph("status", design);
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("tiny: process mode, launcher pid").contains("started")
                .containsPattern("item-events +healthy +nats-server on PATH");
        RunRecord record = RunRecord.read(LaunchFixtures.HOME.project("tiny")).orElseThrow();
        List<Long> pids = record.nodes().stream().map(RunRecord.Node::pid).toList();
        assertThat(pids).hasSize(5).allMatch(p -> p > 0);

        Result json = topograph("status", design, "--format", "json");
        assertThat(json.out()).contains("\"launcherPid\" : " + record.launcherPid());

        // top reads each program's metrics port, which the record keeps apart from the port clients use.
        RunRecord.Node items = record.nodes().stream().filter(n -> n.id().equals("items")).findFirst().orElseThrow();
        assertThat(items.metricsUrl()).startsWith("http://127.0.0.1:").endsWith("/metrics")
                .isNotEqualTo(items.url() + "/metrics");
        Result top = topograph("top", design, "--once", "--seconds", "2", "--format", "json");
        assertThat(top.code()).as(top.err()).isZero();
        assertThat(top.out()).contains("\"node\" : \"items\"").contains("\"node\" : \"edge\"")
                .contains("\"goroutines\"").doesNotContain("\"problem\"");

        Result logs = topograph("logs", design);
        assertThat(logs.out().lines()).contains("audit", "edge", "item-events", "items", "items-cache");
        Result itemsLog = topograph("logs", design, "items", "-n", "1000");
        assertThat(itemsLog.code()).isZero();
        assertThat(itemsLog.out()).contains("[topograph] started by process as pid").contains("\"service\":\"items\"");
        assertThat(topograph("logs", design, "nobody").code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);

        Result down = topograph("down", design);
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("tiny is stopped.");
        LaunchFixtures.assertNothingLeft("tiny", pids);
        assertThat(ProcessHandle.of(record.launcherPid()).filter(ProcessHandle::isAlive)).isEmpty();

        Result after = topograph("status", design);
        assertThat(after.code()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(after.out()).contains("tiny is not running.");
    }

    @Test
    void aDesignThatCannotRunExitsOneWithTheReason() {
        Result up = topograph("up", Path.of("..", "examples", "anti-patterns.topology.json").toAbsolutePath().toString(),
                "--free-ports", "--scratch");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.err()).startsWith("topograph up: The design has");
    }

    @Test
    void aDesignWithoutACodeFolderIsToldHowToGetOneAndNothingStarts() {
        Result up = topograph("up", TINY, "--free-ports");
        assertThat(up.code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);
        assertThat(up.err()).contains("has no code folder yet").contains("topograph generate " + TINY + " --out")
                .contains("topograph up --scratch " + TINY);
        assertThat(RunRecord.read(LaunchFixtures.HOME.project("tiny"))).isEmpty();
    }

    @Test
    void anUnreadableFileExitsTwo() {
        assertThat(topograph("up", "no-such.topology.json").code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);
        assertThat(topograph("down", "no-such.topology.json").code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);
        assertThat(topograph("status", "no-such.topology.json").code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);
    }
}
