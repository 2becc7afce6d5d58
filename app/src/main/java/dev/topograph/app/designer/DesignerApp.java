package dev.topograph.app.designer;

import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
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
        MainViewModel viewModel = new MainViewModel(new BackgroundTaskExecutor(new FxUiExecutor()),
                MainViewModel.VALIDATION_DEBOUNCE_MILLIS);
        MainView view = new MainView(viewModel);
        stage.setScene(new Scene(view.root(), 1400, 880));
        stage.titleProperty().bind(viewModel.document().titleProperty());
        var icon = DesignerApp.class.getResourceAsStream("/icons/topograph-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setOnCloseRequest(e -> {
            if (!view.confirmDiscard()) {
                e.consume();
            }
        });
        stage.show();
        initialFile.ifPresent(view::open);
    }
}
