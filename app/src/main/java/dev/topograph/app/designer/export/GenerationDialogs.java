package dev.topograph.app.designer.export;

import dev.topograph.app.designer.export.GenerateViewModel.InTheWay;
import dev.topograph.app.designer.export.GenerateViewModel.Obstacle;
import dev.topograph.app.designer.export.GenerationSummary.Change;
import dev.topograph.app.designer.export.GenerationSummary.Line;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The dialogs after Generate ran: "files are in the way" (each named with why, Replace or Cancel)
 * and the result (counts, then every file, what needs attention first; Open folder). Both are
 * styled with the designer's tokens, in its theme. Dialog panes carry the ids
 * {@code generate-in-the-way} and {@code generate-summary}, their lists {@code generate-in-the-way-files}
 * and {@code generate-files}.
 */
final class GenerationDialogs {
    /** Every generate dialog's pane. */
    static final String DIALOG = "generate-dialog";
    /** The scrolling list of files. */
    static final String FILES = "generate-files";
    /** The word that says what happened to a file ("added"), or "in the way". */
    static final String CHANGE = "generate-change";
    static final String PATH = "generate-path";
    static final String NOTE = "generate-note";
    /** The counts, the sentence everything else explains. */
    static final String HEADLINE = "generate-headline";
    /** Quieter sentences: what to do next, what a choice means. */
    static final String HINT = "generate-hint";
    /** The note that the design now lives with its code. */
    static final String MOVED = "generate-moved";
    /** The dialogs' header icons. */
    static final String ICON = "generate-icon";
    /** A file the user should look at. */
    static final PseudoClass ATTENTION = PseudoClass.getPseudoClass("attention");
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final String STYLED = "designer";
    private static final String STYLESHEET = GenerationDialogs.class
            .getResource("/dev/topograph/app/designer/app.css").toExternalForm();
    private static final double LIST_WIDTH = 760;
    /** The room a row's note leaves for the word and the padding on its left. */
    private static final double NOTE_INSET = 150;

    private GenerationDialogs() {
    }

