package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.local.LocalRunService;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import dev.topograph.model.command.Edits;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.ServiceNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run ▶ in the real window with the real launcher: a design without a code folder is asked where
 * its code should live, generated there and moved beside it; its servers and services start as
 * processes, every node turns healthy on the canvas, a request through the gateway answers; the
 * user's edit of a handler is what the next Run serves; Stop leaves nothing behind.
 */
@ExtendWith(ApplicationExtension.class)
class RealRunWindowTest {
    private static final Path TINY = Path.of("src/test/resources/launch/tiny.topology.json").toAbsolutePath();

    @TempDir
    static Path user;
    private MainViewModel viewModel;
    private final java.util.concurrent.atomic.AtomicReference<dev.topograph.app.launch.Run> started =
            new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeAll
    static void machine() {
        Display.require();
        LaunchFixtures.assumeMachineCanRun();
    }

    @Start
    void start(Stage stage) {
        FxUiExecutor ui = new FxUiExecutor();
        RunSettings settings = LaunchFixtures.settings(RunSettings.ProviderKind.BINARY);
        viewModel = new MainViewModel(new BackgroundTaskExecutor(ui), 50, new UserDirectories(user, user), 60_000,
                capturing(new LocalRunService(settings)), ui, RunViewModel.COALESCE_MILLIS);
        MainView view = DesignerApp.show(stage, viewModel);
        view.start(Optional.of(TINY));
    }

    /** The real service, remembering the run it started so the test can check its processes. */
    private dev.topograph.app.launch.RunService capturing(dev.topograph.app.launch.RunService real) {
        return new dev.topograph.app.launch.RunService() {
            @Override
            public dev.topograph.app.launch.Run start(dev.topograph.model.topology.Topology topology,
                    Optional<Path> designFile, RunSettings.Mode mode, dev.topograph.app.launch.RunListener listener)
                    throws dev.topograph.app.launch.LaunchException {
                dev.topograph.app.launch.Run run = real.start(topology, designFile, mode, listener);
                started.set(run);
                return run;
            }

            @Override
            public List<dev.topograph.app.launch.Leftovers.Found> leftovers() {
                return real.leftovers();
            }

            @Override
            public void clean(dev.topograph.app.launch.Leftovers.Found found) {
                real.clean(found);
            }
        };
    }

    @Test
    void runGeneratesTheCodeFolderOnceThenServesTheUsersCodeAndStopLeavesNothing(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> viewModel.canvas().diagramProperty().get().nodes().size() == 5);
        Path code = user.resolve("code").resolve("tiny");

        // The design has no code folder: Run asks where its code should live.
        robot.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#code-folder-path").tryQuery().isPresent());
        TextField path = robot.lookup("#code-folder-path").queryAs(TextField.class);
        assertThat(path.getText()).endsWith("launch/tiny");
        robot.interact(() -> path.setText(code.toString()));
        writeScene(path.getScene(), "designer-code-folder.png");
        robot.clickOn("#code-folder-generate");
        List<Long> firstPids = awaitHealthy();
        Path design = code.resolve("tiny.topology.json");
        assertThat(viewModel.document().fileProperty().get()).contains(design);
        assertThat(viewModel.document().codeFolderProperty().get()).contains(code);
        assertThat(started.get().systemFolder()).isEqualTo(code);
        String edge = started.get().status("edge").flatMap(NodeStatus::url).orElseThrow();
        assertThat(LaunchFixtures.send("GET", edge + "/items", null).statusCode()).isEqualTo(200);
        robot.clickOn("#run-button"); // now Stop
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.run().phaseProperty().get() == RunViewModel.Phase.IDLE);
        LaunchFixtures.assertNothingLeft("tiny", firstPids);

        // The user writes business code in a handler; the next Run builds and serves it, asking nothing.
        Path handler = code.resolve("services/items/internal/handlers/get_items.go");
        Files.writeString(handler, Files.readString(handler).replace("httpx.Encode(w, r, http.StatusOK, items)",
                "httpx.Encode(w, r, http.StatusOK, map[string]any{\"marker\": \"from-the-window-42\", \"items\": items})"));
        robot.clickOn("#run-button");
        List<Long> pids = awaitHealthy();
        writeScene(robot.lookup("#run-button").query().getScene(),
                "designer-own-code.png");
        String edgeAgain = started.get().status("edge").flatMap(NodeStatus::url).orElseThrow();
        assertThat(LaunchFixtures.send("GET", edgeAgain + "/items", null).body()).contains("from-the-window-42");
        assertThat(robot.lookup("#code-folder-question").tryQuery()).as("no question the second time").isEmpty();

        // A design change while running: Apply regenerates in place and rebuilds only the service it touches.
        long edgePid = started.get().status("edge").flatMap(NodeStatus::pid).orElseThrow();
        long itemsPid = started.get().status("items").flatMap(NodeStatus::pid).orElseThrow();
        assertThat(LaunchFixtures.send("PUT", edgeAgain + "/items/1", "{}").statusCode()).isEqualTo(405);
        robot.interact(() -> {
            ServiceNode items = (ServiceNode) viewModel.document().topology().node("items").orElseThrow();
            List<Endpoint> more = new java.util.ArrayList<>(items.endpoints());
            more.add(new Endpoint("PUT", "/items/{id}"));
            viewModel.document().execute(Edits.of("Add PUT /items/{id}", t -> t.mapNode("items", n -> items.withEndpoints(more))));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#run-apply").tryQuery()
                .filter(javafx.scene.Node::isVisible).isPresent());
        robot.clickOn("#run-apply");
        WaitForAsyncUtils.waitFor(3, TimeUnit.MINUTES, () -> started.get().status("items").flatMap(NodeStatus::pid)
                .filter(p -> p != itemsPid).isPresent()
                && started.get().status("items").orElseThrow().state() == NodeState.HEALTHY);
        assertThat(LaunchFixtures.send("PUT", edgeAgain + "/items/1", "{\"name\":\"pen\"}").statusCode()).isEqualTo(200);
        assertThat(LaunchFixtures.send("GET", edgeAgain + "/items", null).body()).contains("from-the-window-42");
        assertThat(started.get().status("edge").flatMap(NodeStatus::pid)).as("the gateway was not restarted")
                .contains(edgePid);
        assertThat(code.resolve("services/items/internal/handlers/put_items_by_id.go")).exists();
        pids = started.get().statuses().stream().flatMap(st -> st.pid().stream()).toList();

        robot.clickOn("#run-button"); // now Stop
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.run().phaseProperty().get() == RunViewModel.Phase.IDLE);
        LaunchFixtures.assertNothingLeft("tiny", pids);
        assertThat(Files.readString(handler)).contains("from-the-window-42");
    }

    /** A picture of a window's scene in docs/screenshots, so the README shows what a user sees. */
    private static void writeScene(javafx.scene.Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null))
                .get(10, TimeUnit.SECONDS);
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("docs/screenshots");
        Files.createDirectories(dir);
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                dir.resolve(name).toFile());
    }

    private List<Long> awaitHealthy() throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> viewModel.run().phaseProperty().get() == RunViewModel.Phase.RUNNING
                && viewModel.canvas().runBadgesProperty().get().size() == 5
                && viewModel.canvas().runBadgesProperty().get().values().stream()
                        .allMatch(b -> b.state().equals(NodeState.HEALTHY.label())));
        List<Long> pids = started.get().statuses().stream().flatMap(s -> s.pid().stream()).toList();
        assertThat(pids).hasSize(5);
        return pids;
    }
}
