package dev.topograph.app.designer.files;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/** File ▸ Open Recent: one item per recent design (newest first, the first nine numbered as mnemonics), then Clear. */
public final class RecentFilesMenu {
    private RecentFilesMenu() {
    }

    /** The menu, kept in step with the list; choosing an item hands its path to {@code open}. */
    public static Menu create(RecentFilesViewModel viewModel, Consumer<Path> open) {
        Menu menu = new Menu("Open Recent");
        menu.setId("menu-open-recent");
        fill(menu, viewModel, viewModel.filesProperty().get(), open);
        viewModel.filesProperty().addListener((o, old, now) -> fill(menu, viewModel, now, open));
        return menu;
    }

    private static void fill(Menu menu, RecentFilesViewModel viewModel, List<Path> files, Consumer<Path> open) {
        menu.getItems().clear();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String where = file.getFileName() + "  —  " + (file.getParent() == null ? "" : file.getParent());
            // With mnemonic parsing on, "__" is how a menu shows a file name's own underscore.
            MenuItem item = new MenuItem(i < 9 ? "_" + (i + 1) + "  " + where.replace("_", "__") : "    " + where);
            item.setMnemonicParsing(i < 9);
            item.setId("recent-" + i);
            item.setOnAction(e -> open.accept(file));
            menu.getItems().add(item);
        }
        MenuItem clear = new MenuItem("Clear Recent");
        clear.setId("recent-clear");
        clear.setDisable(files.isEmpty());
        clear.setOnAction(e -> viewModel.clear());
        if (files.isEmpty()) {
            MenuItem none = new MenuItem("No recent designs");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        menu.getItems().addAll(new SeparatorMenuItem(), clear);
    }
}
