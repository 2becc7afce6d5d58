package dev.topograph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.RunRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    void aDetachedRunIsListedByStatusAndStoppedByDown() throws Exception {
        Result up = topograph("up", TINY, "--detach", "--free-ports", "--infra", "binary");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("tiny is running").containsPattern("edge +healthy +process +pid \\d+ +http://127");

        Result status = topograph("status", TINY);
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("tiny: process mode, launcher pid").contains("started")
                .containsPattern("item-events +healthy +nats-server on PATH");
        RunRecord record = RunRecord.read(LaunchFixtures.HOME.project("tiny")).orElseThrow();
        List<Long> pids = record.nodes().stream().map(RunRecord.Node::pid).toList();
        assertThat(pids).hasSize(5).allMatch(p -> p > 0);

        Result json = topograph("status", TINY, "--format", "json");
        assertThat(json.out()).contains("\"launcherPid\" : " + record.launcherPid());

        Result logs = topograph("logs", TINY);
        assertThat(logs.out().lines()).contains("audit", "edge", "item-events", "items", "items-cache");
        Result itemsLog = topograph("logs", TINY, "items", "-n", "1000");
        assertThat(itemsLog.code()).isZero();
        assertThat(itemsLog.out()).contains("[topograph] started by process as pid").contains("\"service\":\"items\"");
        assertThat(topograph("logs", TINY, "nobody").code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);

        Result down = topograph("down", TINY);
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("tiny is stopped.");
        LaunchFixtures.assertNothingLeft("tiny", pids);
        assertThat(ProcessHandle.of(record.launcherPid()).filter(ProcessHandle::isAlive)).isEmpty();

        Result after = topograph("status", TINY);
        assertThat(after.code()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(after.out()).contains("tiny is not running.");
    }

    @Test
    void aDesignThatCannotRunExitsOneWithTheReason() {
        Result up = topograph("up", Path.of("..", "examples", "anti-patterns.topology.json").toAbsolutePath().toString(),
                "--free-ports");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.err()).startsWith("topograph up: The design has");
    }

    @Test
    void anUnreadableFileExitsTwo() {
        assertThat(topograph("up", "no-such.topology.json").code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);
        assertThat(topograph("down", "no-such.topology.json").code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);
        assertThat(topograph("status", "no-such.topology.json").code()).isEqualTo(TopographCommand.EXIT_UNUSABLE_INPUT);
    }
}
