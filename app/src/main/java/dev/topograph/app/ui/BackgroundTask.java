package dev.topograph.app.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Work that runs off the UI thread, with what to do on the UI thread afterwards:
 * {@code BackgroundTask.wrap(() -> load(file)).onSuccess(this::show).onFailure(this::warn).executeWith(tasks)}.
 * The one way the app runs file, build, process and network work.
 */
public final class BackgroundTask<T> {
    private final Callable<T> work;
    private Consumer<T> onSuccess = result -> { };
    private Consumer<Exception> onFailure = error -> { };

    private BackgroundTask(Callable<T> work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    public static <T> BackgroundTask<T> wrap(Callable<T> work) {
        return new BackgroundTask<>(work);
    }

    /** Runs on the UI thread with the result. */
    public BackgroundTask<T> onSuccess(Consumer<T> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    /** Runs on the UI thread with what went wrong. */
    public BackgroundTask<T> onFailure(Consumer<Exception> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    public void executeWith(TaskExecutor executor) {
        executor.execute(this);
    }

    Callable<T> work() {
        return work;
    }

    void succeed(T result) {
        onSuccess.accept(result);
    }

    void fail(Exception error) {
        onFailure.accept(error);
    }
}
