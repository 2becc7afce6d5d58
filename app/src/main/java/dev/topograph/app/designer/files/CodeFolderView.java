package dev.topograph.app.designer.files;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The status bar's code-folder control: a quiet menu button showing the design's code folder
 * (or "No code folder yet", muted) with Open in file manager, Open terminal here and Copy path.
 */
public final class CodeFolderView {
    /** The control's style class. */
    public static final String STYLE = "code-folder";
    /** While the design has no code folder: the control is muted. */
    public static final PseudoClass NONE = PseudoClass.getPseudoClass("none");
    private static final String FLAT = "flat";

    private final MenuButton button = new MenuButton();

    public CodeFolderView(CodeFolderViewModel viewModel) {
        button.setId("code-folder");
        button.getStyleClass().addAll(STYLE, FLAT);
        button.setGraphic(new FontIcon("mdi2f-folder-outline"));
        // The status message beside it gives way first: the folder stays readable.
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.textProperty().bind(viewModel.textProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(viewModel.tooltipProperty());
        button.setTooltip(tip);

        MenuItem open = item("Open in file manager", "mdi2f-folder-open-outline", "menu-code-folder-open",
                viewModel::openInFileManager);
        MenuItem terminal = item("Open terminal here", "mdi2c-console", "menu-code-folder-terminal",
                viewModel::openTerminal);
        MenuItem copy = item("Copy path", "mdi2c-content-copy", "menu-code-folder-copy", () ->
                viewModel.path().ifPresent(path -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(path);
                    Clipboard.getSystemClipboard().setContent(content);
                    viewModel.copied();
                }));
        button.getItems().setAll(open, terminal, copy);
        for (MenuItem item : button.getItems()) {
            item.disableProperty().bind(viewModel.presentProperty().not());
        }
        button.pseudoClassStateChanged(NONE, !viewModel.presentProperty().get());
        viewModel.presentProperty().addListener((o, old, now) -> button.pseudoClassStateChanged(NONE, !now));
    }

    /** The control, for the status bar. */
    public Node node() {
        return button;
    }

    private static MenuItem item(String text, String icon, String id, Runnable action) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
