package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.DiagramCanvas;
import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.live.FakeMetricsSource;
import dev.topograph.app.designer.run.FakeRunService;
import dev.topograph.app.designer.run.FakeRunService.FakeRun;
import dev.topograph.app.designer.run.LogRow;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run ▶ in the real window with a fake launcher: the example starts, its nodes turn healthy on
 * the canvas (and one crashes), the Logs tab shows a node's lines and filters them, Stop stops.
 * Writes {@code docs/screenshots/designer-running.png}. Needs a display (CI runs the tests under xvfb-run).
 */
@ExtendWith(ApplicationExtension.class)
class RunWindowTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLE = REPO.resolve("examples/shop.topology.json");
    private static final Set<String> INFRA = Set.of("orders-db", "order-events", "payments-db", "payment-events",
            "catalog-db", "catalog-cache", "inventory-db", "shipping-db");

    @TempDir
    static Path user;
    private final FakeRunService service = new FakeRunService();
    private MainViewModel viewModel;
    private MainView view;
    private Stage stage;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxUiExecutor ui = new FxUiExecutor();
        service.leftovers = List.of(new Leftovers.Found("shop", user.resolve("runs/shop"),
                List.of(), List.of(), List.of(user.resolve("topograph-shop--orders-db-1"))));
        // Nothing answers at the fake run's addresses: its figures are left out (LiveWindowTest has them).
        viewModel = new MainViewModel(new BackgroundTaskExecutor(ui), 50, new UserDirectories(user, user), 60_000,
                service, ui, RunViewModel.COALESCE_MILLIS, FakeMetricsSource.silentTools(), new BackgroundTaskExecutor(ui));
        view = DesignerApp.show(stage, viewModel);
        // The design opened has no code folder: run it bare rather than ask (RealRunWindowTest answers the question).
        viewModel.run().onNeedCodeFolder(question -> java.util.Optional.of(
                new dev.topograph.app.designer.run.RunViewModel.CodeFolderAnswer.Bare()));
        view.start(Optional.of(EXAMPLE));
    }

    @Test
    void runTheExampleSeeItsNodesTurnHealthyReadALogAndStop(FxRobot robot) throws Exception {
        // At start: the offer to clean up after an interrupted run.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#leftovers-offer").tryQuery().isPresent());
        assertThat(robot.lookup("#leftovers-offer").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .isEqualTo("A run of shop was interrupted and left 1 data folder.");
        robot.clickOn("#leftovers-clean");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> service.cleaned.size() == 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.document().fileProperty().get().isPresent()
                && viewModel.canvas().diagramProperty().get().nodes().size() == 15);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> service.run != null
                && viewModel.run().phaseProperty().get() == RunViewModel.Phase.RUNNING);
        Button run = robot.lookup("#run-button").queryButton();
        assertThat(run.getText()).isEqualTo("Stop");
        FakeRun fake = service.run;

        // What a launcher says while the example comes up, from a thread of its own.
        for (String node : fake.nodes) {
            fake.emit(node, INFRA.contains(node) ? NodeState.STARTING : NodeState.BUILDING, "", "", 0);
        }
        for (String node : fake.nodes) {
            String provider = !INFRA.contains(node) ? "process"
                    : node.endsWith("-db") ? "PostgreSQL from /usr/lib/postgresql/16/bin"
                    : node.endsWith("-cache") ? "redis-server on PATH" : "nats-server on PATH";
            fake.log(node, "started by " + provider + " as pid " + (4000 + fake.nodes.indexOf(node)), true);
            for (int i = 0; i < 40; i++) {
                fake.log(node, "{\"time\":\"2025-05-01T10:00:" + String.format("%02d", i) + "Z\",\"level\":\"INFO\","
                        + "\"msg\":\"request\",\"method\":\"GET\",\"path\":\"/" + node + "/" + i + "\",\"code\":200}", false);
            }
            if (node.equals("catalog")) {
                fake.log(node, "panic: runtime error: invalid memory address or nil pointer dereference", false);
                fake.log(node, "crashed: exited with code 2: panic: runtime error: invalid memory address", true);
                fake.emit(node, NodeState.CRASHED, provider,
                        "exited with code 2: panic: runtime error: invalid memory address", 2);
            } else {
                fake.emit(node, NodeState.HEALTHY, provider, "", 0);
            }
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> badge("orders").map(RunBadge::state)
                .equals(Optional.of("healthy")) && badge("catalog").map(RunBadge::state).equals(Optional.of("crashed")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-summary").queryLabeled().getText())
                .isEqualTo("shop: 14 of 15 healthy · catalog crashed (restart 2)");

        // A user sees pixels: the ring around orders is drawn in the healthy colour, catalog's in danger.
        WritableImage canvasPixels = WaitForAsyncUtils.asyncFx(() -> view.canvas().snapshot(null, null))
                .get(5, TimeUnit.SECONDS);
        assertThat(ringColourNear(canvasPixels, "orders", CanvasPalette.LIGHT.ok())).isTrue();
        assertThat(ringColourNear(canvasPixels, "catalog", CanvasPalette.LIGHT.danger())).isTrue();
        assertThat(ringColourNear(canvasPixels, "catalog", CanvasPalette.LIGHT.ok())).isFalse();

        // Right click on catalog: Show logs brings its lines forward.
        robot.clickOn(screenOf("catalog"), MouseButton.SECONDARY);
        robot.clickOn("Show logs");
        WaitForAsyncUtils.waitForFxEvents();
        TabPane panels = robot.lookup("#panels").queryAs(TabPane.class);
        assertThat(panels.getSelectionModel().getSelectedItem().getText()).isEqualTo("Logs");
        assertThat(viewModel.run().logs().selectedProperty().get().node()).isEqualTo("catalog");
        ListView<LogRow> lines = robot.lookup("#logs-list").queryListView();
        assertThat(lines.getItems()).hasSize(43);
        assertThat(lines.getItems().get(42).fromLauncher()).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> showsRow(lines, lines.getItems().get(42)));
        robot.interact(() -> viewModel.canvas().select(List.of("catalog")));
        write("designer-running.png");

        robot.clickOn("#logs-filter").write("panic");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lines.getItems()).hasSize(2).allMatch(r -> r.text().contains("panic"));

        // The Logs panel follows the canvas selection.
        robot.interact(() -> viewModel.canvas().select(List.of("orders")));
        assertThat(viewModel.run().logs().selectedProperty().get().node()).isEqualTo("orders");
        assertThat(lines.getItems()).isEmpty();
        robot.doubleClickOn("#logs-filter").eraseText(5).write("/orders/7");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lines.getItems()).extracting(LogRow::text).singleElement().asString().contains("\"/orders/7\"");

        robot.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.run().phaseProperty().get()
                == RunViewModel.Phase.IDLE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fake.stops).isEqualTo(1);
        assertThat(run.getText()).isEqualTo("Run");
        assertThat(viewModel.canvas().runBadgesProperty().get()).isEmpty();
        assertThat(robot.lookup("#status").queryLabeled().getText()).isEqualTo("Stopped shop: nothing of it is left running");

        // Closing the window while a run is on stops it first.
        robot.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> service.run != fake
                && viewModel.run().phaseProperty().get() == RunViewModel.Phase.RUNNING);
        FakeRun second = service.run;
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !stage.isShowing());
        assertThat(second.stops).isEqualTo(1);
    }

    /** Whether a cell in view shows the row: follow keeps the newest line in sight. */
    private static boolean showsRow(ListView<LogRow> list, LogRow row) {
        Bounds view = list.localToScene(list.getLayoutBounds());
        return list.lookupAll(".list-cell").stream()
                .filter(c -> c instanceof javafx.scene.control.ListCell<?> cell && cell.getItem() == row && cell.isVisible())
                .anyMatch(c -> {
                    Bounds b = c.localToScene(c.getLayoutBounds());
                    return b.getMinY() >= view.getMinY() - 1 && b.getMaxY() <= view.getMaxY() + 1;
                });
    }

    private Optional<RunBadge> badge(String node) {
        return Optional.ofNullable(viewModel.canvas().runBadgesProperty().get().get(node));
    }

    private Point2D screenOf(String nodeId) {
        DiagramCanvas canvas = view.canvas();
        DrawnNode n = viewModel.canvas().diagramProperty().get().nodesById().get(nodeId);
        double[] v = canvas.toView(n.centerX(), n.centerY());
        return canvas.localToScreen(v[0], v[1]);
    }

    /**
     * Whether the ring left of the node, halfway down, shows the colour: a pixel of its hue, however
     * much antialiasing at this zoom has blended it with the background.
     */
    private boolean ringColourNear(WritableImage image, String nodeId, Color colour) {
        DrawnNode n = viewModel.canvas().diagramProperty().get().nodesById().get(nodeId);
        double[] from = view.canvas().toView(n.x() - 10, n.centerY());
        double[] to = view.canvas().toView(n.x(), n.centerY());
        PixelReader pixels = image.getPixelReader();
        for (int x = (int) Math.floor(from[0]); x <= (int) Math.ceil(to[0]); x++) {
            for (int dy = -2; dy <= 2; dy++) {
                int y = (int) Math.round(from[1]) + dy;
                if (x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight()) {
                    Color c = pixels.getColor(x, y);
                    double hue = Math.abs(c.getHue() - colour.getHue());
                    if (Math.min(hue, 360 - hue) < 12 && c.getSaturation() > 0.3) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void write(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Path dir = REPO.resolve("docs/screenshots");
        Files.createDirectories(dir);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name).toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
