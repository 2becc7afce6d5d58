package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.app.designer.canvas.DiagramCanvas;
import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
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
        boolean display = System.getenv("DISPLAY") != null;
        if (!display && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must provide a display (xvfb-run) for the window tests");
        }
        assumeTrue(display, "no display");
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
