package dev.topograph.app.designer;

import dev.topograph.app.ui.FxUiExecutor;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: builds the designer's ViewModel and View and shows the window. */
public final class DesignerApp extends Application {
    private static volatile Optional<Path> initialFile = Optional.empty();

    /** Starts JavaFX and blocks until the window closes. */
    public static void launch(Optional<Path> file) {
        initialFile = file;
        Application.launch(DesignerApp.class);
    }

    @Override
    public void start(Stage stage) {
        DesignerViewModel viewModel = new DesignerViewModel(new FxUiExecutor());
        DesignerView view = new DesignerView(viewModel);
        stage.setScene(new Scene(view.root(), 1280, 820));
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.show();
        initialFile.ifPresent(viewModel::open);
    }
}
