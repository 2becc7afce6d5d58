package dev.topograph.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.LaunchFixtures.Recorder;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.app.launch.local.LocalLauncher;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a start can fail ends with nothing of the run left, through real servers and real launcher
 * processes: a node no provider serves while PostgreSQL is still in initdb beside it, Ctrl-C while a
 * service starts beside live servers, and the launcher killed then, which `topograph status` reports and
 * `topograph down` cleans up, record or no record.
 */
class FailedRunTest {
    private static final Path HALF = Path.of("src/test/resources/launch/half.topology.json").toAbsolutePath();
    private static String previous;

    @BeforeAll
    static void machine() {
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

    @Test
    void aNodeNoProviderServesFailsTheRunAndTheServersStartingBesideItAreStoppedToo() throws Exception {
        Topology half = new ProjectFile().load(HALF);
        Recorder recorder = new Recorder();
        Run run = new LocalLauncher(LaunchFixtures.settings(ProviderKind.BINARY), HALF.toString())
                .launch(half, recorder);
        Run.Outcome outcome = run.awaitStarted(Duration.ofMinutes(6)).orElseThrow();

        assertThat(outcome.running()).isFalse();
        assertThat(outcome.reason()).startsWith("a-stream: nothing here can serve kafka");
        await().atMost(Duration.ofMinutes(1)).until(run::isStopped);
        assertThat(run.statuses()).filteredOn(s -> !s.node().equals("a-stream"))
                .allMatch(s -> s.state() == NodeState.STOPPED);
        LaunchFixtures.assertNothingLeft("half", recorder.statuses.stream().flatMap(s -> s.pid().stream()).toList());
        assertThat(new Leftovers(LaunchFixtures.HOME, Optional.empty()).of("half")).isEmpty();
    }

    @Test
    void ctrlCWhileAServiceStartsStopsTheServersAlreadyUp(@TempDir Path dir) throws Exception {
        Process launcher = up(slowItems(dir), "ctrl-c");
        List<Long> pids;
        try {
            RunRecord starting = awaitRecord(launcher, FailedRunTest::itemsStartingBesideLiveServers);
            pids = starting.nodes().stream().map(RunRecord.Node::pid).filter(p -> p > 0).toList();
            new ProcessBuilder("kill", "-INT", String.valueOf(launcher.pid())).start().waitFor();
            assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).as("the launcher stopped").isTrue();
        } finally {
            launcher.destroyForcibly().waitFor();
        }
        LaunchFixtures.assertNothingLeft("half", pids);
        assertThat(new Leftovers(LaunchFixtures.HOME, Optional.empty()).of("half")).isEmpty();
    }

    @Test
    void aLauncherKilledWhileAServiceStartsLeavesWhatStatusReportsAndDownRemovesWithoutItsRecord(@TempDir Path dir)
            throws Exception {
        Path design = slowItems(dir);
        Process launcher = up(design, "killed-start");
        List<Long> pids = new ArrayList<>();
        try {
            RunRecord starting = awaitRecord(launcher, FailedRunTest::itemsStartingBesideLiveServers);
            starting.nodes().stream().map(RunRecord.Node::pid).filter(p -> p > 0).forEach(pids::add);
        } finally {
            launcher.destroyForcibly().waitFor();
        }
        pids.addAll(pids.stream().flatMap(p -> ProcessHandle.of(p).stream()).flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid).toList());
        assertThat(pids).hasSizeGreaterThanOrEqualTo(4)
                .allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
        // As a stop cut short leaves it: no record, servers still up. Their data folders name the dead launcher.
        Files.delete(LaunchFixtures.HOME.project("half").resolve(RunRecord.FILE));

        Result status = topograph("status", design.toString());
        assertThat(status.code()).isEqualTo(3);
        assertThat(status.out()).startsWith("half is not running, but a run that failed or was killed left ")
                .contains(" processes, ").contains(" data folders").contains("topograph down " + design);
        long before = System.nanoTime();
        Result down = topograph("down", design.toString());
        long millis = (System.nanoTime() - before) / 1_000_000;
        System.out.println("down removed a killed run's leftovers in " + millis + " ms: " + down.out().strip());
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("removing what was left: half: ").endsWith("half is stopped.\n");

        LaunchFixtures.assertNothingLeft("half", pids);
        assertThat(topograph("status", design.toString()).out()).isEqualTo("half is not running.\n");
    }

    /** The half-drawn design in a code folder whose items service takes a minute before it listens. */
    private static Path slowItems(Path dir) throws Exception {
        Path code = dir.resolve("half");
        Result generated = topograph("generate", HALF.toString(), "--out", code.toString());
        assertThat(generated.code()).as(generated.err()).isZero();
        Files.writeString(code.resolve("services/items/cmd/items/slow.go"), """
                package main

                import "time"

                func init() { time.Sleep(time.Minute) }
                """);
        return code.resolve("half.topology.json");
    }

    private static boolean itemsStartingBesideLiveServers(RunRecord r) {
        return r.nodes().stream().anyMatch(n -> n.id().equals("items") && n.state().equals("starting") && n.pid() > 0)
                && r.nodes().stream().filter(n -> n.pid() > 0 && n.state().equals("healthy")).count() >= 3;
    }

    /**
     * {@code topograph up} of a design in a process of its own, its servers from this machine's binaries
     * and the embedded dev servers (kfake for the Kafka queue).
     */
    private static Process up(Path design, String log) throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-D" + UserDirectories.DATA_DIR_PROPERTY + "=" + LaunchFixtures.HOME.root(),
                "-cp", System.getProperty("java.class.path"), "dev.topograph.app.Main", "up", design.toString(),
                "--free-ports", "--infra", "binary,embedded", "--no-watch", "--timeout", "120");
        Files.createDirectories(LaunchFixtures.HOME.root());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LaunchFixtures.HOME.root().resolve(log + ".log").toFile()).start();
    }

    private static RunRecord awaitRecord(Process launcher, Predicate<RunRecord> test) {
        Path folder = LaunchFixtures.HOME.project("half");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> !launcher.isAlive() || RunRecord.read(folder)
                        .filter(r -> r.launcherPid() == launcher.pid()).filter(test).isPresent());
        assertThat(launcher.isAlive()).as("the launcher was starting the run").isTrue();
        return RunRecord.read(folder).orElseThrow();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result topograph(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = dev.topograph.app.cli.TopographCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
