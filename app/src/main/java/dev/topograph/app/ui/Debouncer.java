package dev.topograph.app.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs the latest of a burst of requests once the burst has been quiet for a delay. */
public final class Debouncer {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "topograph-debounce");
        t.setDaemon(true);
        return t;
    });

    private final long delayMillis;
    private ScheduledFuture<?> pending;

    public Debouncer(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    /** Schedules {@code action} (on the timer thread), dropping any not yet run; a zero delay runs it now. */
    public synchronized void submit(Runnable action) {
        if (pending != null) {
            pending.cancel(false);
        }
        if (delayMillis <= 0) {
            action.run();
            return;
        }
        pending = TIMER.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
    }
}
