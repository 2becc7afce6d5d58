package dev.topograph.app.ui;

/** Runs {@link BackgroundTask}s: the work in the background, the callbacks on the UI thread. */
public interface TaskExecutor {

    <T> void execute(BackgroundTask<T> task);

    /** Runs everything on the calling thread, for ViewModel tests without a window. */
    static TaskExecutor synchronous() {
        return new TaskExecutor() {
            @Override
            public <T> void execute(BackgroundTask<T> task) {
                T result;
                try {
                    result = task.work().call();
                } catch (Exception e) {
                    task.fail(e);
                    return;
                }
                task.succeed(result);
            }
        };
    }
}
