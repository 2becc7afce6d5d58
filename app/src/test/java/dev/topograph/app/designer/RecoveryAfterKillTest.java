package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.files.RecoveryStore;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.file.ProjectFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The crash the issue names, with a real process: a designer started in its own JVM makes an
 * unsaved edit (through the test-only {@code topograph.test.editAfterStart} hook, which runs it on
 * the normal command path), its recovery copy appears, and it is killed with SIGKILL. The designer
 * started again, in this JVM with the same data folder, offers the edit; Recover shows it as
 * unsaved changes of the file, and saving writes exactly the edited design. Needs a display (CI
 * runs the tests under xvfb-run).
 */
class RecoveryAfterKillTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    @TempDir
    Path temp;
    private Process killed;
    private Application restarted;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (killed != null) {
            killed.destroyForcibly();
        }
        if (restarted != null) {
            FxToolkit.cleanupApplication(restarted);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void afterAKillMidEditTheNextStartOffersTheEditAndRecoverRestoresIt() throws Exception {
        Path design = Files.copy(EXAMPLE, temp.resolve("shop.topology.json"));
        byte[] saved = Files.readAllBytes(design);
        Path data = temp.resolve("data");
        Path recovery = new UserDirectories(data, data).recovery();
        Path copy = recovery.resolve(RecoveryStore.key(Optional.of(design)) + ".topology.json");
        // The store writes the copy, then the note that names its file; a copy without its note is never offered.
        Path note = recovery.resolve(RecoveryStore.key(Optional.of(design)) + ".origin.json");
        String edited = sameEditWithoutAWindow(design);

        killed = startDesignerProcess(design, data);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(note) && Files.exists(copy) && Files.readString(copy).equals(edited))) {
            assertThat(killed.isAlive()).as("the designer process runs; its output:%n%s", log()).isTrue();
            assertThat(System.nanoTime()).as("the recovery copy appears within 20 s; output:%n%s", log())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(killed.isAlive()).isFalse();
        assertThat(Files.readAllBytes(design)).as("the user's file is never autosaved over").isEqualTo(saved);
        assertThat(copy).exists();

        restarted = restartInThisJvm(data);
        FxRobot robot = new FxRobot();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#recovery-offer").tryQuery().isPresent());
        robot.clickOn("#recovery-recover");
        Stage window = FxToolkit.toolkitContext().getRegisteredStage();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "• shop.topology.json — Topograph".equals(window.getTitle()));

        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.S);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.readString(design).equals(edited));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "shop.topology.json — Topograph".equals(window.getTitle()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !Files.exists(copy));
    }

    /** The design as the hook's edit leaves it, made here without a window. */
    private static String sameEditWithoutAWindow(Path design) {
        MainViewModel headless = new MainViewModel(TaskExecutor.synchronous(), 0);
        headless.document().open(design, e -> { throw new AssertionError(e); });
        assertThat(headless.canvas().addNode("service", TestEditHook.X, TestEditHook.Y)).isPresent();
        return new ProjectFile().write(headless.document().topology());
    }

    private Process startDesignerProcess(Path design, Path data) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dprism.order=" + System.getProperty("prism.order", "sw"));
        command.add("-D" + UserDirectories.DATA_DIR_PROPERTY + "=" + data);
        command.add("-D" + TestEditHook.PROPERTY + "=service");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.topograph.app.Main");
        command.add("open");
        command.add(design.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(temp.resolve("designer.log").toFile())
                .start();
    }

    private String log() throws Exception {
        Path log = temp.resolve("designer.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Starts the designer as DesignerApp does, reading its user folders from {@code data}. */
    private static Application restartInThisJvm(Path data) throws Exception {
        FxToolkit.registerPrimaryStage();
        String before = System.getProperty(UserDirectories.DATA_DIR_PROPERTY);
        System.setProperty(UserDirectories.DATA_DIR_PROPERTY, data.toString());
        try {
            return FxToolkit.setupApplication(DesignerApp::new);
        } finally {
            if (before == null) {
                System.clearProperty(UserDirectories.DATA_DIR_PROPERTY);
            } else {
                System.setProperty(UserDirectories.DATA_DIR_PROPERTY, before);
            }
        }
    }
}
