package dev.topograph.app.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * "Send traffic": requests at a steady rate for a while (open loop — a slow system does not slow
 * the sender, as real users do not wait for each other), then a summary of what came back.
 */
public final class TrafficGenerator {

    /** What to send: a method and URL (a gateway route), an optional JSON body, how fast, how long. */
    public record Plan(String method, URI url, String body, double perSecond, Duration duration) {
        public Plan {
            if (perSecond <= 0 || perSecond > 5000) {
                throw new IllegalArgumentException("a rate between 0 and 5000 requests a second, not " + perSecond);
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("a duration between a moment and an hour, not " + duration);
            }
            body = body == null ? "" : body;
        }
    }

    /** What came back: counts, failures (5xx and no answer), latency percentiles in ms. */
    public record Summary(int sent, int answered, int errors, Map<Integer, Integer> byStatus, double p50Ms, double p95Ms,
            double p99Ms, Duration took) {

        /** "300 sent, 0 errors, p50 2.1 ms, p95 4.0 ms, p99 6.3 ms". */
        public String describe() {
            return String.format(Locale.ROOT, "%d sent, %d errors, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", sent, errors,
                    p50Ms, p95Ms, p99Ms);
        }
    }

    private volatile boolean stopped;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Sends the plan and waits for its last answer (each request times out after 10 s).
     *
     * @param progress hears the count sent so far, about every second
     */
    public Summary send(Plan plan, Consumer<Integer> progress) throws InterruptedException {
        int total = (int) Math.max(1, Math.round(plan.perSecond() * plan.duration().toMillis() / 1000.0));
        long periodNanos = (long) (1_000_000_000L / plan.perSecond());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "topograph-traffic");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger sent = new AtomicInteger();
        ConcurrentLinkedQueue<CompletableFuture<long[]>> answers = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        ScheduledFuture<?> ticks = clock.scheduleAtFixedRate(() -> {
            if (stopped) {
                sent.set(Math.max(sent.get(), total));
                return;
            }
            int n = sent.incrementAndGet();
            if (n > total) {
                return;
            }
            answers.add(one(plan));
            if (n % Math.max(1, (int) plan.perSecond()) == 0) {
                progress.accept(n);
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        try {
            while (sent.get() < total) {
                Thread.sleep(20);
            }
        } finally {
            ticks.cancel(false);
            clock.shutdownNow();
        }
        long[] latencies = new long[answers.size()];
        int answered = 0;
        int errors = 0;
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int i = 0;
        for (CompletableFuture<long[]> answer : answers) {
            long[] r;
            try {
                r = answer.get(15, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                r = new long[] {0, 0};
            }
            int status = (int) r[0];
            if (status > 0) {
                answered++;
                byStatus.merge(status, 1, Integer::sum);
            }
            if (status == 0 || status >= 500) {
                errors++;
            }
            latencies[i++] = r[1];
        }
        long[] sorted = Arrays.copyOf(latencies, i);
        Arrays.sort(sorted);
        progress.accept(total);
        return new Summary(i, answered, errors, byStatus, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Ends a {@link #send} early; it returns the summary of what was sent so far. */
    public void stop() {
        stopped = true;
    }

    private CompletableFuture<long[]> one(Plan plan) {
        HttpRequest.Builder b = HttpRequest.newBuilder(plan.url()).timeout(Duration.ofSeconds(10));
        if (plan.body().isEmpty()) {
            b.method(plan.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(plan.method(), HttpRequest.BodyPublishers.ofString(plan.body()));
        }
        long t0 = System.nanoTime();
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
                .handle((r, e) -> new long[] {e == null ? r.statusCode() : 0, System.nanoTime() - t0});
    }

    private static double pct(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
}
