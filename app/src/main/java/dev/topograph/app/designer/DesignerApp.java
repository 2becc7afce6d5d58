package dev.topograph.app.designer;

import dev.topograph.app.designer.files.RecoveryViewModel;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.local.LocalRunService;
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
        FxUiExecutor ui = new FxUiExecutor();
        UserDirectories user = UserDirectories.fromSystem();
        MainViewModel viewModel = new MainViewModel(new BackgroundTaskExecutor(ui),
                MainViewModel.VALIDATION_DEBOUNCE_MILLIS, user, RecoveryViewModel.AUTOSAVE_DELAY_MILLIS,
                new LocalRunService(RunSettings.defaults(RunHome.of(user))), ui, RunViewModel.COALESCE_MILLIS);
        show(stage, viewModel).start(initialFile);
    }

    /** Puts the designer into the stage and shows it, wired as the app's window is (tests drive the same). */
    static MainView show(Stage stage, MainViewModel viewModel) {
        MainView view = new MainView(viewModel);
        stage.setScene(new Scene(view.root(), 1400, 880));
        stage.titleProperty().bind(viewModel.document().titleProperty());
        var icon = DesignerApp.class.getResourceAsStream("/icons/topograph-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setOnCloseRequest(e -> {
            // The window closes itself once unsaved changes are dealt with and the recovery copy is gone.
            e.consume();
            view.close(stage::close);
        });
        // Hidden without a close request (the platform exiting, a test cleaning up) is no crash either.
        stage.setOnHidden(e -> {
            viewModel.recovery().close(() -> { });
            viewModel.run().close(() -> { });
            viewModel.deploy().close();
        });
        stage.show();
        return view;
    }
}
