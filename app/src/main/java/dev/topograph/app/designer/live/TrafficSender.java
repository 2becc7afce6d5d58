package dev.topograph.app.designer.live;

import dev.topograph.app.live.TrafficGenerator;
import java.util.function.IntConsumer;

/**
 * Sends one plan of traffic and can be told to stop: what "Send traffic" needs of a
 * {@link TrafficGenerator}, as an interface so the dialog's ViewModel is tested without a network.
 */
public interface TrafficSender {

    /**
     * Sends the plan and waits for its last answer; blocks, so never on the UI thread.
     *
     * @param progress hears the count sent so far, about once a second, on a thread of the sender's
     */
    TrafficGenerator.Summary send(TrafficGenerator.Plan plan, IntConsumer progress) throws InterruptedException;

    /** Ends a {@link #send} early; it then returns the summary of what was sent. */
    void stop();

    /** A real generator: open loop, at the plan's rate. */
    static TrafficSender generator() {
        TrafficGenerator generator = new TrafficGenerator();
        return new TrafficSender() {
            @Override
            public TrafficGenerator.Summary send(TrafficGenerator.Plan plan, IntConsumer progress)
                    throws InterruptedException {
                return generator.send(plan, progress::accept);
            }

            @Override
            public void stop() {
                generator.stop();
            }
        };
    }
}
