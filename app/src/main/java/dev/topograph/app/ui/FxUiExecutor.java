package dev.topograph.app.ui;

import javafx.application.Platform;

/** The one place in the app that calls {@link Platform#runLater}. */
public final class FxUiExecutor implements UiExecutor {

    @Override
    public void execute(Runnable command) {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    }
}
