package dev.topograph.app.designer.export;

import dev.topograph.app.designer.export.GenerateViewModel.Failed;
import dev.topograph.app.designer.export.GenerateViewModel.Generated;
import dev.topograph.app.designer.export.GenerateViewModel.InTheWay;
import dev.topograph.app.designer.export.GenerateViewModel.Outcome;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The view side of Generate, once the design is known to be generable: asks where the code goes
 * (only while the design has no code folder: {@code generate-where}, the proposed folder filled
 * in), asks before replacing files in the way, then shows what happened ({@link GenerationDialogs}).
 */
final class GenerateView {
    private final GenerateViewModel viewModel;
    private final Supplier<Window> window;
    private final BooleanSupplier dark;
    private final Consumer<String> showError;

    GenerateView(GenerateViewModel viewModel, Supplier<Window> window, BooleanSupplier dark, Consumer<String> showError) {
        this.viewModel = viewModel;
        this.window = window;
        this.dark = dark;
        this.showError = showError;
    }

    /** Generates into the design's code folder, or asks where first when it has none. */
    void start() {
        viewModel.target(target -> {
            if (target.codeFolder()) {
                generate(target.folder(), false);
            } else {
                askWhere(target.folder()).ifPresent(folder -> generate(folder, false));
            }
        });
    }

    private void generate(Path folder, boolean force) {
        viewModel.generate(folder, force, this::show);
    }

    private void show(Outcome outcome) {
        if (outcome instanceof Generated g) {
            GenerationDialogs.summary(viewModel.designName(), g.summary(), window.get(), dark.getAsBoolean(),
                    viewModel::openFolder);
        } else if (outcome instanceof InTheWay w) {
            if (GenerationDialogs.replace(w, window.get(), dark.getAsBoolean())) {
                generate(w.folder(), true);
            }
        } else if (outcome instanceof Failed f) {
            showError.accept(f.message());
        }
    }

    /** The folder the user confirms for the design's first generation; empty when they cancel. */
    private Optional<Path> askWhere(Path proposed) {
        String name = viewModel.designName();
        Dialog<Path> dialog = new Dialog<>();
        dialog.setTitle("Generate " + name);
        dialog.setHeaderText("Where should the code of " + name + " go?");
        dialog.setGraphic(GenerationDialogs.icon("mdi2c-code-braces"));
        ButtonType generate = new ButtonType("Generate", ButtonBar.ButtonData.OK_DONE);
        GenerationDialogs.styled(dialog, "generate-where", window.get(), dark.getAsBoolean())
                .getButtonTypes().setAll(generate, ButtonType.CANCEL);

        TextField folder = new TextField(proposed.toString());
        folder.setId("generate-folder");
        folder.setPrefColumnCount(48);
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button choose = new Button("Choose…", new FontIcon("mdi2f-folder-search-outline"));
        choose.setId("generate-choose");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> chooseFolder(folder));
        HBox field = new HBox(8, folder, choose);
        field.setAlignment(Pos.CENTER_LEFT);
        Label what = new Label("Topograph writes the Go system into this folder, with the design beside it as "
                + viewModel.designFileName() + ". From then on this window edits the design there, and Generate "
                + "and Run\u00a0▶ use the folder without asking.");
        what.setWrapText(true);
        what.setMinHeight(Region.USE_PREF_SIZE);
        Label hint = new Label("A folder that holds other things gets a folder named " + name + " inside it. "
                + "Files Topograph did not write are never replaced without asking.");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add(GenerationDialogs.HINT);
        dialog.getDialogPane().setContent(new VBox(12, what, field, hint));
        dialog.getDialogPane().setPrefWidth(680);
        dialog.getDialogPane().lookupButton(generate).setId("generate-confirm");
        dialog.getDialogPane().lookupButton(generate).disableProperty()
                .bind(Bindings.createBooleanBinding(() -> path(folder.getText()) == null, folder.textProperty()));
        dialog.setResultConverter(button -> button == generate ? path(folder.getText()) : null);
        return dialog.showAndWait();
    }

    private void chooseFolder(TextField folder) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Generate " + viewModel.designName() + " into a folder");
        // The chooser opens at the nearest folder that exists: the proposed one usually does not yet.
        for (Path p = path(folder.getText()); p != null; p = p.getParent()) {
            if (p.toFile().isDirectory()) {
                chooser.setInitialDirectory(p.toFile());
                break;
            }
        }
        File chosen = chooser.showDialog(folder.getScene().getWindow());
        if (chosen != null) {
            viewModel.place(chosen.toPath(), place -> folder.setText(place.toString()));
        }
    }

    /** The folder typed, {@code ~} for the home folder as in a shell; null when it is no path. */
    private static Path path(String text) {
        String typed = text.strip();
        try {
            if (typed.equals("~") || typed.startsWith("~/")) {
                typed = System.getProperty("user.home") + typed.substring(1);
            }
            return typed.isEmpty() ? null : Path.of(typed).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
