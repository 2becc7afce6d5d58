package dev.topograph.app.live;

import dev.topograph.app.metrics.FigureDeriver;
import dev.topograph.app.metrics.MetricsFormatException;
import dev.topograph.app.metrics.ParserLimits;
import dev.topograph.app.metrics.PrometheusTextParser;
import dev.topograph.app.metrics.ScrapeHistory;
import dev.topograph.app.metrics.SystemFigures;
import dev.topograph.model.topology.Topology;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrapes every running service's {@code /metrics} once an interval on threads of its own (never
 * the FX thread): one scheduler, an HTTP client whose timeout is below the interval, a cap on the
 * body and on the series count, and a backoff for a target that fails, so a target that hangs,
 * answers garbage or answers 10 MB costs nothing to the others. After each round it derives the
 * figures of the whole design and hands them to its listener.
 */
public final class MetricsScraper implements AutoCloseable {

    /** A node and where its metrics are served. */
    public record Target(String node, URI url) {
    }

    /** How often, how long to wait, how much to read. */
    public record Settings(Duration interval, Duration timeout, int maxBodyBytes, ParserLimits limits) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofMillis(800),
                4 * 1024 * 1024, new ParserLimits(20_000, 16_384));

        public Settings {
            if (timeout.compareTo(interval) >= 0) {
                throw new IllegalArgumentException("the timeout must be below the interval, or rounds would overlap");
            }
        }
    }

    /** Hears each round's figures, on the scraper's thread. */
    public interface Listener {
        void scraped(SystemFigures figures);
    }

    private final Settings settings;
    private final Listener listener;
    private final FigureDeriver deriver;
    private final PrometheusTextParser parser;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;
    private final HttpClient http;
    private final Map<String, ScrapeHistory> histories = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Long> skipUntil = new HashMap<>();
    private final long origin = System.nanoTime();
    private volatile List<Target> targets = List.of();
    private volatile boolean paused;
    private ScheduledFuture<?> ticks;
    private long round;
    private long lastMs = -1;

    public MetricsScraper(Topology topology, Settings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.deriver = new FigureDeriver(topology);
        this.parser = new PrometheusTextParser(settings.limits());
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "topograph-scrape"));
        this.io = Executors.newFixedThreadPool(2, r -> daemon(r, "topograph-scrape-io-" + n.incrementAndGet()));
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).executor(io)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Replaces the targets (a node restarted elsewhere, the run changed); histories of kept nodes stay. */
    public void targets(List<Target> newTargets) {
        targets = List.copyOf(newTargets);
        List<String> nodes = newTargets.stream().map(Target::node).toList();
        histories.keySet().retainAll(nodes);
        problems.keySet().retainAll(nodes);
    }

    public synchronized void start() {
        if (ticks == null) {
            long ms = settings.interval().toMillis();
            ticks = scheduler.scheduleAtFixedRate(this::round, 0, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops scraping but keeps what was seen; the panel's pause. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** The history of a node, for charts. */
    public java.util.Optional<ScrapeHistory> history(String node) {
        return java.util.Optional.ofNullable(histories.get(node));
    }

    /** Tells the figures that a node's process restarted. */
    public void restarted(String node) {
        scheduler.execute(() -> deriver.restarted(node));
    }

    private void round() {
        if (paused) {
            return;
        }
        round++;
        long now = Math.max(lastMs + 1, (System.nanoTime() - origin) / 1_000_000);
        lastMs = now;
        List<CompletableFuture<Void>> scrapes = new ArrayList<>();
        for (Target t : targets) {
            if (skipUntil.getOrDefault(t.node(), 0L) > round) {
                continue;
            }
            scrapes.add(scrape(t, now));
        }
        try {
            CompletableFuture.allOf(scrapes.toArray(CompletableFuture[]::new))
                    .get(settings.timeout().toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Each scrape records its own failure.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            listener.scraped(deriver.derive(now, Map.copyOf(histories), Map.copyOf(problems)));
        } catch (RuntimeException e) {
            // A listener's bug must not end the scraping.
        }
    }

    private CompletableFuture<Void> scrape(Target t, long now) {
        CappedBody body = new CappedBody(settings.maxBodyBytes());
        HttpRequest request = HttpRequest.newBuilder(t.url()).timeout(settings.timeout())
                .header("Accept", "text/plain;version=0.0.4").GET().build();
        return http.sendAsync(request, info -> body)
                .orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((response, error) -> {
                    if (error != null) {
                        body.cancel();
                        failed(t, describe(error));
                    } else if (response.statusCode() != 200) {
                        failed(t, "/metrics answered " + response.statusCode());
                    } else {
                        try {
                            var scrape = parser.parse(new String(response.body(), StandardCharsets.UTF_8));
                            histories.computeIfAbsent(t.node(), k -> new ScrapeHistory()).add(now, scrape);
                            succeeded(t);
                        } catch (MetricsFormatException e) {
                            failed(t, "/metrics is not in the Prometheus text format: " + e.getMessage());
                        }
                    }
                    return null;
                }, io);
    }

    private void succeeded(Target t) {
        synchronized (failures) {
            failures.remove(t.node());
            skipUntil.remove(t.node());
        }
        problems.remove(t.node());
    }

    /** Backs off 1, 2, 4 … 30 rounds after consecutive failures. */
    private void failed(Target t, String problem) {
        synchronized (failures) {
            int f = failures.merge(t.node(), 1, Integer::sum);
            skipUntil.put(t.node(), round + Math.min(30, 1L << Math.min(5, f - 1)));
        }
        problems.put(t.node(), problem);
    }

    private String describe(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
            return "/metrics did not answer within " + settings.timeout().toMillis() + " ms";
        }
        if (e instanceof java.net.ConnectException) {
            return "/metrics refused the connection";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        io.shutdownNow();
    }

    /** Reads a body up to a cap; past it, stops reading and fails. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > max) {
                    cancel();
                    result.completeExceptionally(new IOException("/metrics sent more than " + max / (1024 * 1024)
                            + " MB; stopped reading"));
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                buffer.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
