package dev.topograph.app.ui;

import java.util.concurrent.Executor;

/**
 * Runs work on the UI thread. ViewModels receive it injected, so tests pass a direct executor
 * and need no window.
 */
public interface UiExecutor extends Executor {

    /** Runs on the calling thread: for tests and headless use. */
    static UiExecutor direct() {
        return Runnable::run;
    }
}
