package dev.topograph.app.designer.run;

import dev.topograph.app.designer.run.RunViewModel.Phase;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Run pieces of the window: Run ▶ / Stop ■ and the mode chooser for the toolbar; the run's
 * summary, the "design changed" hint and its "Apply to running system" for the status bar; the dialog that says
 * why a Run could not start.
 */
public final class RunView {
    public static final String RUN_BUTTON = "run-button";
    public static final String SUMMARY = "run-summary";
    public static final String HINT = "run-hint";
    /** The button stops the run. */
    public static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");

    private final Button button = new Button();
    private final ReadOnlyBooleanProperty cleaning;
    private final ComboBox<RunMode> mode = new ComboBox<>();
    private final Label summary = new Label();
    private final Label hint = new Label("The design changed while running", new FontIcon("mdi2p-pencil-outline"));
    private final Button apply = new Button("Apply to running system");

    /**
     * @param showProblems brings the Problems panel forward (a design with errors cannot run)
     */
    public RunView(RunViewModel viewModel, Supplier<Window> window, Runnable showProblems) {
        cleaning = viewModel.cleaningProperty();
        button.setId("run-button");
        button.getStyleClass().add(RUN_BUTTON);
        button.setOnAction(e -> viewModel.runOrStop());
        viewModel.phaseProperty().addListener((o, old, now) -> showPhase(now));
        showPhase(viewModel.phaseProperty().get());
        cleaning.addListener((o, old, now) -> showPhase(viewModel.phaseProperty().get()));

        mode.setId("run-mode");
        mode.getItems().setAll(RunMode.values());
        mode.valueProperty().bindBidirectional(viewModel.modeProperty());
        mode.disableProperty().bind(viewModel.phaseProperty().isNotEqualTo(Phase.IDLE));
        mode.setTooltip(new Tooltip("Run each service as a local process, or in a Docker container"));

        summary.setId("run-summary");
        summary.getStyleClass().add(SUMMARY);
        summary.textProperty().bind(viewModel.summaryProperty());
        summary.visibleProperty().bind(Bindings.isNotEmpty(viewModel.summaryProperty()));
        summary.managedProperty().bind(summary.visibleProperty());
        viewModel.summaryToneProperty().addListener((o, old, now) -> RunTones.apply(summary, now));
        RunTones.apply(summary, viewModel.summaryToneProperty().get());

        hint.setId("run-hint");
        hint.getStyleClass().add(HINT);
        hint.visibleProperty().bind(viewModel.editedWhileRunningProperty());
        hint.managedProperty().bind(hint.visibleProperty());
        apply.setId("run-apply");
        apply.getStyleClass().addAll("small", "accent");
        apply.setTooltip(new Tooltip("Regenerate the code folder and rebuild only the services the change touches "
                + "(a new node or connection restarts the run)"));
        apply.setOnAction(e -> viewModel.applyDesignChange());
        apply.visibleProperty().bind(viewModel.editedWhileRunningProperty()
                .and(viewModel.phaseProperty().isEqualTo(Phase.RUNNING)));
        apply.managedProperty().bind(apply.visibleProperty());

        viewModel.onFailure(failure -> showFailure(failure, window.get(), showProblems));
        viewModel.onNeedCodeFolder(question -> CodeFolderDialog.ask(question, window.get()));
    }

    /** Run ▶ / Stop ■ and the mode chooser. */
    public List<Node> toolbarItems() {
        return List.of(button, mode);
    }

    /** The edit hint and the run's summary, for the right of the status bar. */
    public List<Node> statusItems() {
        return List.of(hint, apply, summary);
    }

    private void showPhase(Phase phase) {
        boolean stop = phase == Phase.RUNNING || phase == Phase.STOPPING;
        button.setText(stop ? "Stop" : "Run");
        button.setGraphic(new FontIcon(stop ? "mdi2s-stop" : "mdi2p-play"));
        button.pseudoClassStateChanged(RUNNING, stop);
        boolean waitForCleanup = phase == Phase.IDLE && cleaning.get();
        button.setDisable(phase == Phase.PREPARING || phase == Phase.STOPPING || waitForCleanup);
        button.setTooltip(new Tooltip(switch (phase) {
            case IDLE -> waitForCleanup ? "Cleaning up after an interrupted run first…"
                    : "Run the design on this machine: build, start in dependency order, wait until healthy";
            case PREPARING -> "Checking and generating the design…";
            case RUNNING -> "Stop every node of the run";
            case STOPPING -> "Stopping…";
        }));
    }

    private static void showFailure(RunViewModel.Failure failure, Window owner, Runnable showProblems) {
        ButtonType problems = new ButtonType("Show Problems", ButtonBar.ButtonData.LEFT);
        Alert alert = failure.designHasErrors() ? new Alert(Alert.AlertType.ERROR, "", problems, ButtonType.OK)
                : new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
        alert.setTitle(failure.title());
        alert.setHeaderText(failure.title());
        // The first line says what is wrong; the rest (one line per error) folds away: the Problems panel lists them.
        String[] lines = failure.message().split("\n", 2);
        String gist = lines[0].endsWith(":") ? lines[0].substring(0, lines[0].length() - 1) + "." : lines[0];
        alert.setContentText(gist + (failure.designHasErrors()
                ? "\n\nThe Problems panel lists them, with a quick fix where there is one." : ""));
        if (lines.length > 1) {
            TextArea details = new TextArea(lines[1].stripIndent().strip());
            details.setEditable(false);
            details.setWrapText(true);
            details.setPrefRowCount(10);
            alert.getDialogPane().setExpandableContent(details);
        }
        alert.getDialogPane().setId("run-failure");
        alert.getDialogPane().setPrefWidth(620);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.showAndWait().filter(problems::equals).ifPresent(b -> showProblems.run());
    }
}
