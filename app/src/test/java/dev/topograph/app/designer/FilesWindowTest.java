package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.files.RecoveryStore;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import dev.topograph.model.file.ProjectFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The file side of the real window: the "save changes?" prompt on New, Open Recent and close;
 * Save in the prompt saves before going on; Generate refuses a design with errors and says why.
 * Needs a display (CI runs the tests under xvfb-run).
 */
@ExtendWith(ApplicationExtension.class)
class FilesWindowTest {
    private static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

    private Path dir;
    private Stage stage;
    private MainViewModel viewModel;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @Start
    void start(Stage stage) throws Exception {
        // One test closes the window; the toolkit must outlive it for the next test.
        Platform.setImplicitExit(false);
        this.stage = stage;
        dir = Files.createTempDirectory("topograph-files-window");
        viewModel = new MainViewModel(new BackgroundTaskExecutor(new FxUiExecutor()), 50,
                new UserDirectories(dir.resolve("config"), dir.resolve("data")), 100);
        DesignerApp.show(stage, viewModel).start(Optional.empty());
    }

    @org.junit.jupiter.api.AfterEach
    void removeTheUsersFolders() {
        if (dir != null) {
            dev.topograph.app.launch.ProcessInstance.deleteTree(dir);
        }
    }

    private Path example(String name) throws Exception {
        return Files.copy(EXAMPLES.resolve(name), dir.resolve(name));
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void open(Path design) throws Exception {
        fx(() -> {
            viewModel.document().open(design, e -> { throw new AssertionError(e); });
            return null;
        });
        waitFor(() -> viewModel.document().fileProperty().get().equals(Optional.of(design.toAbsolutePath()))
                && !viewModel.document().dirtyProperty().get());
    }

    /** Adds a service through the canvas; returns its id. */
    private String addAService() throws Exception {
        Optional<String> id = fx(() -> viewModel.canvas().addNode("service", 1200, 700));
        waitFor(() -> viewModel.document().dirtyProperty().get());
        return id.orElseThrow();
    }

    /** A label on screen (in a showing window) whose text contains {@code text}, such as a menu item's. */
    private static Node showing(FxRobot robot, String text) {
        return robot.lookup((Node n) -> n instanceof Labeled l && l.getText() != null && l.getText().contains(text)
                && n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing())
                .query();
    }

    private void awaitDialog(FxRobot robot, String id) throws Exception {
        waitFor(() -> robot.lookup("#" + id).tryQuery().isPresent());
    }

    @Test
    void newAsksAboutUnsavedChangesCancelKeepsThemAndDontSaveDropsThem(FxRobot robot) throws Exception {
        Path shop = example("shop.topology.json");
        open(shop);
        addAService();
        assertThat(stage.getTitle()).isEqualTo("• shop.topology.json — Topograph");

        robot.clickOn("File").clickOn("New");
        awaitDialog(robot, "confirm-discard");
        robot.clickOn("Cancel");
        waitFor(() -> robot.lookup("#confirm-discard").tryQuery().isEmpty());
        assertThat(viewModel.document().dirtyProperty().get()).isTrue();
        assertThat(viewModel.document().fileProperty().get()).contains(shop.toAbsolutePath());

        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.N);
        awaitDialog(robot, "confirm-discard");
        robot.clickOn("Don't Save");
        waitFor(() -> viewModel.document().fileProperty().get().isEmpty());
        assertThat(viewModel.document().dirtyProperty().get()).isFalse();
        assertThat(viewModel.document().topology().nodes()).isEmpty();
        assertThat(stage.getTitle()).isEqualTo("untitled — Topograph");
        assertThat(Files.readString(shop)).isEqualTo(Files.readString(EXAMPLES.resolve("shop.topology.json")));
    }

    @Test
    void saveInThePromptSavesFirstThenOpensTheRecentDesign(FxRobot robot) throws Exception {
        Path other = example("anti-patterns.topology.json");
        Path shop = example("shop.topology.json");
        open(other);
        open(shop);
        assertThat(viewModel.recentFiles().filesProperty().get()).startsWith(shop, other);
        String added = addAService();

        robot.clickOn("File").clickOn("Open Recent");
        robot.clickOn(showing(robot, "anti-patterns.topology.json"));
        awaitDialog(robot, "confirm-discard");
        robot.clickOn("Save");
        waitFor(() -> viewModel.document().fileProperty().get().equals(Optional.of(other)));
        assertThat(viewModel.document().dirtyProperty().get()).isFalse();
        assertThat(new ProjectFile().load(shop).node(added)).as("the edit was saved first").isPresent();
    }

    @Test
    void generateRefusesADesignWithErrorsAndListsThem(FxRobot robot) throws Exception {
        open(example("anti-patterns.topology.json"));
        robot.clickOn("#generate");
        awaitDialog(robot, "generate-refused");
        DialogPane refusal = robot.lookup("#generate-refused").queryAs(DialogPane.class);
        assertThat(refusal.getHeaderText()).contains("so it cannot be generated yet");
        assertThat(((TextArea) refusal.getContent()).getText()).contains("TOPO0");
        robot.clickOn("OK");
    }

    @Test
    void closingWithUnsavedChangesAsksAndDontSaveLeavesNoRecoveryCopy(FxRobot robot) throws Exception {
        Path shop = example("shop.topology.json");
        open(shop);
        addAService();
        Path copy = dir.resolve("data/recovery").resolve(RecoveryStore.key(Optional.of(shop)) + ".topology.json");
        waitFor(() -> Files.exists(copy));

        // Not awaited: the close request shows a modal prompt and returns when it is answered.
        WaitForAsyncUtils.asyncFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        awaitDialog(robot, "confirm-discard");
        robot.clickOn("Don't Save");
        waitFor(() -> !stage.isShowing());
        assertThat(copy).doesNotExist();
        assertThat(Files.list(dir.resolve("data/recovery")).toList()).isEqualTo(List.of());
        assertThat(Files.readString(shop)).isEqualTo(Files.readString(EXAMPLES.resolve("shop.topology.json")));
    }
}
