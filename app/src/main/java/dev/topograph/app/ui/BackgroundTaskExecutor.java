package dev.topograph.app.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs tasks on a small pool of daemon threads and hands their results to the UI executor. */
public final class BackgroundTaskExecutor implements TaskExecutor {
    private final ExecutorService pool;
    private final UiExecutor ui;

    public BackgroundTaskExecutor(UiExecutor ui) {
        this.ui = ui;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "topograph-task-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        pool.execute(() -> {
            T result;
            try {
                result = task.work().call();
            } catch (Exception e) {
                ui.execute(() -> task.fail(e));
                return;
            }
            ui.execute(() -> task.succeed(result));
        });
    }

    public void shutdown() {
        pool.shutdownNow();
    }
}
