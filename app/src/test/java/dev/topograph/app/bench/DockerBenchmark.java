package dev.topograph.app.bench;

import dev.topograph.app.launch.docker.ContainerSpec;
import dev.topograph.app.launch.docker.DockerEngine;
import dev.topograph.app.launch.docker.EchoBinary;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the Docker launcher pays per service on the real engine: building a scratch image from a
 * static Go binary (uncached: new bytes each time; cached: the same binary again), and a
 * container from create to its first HTTP answer on the host network. Prints every sample and
 * the median; a program, not a test. Needs an engine (DOCKER_HOST or the local socket) and Go.
 *
 * <pre>./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.topograph.app.bench.DockerBenchmark</pre>
 *
 * <p>Option (system property): {@code bench.runs}, samples per figure (default 5).
 */
public final class DockerBenchmark {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> LABELS = Map.of(DockerEngine.PROJECT_LABEL, "topograph-bench-" + RUN);

    private DockerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        DockerEngine engine = DockerEngine.connect(Duration.ofSeconds(5))
                .orElseThrow(() -> new IllegalStateException("no Docker engine answers"));
        Path dir = Files.createTempDirectory("docker-bench");
        List<String> tags = new ArrayList<>();
        try {
            System.out.println(engine.describe());
            Path binary = EchoBinary.build(dir);
            System.out.printf(Locale.ROOT, "binary: %.1f MB static Go (net/http server)%n", Files.size(binary) / 1e6);

            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // trailing bytes change the file (so the engine's cache cannot serve it) and not the program
                Files.write(binary, ByteBuffer.allocate(8).putLong(System.nanoTime()).array(), StandardOpenOption.APPEND);
                String tag = "topograph-bench/echo:" + RUN + "-" + i;
                tags.add(tag);
                cold.add(millis(() -> engine.buildScratchImage(tag, binary, "echo", LABELS)));
                warm.add(millis(() -> engine.buildScratchImage(tag, binary, "echo", LABELS)));
            }
            report("build scratch image, uncached", cold);
            report("build scratch image, cached (same binary again)", warm);

            String image = tags.get(tags.size() - 1);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            List<Double> started = new ArrayList<>();
            List<Double> ready = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int port = freePort();
                ContainerSpec spec = ContainerSpec.of("topograph-bench-" + RUN + "-" + i, image)
                        .withEnv(Map.of("PORT", String.valueOf(port)))
                        .withLabels(LABELS);
                long t0 = System.nanoTime();
                String id = engine.run(spec);
                long t1 = System.nanoTime();
                awaitHttp(http, port);
                long t2 = System.nanoTime();
                started.add((t1 - t0) / 1e6);
                ready.add((t2 - t0) / 1e6);
                engine.remove(id);
            }
            report("container create + start (run returns)", started);
            report("container create + start to first HTTP 200, host network", ready);
        } finally {
            engine.removeAllLabelled(DockerEngine.PROJECT_LABEL, LABELS.get(DockerEngine.PROJECT_LABEL));
            tags.forEach(engine::removeImage);
            engine.close();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double millis(Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void awaitHttp(HttpClient http, int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no HTTP answer on port " + port + " within 30 s");
    }

    private static void report(String what, List<Double> samples) {
        List<Double> sorted = samples.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf(Locale.ROOT, "%-60s median %7.1f ms   samples %s%n", what, median,
                samples.stream().map(s -> String.format(Locale.ROOT, "%.0f", s)).toList());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
