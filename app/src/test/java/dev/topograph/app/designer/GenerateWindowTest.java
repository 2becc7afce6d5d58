package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.export.GenerateViewModel.Obstacle;
import dev.topograph.app.designer.export.GenerationSummary.Change;
import dev.topograph.app.designer.export.GenerationSummary.Line;
import dev.topograph.app.files.ShortPath;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Generate in the real window: a folder holding a README.md the user wrote is asked about by name,
 * Cancel leaves it alone, Replace keeps a copy; the design then lives in its code folder (title and
 * status bar say so). Writes {@code docs/screenshots/designer-generate.png}. Needs a display.
 */
@ExtendWith(ApplicationExtension.class)
class GenerateWindowTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLES = REPO.resolve("examples");
    private static final String NOTES = "# Shop\nMy notes, not Topograph's.\n";

    private Path dir;
    private Stage stage;
    private MainViewModel viewModel;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @Start
    void start(Stage stage) throws Exception {
        Platform.setImplicitExit(false);
        this.stage = stage;
        dir = Files.createTempDirectory("topograph-generate-window");
        viewModel = new MainViewModel(new BackgroundTaskExecutor(new FxUiExecutor()), 50,
                new UserDirectories(dir.resolve("config"), dir.resolve("data")), 100);
        DesignerApp.show(stage, viewModel).start(Optional.empty());
    }

    @AfterEach
    void removeTheFolders() {
        if (dir != null) {
            dev.topograph.app.launch.ProcessInstance.deleteTree(dir);
        }
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void awaitDialog(FxRobot robot, String id) throws Exception {
        waitFor(() -> robot.lookup("#" + id).tryQuery().map(Node::isVisible).orElse(false));
    }

    /** A label inside the dialog {@code id} whose text is exactly {@code text}. */
    private static boolean shows(FxRobot robot, String id, String text) {
        return robot.lookup("#" + id).lookup((Node n) -> n instanceof Labeled l && text.equals(l.getText()))
                .tryQuery().isPresent();
    }

    private static String names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return String.join(", ", files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** Generate, confirm the proposed folder, and wait for the question about files in the way. */
    private void generateIntoTheProposedFolder(FxRobot robot, Path expected) throws Exception {
        robot.clickOn("#generate");
        awaitDialog(robot, "generate-where");
        assertThat(robot.lookup("#generate-folder").queryAs(TextField.class).getText()).isEqualTo(expected.toString());
        robot.clickOn("#generate-confirm");
        awaitDialog(robot, "generate-in-the-way");
    }

    @Test
    void filesInTheWayAreAskedAboutByNameAndReplacedWithCopiesAndTheDesignMovesInWithItsCode(FxRobot robot)
            throws Exception {
        Path design = Files.createDirectories(dir.resolve("designs")).resolve("shop.topology.json");
        Files.copy(EXAMPLES.resolve("shop.topology.json"), design);
        Path folder = Files.createDirectories(dir.resolve("designs/shop"));
        Files.writeString(folder.resolve("README.md"), NOTES);
        fx(() -> {
            viewModel.document().open(design, e -> { throw new AssertionError(e); });
            return null;
        });
        waitFor(() -> viewModel.document().fileProperty().get().isPresent());
        MenuButton codeFolder = robot.lookup("#code-folder").queryAs(MenuButton.class);
        assertThat(codeFolder.getText()).isEqualTo("No code folder yet");

        generateIntoTheProposedFolder(robot, folder);
        ListView<?> inTheWay = robot.lookup("#generate-in-the-way-files").queryAs(ListView.class);
        assertThat(inTheWay.getItems()).extracting(o -> ((Obstacle) o).path()).containsExactly("README.md");
        assertThat(shows(robot, "generate-in-the-way", "README.md")).as("the file is named on screen").isTrue();
        assertThat(shows(robot, "generate-in-the-way", "Topograph did not write this file, and would replace it"))
                .isTrue();
        robot.clickOn("Cancel");
        waitFor(() -> robot.lookup("#generate-in-the-way").tryQuery().isEmpty());
        assertThat(Files.readString(folder.resolve("README.md"))).isEqualTo(NOTES);
        assertThat(names(folder)).as("nothing was written").isEqualTo("README.md");
        assertThat(viewModel.document().fileProperty().get()).contains(design.toAbsolutePath());
        assertThat(stage.getTitle()).isEqualTo("shop.topology.json — Topograph");

        generateIntoTheProposedFolder(robot, folder);
        robot.clickOn("#generate-replace");
        awaitDialog(robot, "generate-summary");
        assertThat(Files.readString(folder.resolve("README.md.orig"))).isEqualTo(NOTES);
        assertThat(Files.readString(folder.resolve("README.md"))).isNotEqualTo(NOTES);
        ListView<?> files = robot.lookup("#generate-files").queryAs(ListView.class);
        assertThat(files.getItems().get(0)).isEqualTo(new Line(Change.COPY_KEPT, "README.md.orig",
                "your README.md as it was before this generation"));
        assertThat(files.getItems()).hasSizeGreaterThan(30);
        assertThat(shows(robot, "generate-summary", "README.md.orig")).isTrue();
        Path moved = folder.resolve("shop.topology.json");
        assertThat(robot.lookup("#generate-moved").queryAs(Labeled.class).getText())
                .startsWith("The design lives with its code now:\n" + moved + "\n");
        assertThat(robot.lookup("#generate-counts").queryAs(Labeled.class).getText()).endsWith(", 1 copy kept.");
        assertThat(shows(robot, "generate-summary", "On top, what needs a look: copies of the files Topograph replaced."))
                .isTrue();
        writeScreenshot(robot.lookup("#generate-summary").queryAs(DialogPane.class));

        assertThat(viewModel.document().fileProperty().get()).contains(moved);
        assertThat(stage.getTitle()).isEqualTo("shop.topology.json (" + ShortPath.of(folder) + ") — Topograph");
        assertThat(codeFolder.getText()).isEqualTo(ShortPath.of(folder));
        assertThat(codeFolder.getTooltip().getText()).isEqualTo("The design's code folder: " + folder);
        robot.clickOn("Close");
        waitFor(() -> robot.lookup("#generate-summary").tryQuery().isEmpty());

        // From now on Generate asks nothing: it brings the code folder up to date.
        robot.clickOn("#generate");
        awaitDialog(robot, "generate-summary");
        assertThat(robot.lookup("#generate-where").tryQuery()).isEmpty();
        assertThat(robot.lookup("#generate-counts").queryAs(Labeled.class).getText())
                .startsWith("0 added, 0 changed, 0 removed, ");
        robot.clickOn("Close");
    }

    private static void writeScreenshot(DialogPane pane) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> pane.getScene().snapshot(null));
        Path shot = Files.createDirectories(REPO.resolve("docs/screenshots")).resolve("designer-generate.png");
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", shot.toFile())) {
            throw new IOException("no PNG writer");
        }
        assertThat(ImageIO.read(shot.toFile()).getWidth()).as("wide enough for the paths").isGreaterThanOrEqualTo(760);
        assertThat(Files.size(shot)).as("a real picture").isGreaterThan(20_000);
    }
}
