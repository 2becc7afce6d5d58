package dev.topograph.app.live;

import dev.topograph.app.metrics.ScrapeHistory;
import dev.topograph.model.topology.Topology;
import java.util.List;
import java.util.Optional;

/**
 * Where the designer's live figures come from: a feed per run that scrapes the run's services on
 * threads of its own and hands each round's figures to a listener. Injected into the designer's
 * ViewModel, so its tests pass a fake feed; the app passes {@link #scraping}, a {@link MetricsScraper}.
 * It lives here, not in the designer, because it speaks of a {@link Topology}.
 */
public interface MetricsSource {

    /** Opens a feed for a running design; it scrapes nothing until it has targets and is started. */
    Feed watch(Topology topology, MetricsScraper.Listener listener);

    /** One run's scraping, as {@link MetricsScraper} offers it. */
    interface Feed extends AutoCloseable {

        /** Replaces the targets; the histories of kept nodes stay. */
        void targets(List<MetricsScraper.Target> targets);

        void start();

        void pause();

        void resume();

        boolean isPaused();

        /** What a node said lately, for percentiles the figures do not carry. */
        Optional<ScrapeHistory> history(String node);

        /** A node's process restarted (its goroutines start from a new base). */
        void restarted(String node);

        /** Stops scraping for good. */
        @Override
        void close();
    }

    /** Scrapes for real, with the scraper's settings. */
    static MetricsSource scraping(MetricsScraper.Settings settings) {
        return (topology, listener) -> {
            MetricsScraper scraper = new MetricsScraper(topology, settings, listener);
            return new Feed() {
                @Override
                public void targets(List<MetricsScraper.Target> targets) {
                    scraper.targets(targets);
                }

                @Override
                public void start() {
                    scraper.start();
                }

                @Override
                public void pause() {
                    scraper.pause();
                }

                @Override
                public void resume() {
                    scraper.resume();
                }

                @Override
                public boolean isPaused() {
                    return scraper.isPaused();
                }

                @Override
                public Optional<ScrapeHistory> history(String node) {
                    return scraper.history(node);
                }

                @Override
                public void restarted(String node) {
                    scraper.restarted(node);
                }

                @Override
                public void close() {
                    scraper.close();
                }
            };
        };
    }
}
