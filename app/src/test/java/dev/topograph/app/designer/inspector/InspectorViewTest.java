package dev.topograph.app.designer.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.Display;
import dev.topograph.app.designer.MainView;
import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector in the real window: typing, Enter, the refusal shown in place, undo from the field. */
@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
    private MainViewModel viewModel;
    private Topology shop;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @Start
    void start(Stage stage) throws Exception {
        viewModel = new MainViewModel(new BackgroundTaskExecutor(new FxUiExecutor()), 50);
        MainView view = new MainView(viewModel);
        shop = new ProjectFile().load(Path.of("../examples/shop.topology.json"));
        viewModel.document().show(shop, Optional.empty(), false);
        stage.setScene(new Scene(view.root(), 1400, 880));
        stage.show();
    }

    private void selectOnFx(String id) {
        WaitForAsyncUtils.asyncFx(() -> viewModel.canvas().select(List.of(id)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void replaceText(FxRobot robot, String query, String text) {
        robot.doubleClickOn(query);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int ordersPort() {
        return ((ServiceNode) viewModel.document().topology().node("orders").orElseThrow()).port();
    }

    @Test
    void anOutOfRangePortIsRefusedInPlaceThenAGoodOneIsCommittedAndUndoneFromTheField(FxRobot robot) {
        selectOnFx("orders");
        TextField port = robot.lookup("#inspector-port").queryAs(TextField.class);
        assertThat(port.getText()).isEqualTo("8081");

        replaceText(robot, "#inspector-port", "70000");
        assertThat(port.getText()).isEqualTo("70000");
        assertThat(port.getPseudoClassStates()).contains(InspectorView.INVALID);
        assertThat(robot.lookup(".inspector-field-error").queryAllAs(Label.class))
                .anyMatch(l -> l.isVisible() && l.getText().equals("Port 70000 is out of range: use 1 to 65535."));
        assertThat(viewModel.document().topology()).isEqualTo(shop);

        replaceText(robot, "#inspector-port", "9090");
        assertThat(ordersPort()).isEqualTo(9090);
        assertThat(port.getPseudoClassStates()).doesNotContain(InspectorView.INVALID);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ordersPort()).isEqualTo(8081);
        assertThat(port.getText()).isEqualTo("8081");
    }

    @Test
    void theEndpointsTableAddsARowAndRefusesABadPathInItsCell(FxRobot robot) {
        selectOnFx("payments");
        TableView<?> table = robot.lookup("#inspector-endpoints").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);

        robot.clickOn("#inspector-endpoint-add");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(2);
        assertThat(((ServiceNode) viewModel.document().topology().node("payments").orElseThrow()).endpoints())
                .hasSize(2);

        replaceText(robot, "#inspector-endpoint-path-1", "/metrics");
        TextField path = robot.lookup("#inspector-endpoint-path-1").queryAs(TextField.class);
        assertThat(path.getText()).isEqualTo("/metrics");
        assertThat(path.getPseudoClassStates()).contains(InspectorView.INVALID);
        assertThat(((ServiceNode) viewModel.document().topology().node("payments").orElseThrow()).endpoints().get(1)
                .path()).isEqualTo("/payments");

        robot.clickOn("#inspector-endpoint-remove");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(1);
    }
}
