package dev.topograph.app.designer.live;

import dev.topograph.app.live.MetricsScraper;
import dev.topograph.app.live.MetricsSource;
import dev.topograph.app.metrics.ScrapeHistory;
import dev.topograph.app.metrics.SystemFigures;
import dev.topograph.model.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A metrics source that scrapes nothing: a test hands each feed its rounds ({@link FakeFeed#round}). */
public final class FakeMetricsSource implements MetricsSource {
    final List<FakeFeed> feeds = new CopyOnWriteArrayList<>();

    /** Tools that watch nothing, send nothing and capture nothing: for window tests about something else. */
    public static LiveTools silentTools() {
        return new LiveTools(new FakeMetricsSource(), () -> null, (admin, kind, seconds, target) -> 0);
    }

    @Override
    public Feed watch(Topology topology, MetricsScraper.Listener listener) {
        FakeFeed feed = new FakeFeed(listener);
        feeds.add(feed);
        return feed;
    }

    FakeFeed last() {
        return feeds.get(feeds.size() - 1);
    }

    /** One run's feed: what the designer asked of it, and rounds told as the scraper tells them. */
    static final class FakeFeed implements Feed {
        final MetricsScraper.Listener listener;
        final List<String> restarted = new CopyOnWriteArrayList<>();
        final Map<String, ScrapeHistory> histories = new ConcurrentHashMap<>();
        volatile List<MetricsScraper.Target> targets = List.of();
        volatile int targetChanges;
        volatile boolean started;
        volatile boolean paused;
        volatile boolean closed;

        FakeFeed(MetricsScraper.Listener listener) {
            this.listener = listener;
        }

        /** A round's figures, on the caller's thread, as the scraper's thread would. */
        void round(SystemFigures figures) {
            listener.scraped(figures);
        }

        @Override
        public void targets(List<MetricsScraper.Target> newTargets) {
            targets = List.copyOf(newTargets);
            targetChanges++;
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
        }

        @Override
        public boolean isPaused() {
            return paused;
        }

        @Override
        public Optional<ScrapeHistory> history(String node) {
            return Optional.ofNullable(histories.get(node));
        }

        @Override
        public void restarted(String node) {
            restarted.add(node);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
