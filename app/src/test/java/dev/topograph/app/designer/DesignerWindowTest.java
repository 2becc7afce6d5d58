package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.canvas.DiagramCanvas;
import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real designer window driven with the mouse: build a design from an empty canvas, see a
 * problem appear, undo and redo. Needs a display (CI runs the tests under xvfb-run).
 */
@ExtendWith(ApplicationExtension.class)
class DesignerWindowTest {
    private MainViewModel viewModel;
    private MainView view;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @Start
    void start(Stage stage) {
        viewModel = new MainViewModel(new BackgroundTaskExecutor(new FxUiExecutor()), 50);
        view = new MainView(viewModel);
        stage.setScene(new Scene(view.root(), 1400, 880));
        stage.show();
    }

    private Point2D screenOf(FxRobot robot, String nodeId) {
        DiagramCanvas canvas = view.canvas();
        DrawnNode n = viewModel.canvas().diagramProperty().get().nodesById().get(nodeId);
        double[] v = canvas.toView(n.centerX(), n.centerY());
        return canvas.localToScreen(v[0], v[1]);
    }

    private Point2D handleOf(String nodeId) {
        DiagramCanvas canvas = view.canvas();
        DrawnNode n = viewModel.canvas().diagramProperty().get().nodesById().get(nodeId);
        double[] v = canvas.toView(n.x() + DrawnNode.WIDTH, n.centerY());
        return canvas.localToScreen(v[0], v[1]);
    }

    private void moveTo(FxRobot robot, String nodeId, double canvasX, double canvasY) {
        Point2D from = screenOf(robot, nodeId);
        double[] v = view.canvas().toView(canvasX, canvasY);
        Point2D to = view.canvas().localToScreen(v[0], v[1]);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void connect(FxRobot robot, String from, String to) {
        robot.moveTo(screenOf(robot, from));
        robot.clickOn(screenOf(robot, from));
        robot.drag(handleOf(from), MouseButton.PRIMARY).moveTo(screenOf(robot, to)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void awaitProblem(String code, boolean present) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> viewModel.problems().itemsProperty().get().stream()
                .anyMatch(i -> i.code().equals(code)) == present);
    }

    @Test
    void buildADesignWithTheMouseSeeTopo030ThenUndoAndRedo(FxRobot robot) throws Exception {
        robot.clickOn("#palette-service");
        moveTo(robot, "service-1", 200, 200);
        robot.clickOn("#palette-queue");
        moveTo(robot, "queue-1", 500, 200);
        robot.clickOn("#palette-service");
        moveTo(robot, "service-2", 800, 200);
        assertThat(viewModel.document().topology().nodes()).hasSize(3);

        connect(robot, "queue-1", "service-2");
        assertThat(viewModel.document().topology().edges()).extracting(e -> e.key())
                .containsExactly("queue-1->service-2:subscribe");
        awaitProblem("TOPO030", true);
        assertThat(robot.lookup("#problems-list").queryListView().getItems())
                .anyMatch(i -> i.toString().contains("TOPO030"));

        connect(robot, "service-1", "queue-1");
        assertThat(viewModel.document().topology().edges()).hasSize(2);

        robot.clickOn("#undo");
        assertThat(viewModel.document().topology().edges()).hasSize(1);
        robot.clickOn("#redo");
        assertThat(viewModel.document().topology().edges()).hasSize(2);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.document().topology().edges()).hasSize(1);
        robot.clickOn("#redo");

        // The subscriber listens on the queue's own topic, the publisher on another: still TOPO030.
        awaitProblem("TOPO030", true);
        robot.interact(() -> viewModel.canvas().select(java.util.List.of("queue-1->service-2:subscribe")));
        robot.doubleClickOn("#inspector-topic").eraseText(40).write("service-1.created").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        awaitProblem("TOPO030", false);
        assertThat(viewModel.document().topology().edges()).extracting(e -> e.key())
                .contains("queue-1->service-2:subscribe:service-1.created");

        Path file = Files.createTempDirectory("designer").resolve("built.topology.json");
        java.util.concurrent.CountDownLatch saved = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> viewModel.document().save(file, saved::countDown, message -> { }));
        assertThat(saved.await(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.document().dirtyProperty().get()).isFalse();
        Topology savedDesign = viewModel.document().topology();
        robot.interact(() -> viewModel.document().newDocument());
        robot.interact(() -> view.open(file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.document().topology().equals(savedDesign));
        assertThat(new ProjectFile().write(viewModel.document().topology())).isEqualTo(Files.readString(file));
    }

    @Test
    void zeroIsActualSizeCtrlZeroFitsAndTheProblemCountReadsAsEnglish(FxRobot robot) throws Exception {
        robot.clickOn("#palette-service");
        robot.clickOn("#palette-queue");
        WaitForAsyncUtils.waitForFxEvents();
        // One queue with neither publisher nor subscriber: one warning or error, never "1 errors".
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#problems-list").queryListView().getItems().isEmpty());
        String title = robot.lookup(".problems-title").queryLabeled().getText();
        assertThat(title).doesNotContain("1 errors").doesNotContain("1 warnings").matches("Problems — \\d+ errors?, \\d+ warnings?");
        DiagramCanvas canvas = view.canvas();
        robot.interact(() -> canvas.setCamera(0.5, 0, 0));
        robot.clickOn(canvas.localToScreen(canvas.getWidth() - 20, canvas.getHeight() - 20));
        robot.type(javafx.scene.input.KeyCode.DIGIT0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.scale()).as("0 alone: 100 %").isEqualTo(1.0);
        // Far away and zoomed in: Ctrl+0 brings the design into view, as Fit does (0 alone would only set 100 %).
        robot.interact(() -> canvas.setCamera(2.0, 900, 900));
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT0)
                .release(javafx.scene.input.KeyCode.DIGIT0, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        double byKey = canvas.scale();
        double[] originByKey = canvas.toView(0, 0);
        robot.interact(() -> {
            canvas.setCamera(2.0, 900, 900);
            canvas.fitToView();
        });
        assertThat(byKey).as("Ctrl+0 fits, as the View menu says").isEqualTo(canvas.scale()).isLessThan(2.0);
        assertThat(originByKey).containsExactly(canvas.toView(0, 0));
    }

    @Test
    void aBrokenFileGetsAClearErrorAndTheCurrentDesignStays(FxRobot robot) throws Exception {
        robot.clickOn("#palette-service");
        Topology before = viewModel.document().topology();
        Path broken = Files.createTempDirectory("designer").resolve("broken.topology.json");
        Files.writeString(broken, "{ \"formatVersion\": 1, \"name\": \"x\", \"nodes\": [ { \"id\": \"a\" ");
        robot.interact(() -> view.open(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#open-error").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup("#open-error").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getContentText()).contains("broken.topology.json").contains("truncated");
        assertThat(viewModel.document().topology()).isEqualTo(before);
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
    }

    @Test
    void aConnectionBetweenKindsThatCannotJoinIsRefusedWhileDragging(FxRobot robot) {
        robot.clickOn("#palette-queue");
        moveTo(robot, "queue-1", 200, 200);
        robot.clickOn("#palette-cache");
        moveTo(robot, "cache-1", 600, 200);
        connect(robot, "queue-1", "cache-1");
        assertThat(viewModel.document().topology().edges()).isEmpty();
        assertThat(robot.lookup("#status").queryLabeled().getText()).contains("a queue cannot connect to a cache");
    }
}