    /** Asks whether to replace the files in the way; true when the user says Replace. */
    static boolean replace(InTheWay inTheWay, Window owner, boolean dark) {
        int n = inTheWay.files().size();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Files in the way");
        dialog.setHeaderText((n == 1 ? "1 file is" : n + " files are") + " in the way in " + inTheWay.folder());
        dialog.setGraphic(icon("mdi2a-alert-outline"));
        ButtonType replace = new ButtonType("Replace them (keep copies as .orig)", ButtonBar.ButtonData.OK_DONE);
        DialogPane pane = styled(dialog, "generate-in-the-way", owner, dark);
        pane.getButtonTypes().setAll(replace, ButtonType.CANCEL);
        // Cancel is the default: replacing the user's files takes a deliberate click.
        ((Button) pane.lookupButton(replace)).setDefaultButton(false);
        ((Button) pane.lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ButtonBar.setButtonUniformSize(pane.lookupButton(ButtonType.CANCEL), false);
        pane.lookupButton(replace).setId("generate-replace");

        Label intro = wrapped("Nothing was written yet. Topograph would write over "
                + (n == 1 ? "this file:" : "these files:"), null);
        ListView<Obstacle> files = list("generate-in-the-way-files", inTheWay.files(),
                o -> row("in the way", true, o.path(), o.reason()));
        files.setPrefHeight(Math.min(320, 64 + 56.0 * n));
        Label after = wrapped("Replace them and Topograph keeps a copy of each beside it (NAME.orig), then "
                + "generates. Or cancel, move them away, and Generate again.", HINT);
        pane.setContent(new VBox(10, intro, files, after));
        return dialog.showAndWait().filter(replace::equals).isPresent();
    }

    /** Shows what a generation did; "Open folder" hands the folder to {@code openFolder}. */
    static void summary(String designName, GenerationSummary summary, Window owner, boolean dark,
            Consumer<Path> openFolder) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Generated");
        dialog.setHeaderText("Generated " + designName + " in " + summary.folder());
        dialog.setGraphic(icon("mdi2c-check-circle-outline"));
        ButtonType open = new ButtonType("Open folder", ButtonBar.ButtonData.LEFT);
        DialogPane pane = styled(dialog, "generate-summary", owner, dark);
        pane.getButtonTypes().setAll(open, ButtonType.CLOSE);
        Button openButton = (Button) pane.lookupButton(open);
        openButton.setId("generate-open-folder");
        openButton.setGraphic(new FontIcon("mdi2f-folder-open-outline"));
        // Opening the folder keeps the dialog: the list is still worth reading beside the file manager.
        openButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            openFolder.accept(summary.folder());
        });

        VBox content = new VBox(10);
        summary.movedInto().ifPresent(design -> {
            Label moved = wrapped("The design lives with its code now:\n" + design + "\nThis window edits that "
                    + "file from now on; Generate and Run\u00a0▶ use this folder without asking.", MOVED);
            moved.setId("generate-moved");
            moved.setMaxWidth(Double.MAX_VALUE);
            moved.setGraphic(new FontIcon("mdi2f-folder-home-outline"));
            content.getChildren().add(moved);
        });
        Label counts = wrapped(summary.counts() + ".", HEADLINE);
        counts.setId("generate-counts");
        content.getChildren().add(counts);
        attention(summary).ifPresent(text -> content.getChildren().add(wrapped(text, HINT)));
        ListView<Line> files = list(FILES, summary.lines(),
                l -> row(l.change().label(), l.change().needsAttention(), l.path(), l.note()));
        files.setPrefHeight(320);
        VBox.setVgrow(files, Priority.ALWAYS);
        content.getChildren().add(files);
        if (summary.unsaved()) {
            content.getChildren().add(wrapped("The design has changes its file does not hold yet: save it "
                    + "(Ctrl+S) so the design beside the code matches the code.", HINT));
        }
        TextField command = new TextField(summary.nextCommand());
        command.setEditable(false);
        command.setId("generate-next-command");
        HBox.setHgrow(command, Priority.ALWAYS);
        HBox next = new HBox(8, wrapped("Next, build and test it:", HINT), command);
        next.setAlignment(Pos.CENTER_LEFT);
        content.getChildren().add(next);
        pane.setContent(content);
        dialog.show();
    }

    /** What the files on top of the list are, when some need a look. */
    private static Optional<String> attention(GenerationSummary summary) {
        List<String> what = new ArrayList<>();
        if (!summary.paths(Change.ORPHANED).isEmpty()) {
            what.add("files of yours the design no longer uses");
        }
        if (!summary.paths(Change.TO_CHECK).isEmpty()) {
            what.add("files of yours the design now means for something else");
        }
        if (!summary.paths(Change.COPY_KEPT).isEmpty()) {
            what.add("copies of the files Topograph replaced");
        }
        if (what.isEmpty()) {
            return Optional.empty();
        }
        String list = what.size() == 1 ? what.get(0)
                : String.join(", ", what.subList(0, what.size() - 1)) + ", and " + what.get(what.size() - 1);
        return Optional.of("On top, what needs a look: " + list + ".");
    }

    /** Gives a generate dialog its id, the designer's styles in its theme, and its owner. */
    static DialogPane styled(Dialog<?> dialog, String id, Window owner, boolean dark) {
        DialogPane pane = dialog.getDialogPane();
        pane.setId(id);
        // the dialog is a scene of its own: it takes the designer's tokens and styles along
        pane.getStyleClass().addAll(STYLED, DIALOG);
        pane.getStylesheets().add(STYLESHEET);
        pane.pseudoClassStateChanged(DARK, dark);
        pane.setPrefWidth(LIST_WIDTH + 40);
        dialog.setResizable(true);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        return pane;
    }

    private static <T> ListView<T> list(String id, List<T> items, Function<T, Node> row) {
        ListView<T> list = new ListView<>();
        list.setId(id);
        list.getStyleClass().add(FILES);
        list.getItems().setAll(items);
        list.setPrefWidth(LIST_WIDTH);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : row.apply(item));
            }
        });
        return list;
    }

    /** One file: the word for what happened, then the path with its note under it. */
    private static Node row(String change, boolean attention, String path, String note) {
        Label word = new Label(change);
        word.getStyleClass().add(CHANGE);
        word.pseudoClassStateChanged(ATTENTION, attention);
        word.setMinWidth(Region.USE_PREF_SIZE);
        Label file = new Label(path);
        file.getStyleClass().add(PATH);
        VBox text = new VBox(2, file);
        if (!note.isEmpty()) {
            Label why = wrapped(note, NOTE);
            why.setPrefWidth(LIST_WIDTH - NOTE_INSET);
            text.getChildren().add(why);
        }
        HBox row = new HBox(10, word, text);
        row.setAlignment(Pos.BASELINE_LEFT);
        return row;
    }

    private static Label wrapped(String text, String styleClass) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        if (styleClass != null) {
            label.getStyleClass().add(styleClass);
        }
        return label;
    }

    /** A dialog's header icon. */
    static Node icon(String literal) {
        FontIcon icon = new FontIcon(literal);
        icon.getStyleClass().add(ICON);
        return icon;
    }
}
