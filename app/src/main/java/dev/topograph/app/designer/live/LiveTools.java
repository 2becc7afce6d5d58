package dev.topograph.app.designer.live;

import dev.topograph.app.live.MetricsScraper;
import dev.topograph.app.live.MetricsSource;
import dev.topograph.app.live.Profiles;
import java.util.function.Supplier;

/**
 * What the live dashboard uses on a running design: a metrics feed per run, a traffic sender per
 * "Send traffic", and pprof captures. The app passes the real ones; tests pass fakes.
 */
public record LiveTools(MetricsSource metrics, Supplier<TrafficSender> traffic, ProfileCapture profiles) {

    /** Real scraping (1 s rounds), real traffic, real profiles. */
    public static LiveTools real() {
        Profiles profiles = new Profiles();
        return new LiveTools(MetricsSource.scraping(MetricsScraper.Settings.DEFAULT), TrafficSender::generator,
                profiles::capture);
    }
}
