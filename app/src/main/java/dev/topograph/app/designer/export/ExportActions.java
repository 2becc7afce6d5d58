package dev.topograph.app.designer.export;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.Diagram;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The view side of exporting and generating: the menu items and the toolbar button, the file
 * choosers, and the dialogs that say what happened ({@link GenerateView} for Generate). Dialog
 * panes carry stable ids ({@code generate-refused}, {@code export-error}) for tests.
 */
public final class ExportActions {
    private final ExportViewModel viewModel;
    private final Supplier<Window> window;
    private final Supplier<Diagram> diagram;
    private final Supplier<CanvasPalette> palette;
    private final GenerateViewModel generate;
    private final GenerateView generateView;

    public ExportActions(ExportViewModel viewModel, GenerateViewModel generate, Supplier<Window> window,
            Supplier<Diagram> diagram, Supplier<CanvasPalette> palette) {
        this.viewModel = viewModel;
        this.window = window;
        this.diagram = diagram;
        this.palette = palette;
        this.generate = generate;
        this.generateView = new GenerateView(generate, window, () -> palette.get() == CanvasPalette.DARK,
                this::showError);
    }

    /** File menu items: Export PNG…, Export SVG…, a separator, Generate Go System…, Export as ZIP…. */
    public List<MenuItem> menuItems() {
        MenuItem png = item("Export PNG…", null, this::exportPng, "menu-export-png");
        MenuItem svg = item("Export SVG…", null, this::exportSvg, "menu-export-svg");
        MenuItem generateItem = item("Generate Go System…", "shortcut+shift+G", this::generate, "menu-generate");
        generateItem.disableProperty().bind(generate.runningProperty());
        MenuItem zip = item("Export as ZIP…", null, this::exportZip, "menu-export-zip");
        return List.of(png, svg, new SeparatorMenuItem(), generateItem, zip);
    }

    /** The toolbar's "Generate" button. */
    public Button generateButton() {
        Button b = new Button("Generate", new FontIcon("mdi2c-code-braces"));
        b.setId("generate");
        b.setTooltip(new Tooltip("Generate the Go system into the design's code folder, or bring it up to date "
                + "there (Ctrl+Shift+G)"));
        b.setOnAction(e -> generate());
        b.disableProperty().bind(generate.runningProperty());
        return b;
    }

    private static MenuItem item(String text, String accelerator, Runnable action, String id) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void exportPng() {
        chooseFile("Export the drawing as PNG", "PNG image", "*.png", ".png").ifPresent(target ->
                viewModel.exportPng(target, PngExport.render(diagram.get(), palette.get()), () -> { }, this::showError));
    }

    private void exportSvg() {
        chooseFile("Export the drawing as SVG", "SVG drawing", "*.svg", ".svg").ifPresent(target ->
                viewModel.exportSvg(target, palette.get(), () -> { }, this::showError));
    }

    private void generate() {
        viewModel.checkGeneration(generateView::start, this::showRefusal);
    }

    private void exportZip() {
        viewModel.checkGeneration(() -> chooseFile("Export the Go system as a ZIP archive", "ZIP archive", "*.zip", ".zip")
                .ifPresent(zip -> viewModel.exportZip(zip, count -> { }, this::showError)), this::showRefusal);
    }

    private Optional<Path> chooseFile(String title, String description, String pattern, String suffix) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        chooser.setInitialFileName(viewModel.designName() + suffix);
        File chosen = chooser.showSaveDialog(window.get());
        if (chosen == null) {
            return Optional.empty();
        }
        Path path = chosen.toPath();
        // Some platforms' choosers return the name as typed, without the filter's suffix.
        return Optional.of(path.getFileName().toString().endsWith(suffix) ? path
                : path.resolveSibling(path.getFileName() + suffix));
    }

    private void showRefusal(ExportViewModel.Refusal refusal) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.setTitle("Cannot generate yet");
        alert.setHeaderText(refusal.summary());
        TextArea reasons = new TextArea("• " + String.join("\n• ", refusal.reasons()));
        reasons.setEditable(false);
        reasons.setWrapText(true);
        reasons.setPrefRowCount(Math.min(12, Math.max(3, 2 * refusal.reasons().size())));
        reasons.setPrefColumnCount(64);
        alert.setResizable(true);
        alert.getDialogPane().setContent(reasons);
        alert.getDialogPane().setId("generate-refused");
        alert.initOwner(window.get());
        alert.show();
    }

    private void showError(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle("Export failed");
        alert.setHeaderText("The export did not finish");
        alert.getDialogPane().setId("export-error");
        alert.initOwner(window.get());
        alert.show();
    }
}
