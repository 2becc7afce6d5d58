package dev.topograph.app.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands a stream of events from background threads to the UI thread at most once per interval:
 * the first {@link #request} schedules the action, the requests that follow until it has run are
 * folded into it. So a thousand log lines a second cost the UI thread ten updates, not a thousand.
 * The action runs on the UI thread and takes whatever has gathered by then.
 */
public final class Throttle {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "topograph-throttle");
        t.setDaemon(true);
        return t;
    });

    private final long intervalMillis;
    private final UiExecutor ui;
    private final Runnable action;
    private final AtomicBoolean requested = new AtomicBoolean();

    /** A zero interval hands each burst over at once, with one UI hop per burst (tests). */
    public Throttle(long intervalMillis, UiExecutor ui, Runnable action) {
        this.intervalMillis = intervalMillis;
        this.ui = ui;
        this.action = action;
    }

    /** Asks for the action to run; any thread. */
    public void request() {
        if (!requested.compareAndSet(false, true)) {
            return;
        }
        if (intervalMillis <= 0) {
            ui.execute(this::fire);
        } else {
            TIMER.schedule(() -> ui.execute(this::fire), intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void fire() {
        // Cleared first: what arrives while the action runs asks for the next one.
        requested.set(false);
        action.run();
    }
}
