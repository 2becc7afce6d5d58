package dev.topograph.app.designer.run;

import dev.topograph.app.designer.run.RunViewModel.CodeFolderAnswer;
import dev.topograph.app.designer.run.RunViewModel.CodeFolderQuestion;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Run ▶ on a design that has no code folder yet: asks where its code should live (generated there
 * once, the design saved beside it, then built and run), or to run the bare design this once. The
 * pane's id is {@code code-folder-question}; its field {@code code-folder-path}; its buttons
 * {@code code-folder-generate} and {@code code-folder-bare}.
 */
public final class CodeFolderDialog {
    private CodeFolderDialog() {
    }

    /** The user's answer; empty when they cancelled. */
    public static Optional<CodeFolderAnswer> ask(CodeFolderQuestion question, Window owner) {
        ButtonType generate = new ButtonType("Generate and run", ButtonBar.ButtonData.OK_DONE);
        ButtonType bare = new ButtonType("Run bare design", ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", generate, bare, ButtonType.CANCEL);
        alert.setTitle("Where should " + question.design() + "'s code live?");
        alert.setHeaderText(question.design() + " has no code folder yet");
        Label why = new Label("Topograph generates the system's Go code into a folder of its own and saves the design "
                + "beside it. The handler files there are yours: edit them, and Run builds and runs your code. "
                + "Regenerating after a design change keeps every line you wrote.");
        why.setWrapText(true);
        TextField path = new TextField(question.suggested().toString());
        path.setId("code-folder-path");
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Code folder of " + question.design());
            File start = question.suggested().getParent() == null ? null : question.suggested().getParent().toFile();
            if (start != null && start.isDirectory()) {
                chooser.setInitialDirectory(start);
            }
            File chosen = chooser.showDialog(alert.getDialogPane().getScene().getWindow());
            if (chosen != null) {
                path.setText(chosen.toPath().toString());
            }
        });
        Label bareNote = new Label("Run bare design: the drawing's default handlers, generated afresh into a throwaway "
                + "folder; none of your code.");
        bareNote.setWrapText(true);
        bareNote.getStyleClass().add("text-muted");
        VBox content = new VBox(10, why, new HBox(8, path, browse), bareNote);
        content.setPadding(new Insets(8, 16, 4, 16));
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("code-folder-question");
        alert.getDialogPane().setPrefWidth(660);
        ((Button) alert.getDialogPane().lookupButton(generate)).setMinWidth(Region.USE_PREF_SIZE);
        alert.getDialogPane().lookupButton(generate).setId("code-folder-generate");
        alert.getDialogPane().lookupButton(bare).setId("code-folder-bare");
        alert.getDialogPane().lookupButton(generate).disableProperty().bind(path.textProperty().isEmpty());
        if (owner != null) {
            alert.initOwner(owner);
        }
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.filter(generate::equals).isPresent()) {
            return Optional.of(new CodeFolderAnswer.GenerateInto(Path.of(path.getText().strip())));
        }
        return answer.filter(bare::equals).map(b -> new CodeFolderAnswer.Bare());
    }
}
