package dev.topograph.app.launch.docker;

import static dev.topograph.app.launch.docker.DockerEngine.PROJECT_LABEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.app.launch.docker.ContainerSpec.Healthcheck;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DockerEngine} against the real engine of this machine ({@code DOCKER_HOST}, else the local
 * socket): skipped when none answers, except under {@code CI=true}, where that is a failure.
 * Containers use the host network only (dockerd runs with {@code --bridge=none} here). Every run
 * labels what it makes with its own project name, so parallel runs never touch each other's.
 */
class DockerEngineTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PROJECT = "topograph-test-" + RUN;
    /** On everything a run makes, also what is deliberately not of its project. */
    private static final String RUN_LABEL = "io.topograph.test-run";
    private static final Map<String, String> LABELS = Map.of(PROJECT_LABEL, PROJECT, RUN_LABEL, RUN);
    private static final String TAG = "topograph-test/echo:" + RUN;
    private static final String WHERE = Optional.ofNullable(System.getenv("DOCKER_HOST")).orElse("unix:///var/run/docker.sock");

    private static DockerEngine engine;
    private static Path binary;
    private static String imageId;
    private static final List<String> tags = new ArrayList<>();

    private final List<Closeable> follows = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void engineAndImage(@TempDir Path dir) throws Exception {
        Optional<DockerEngine> found = DockerEngine.connect(Duration.ofSeconds(5));
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true, but no Docker engine answers at " + WHERE + ": .ci/run starts dockerd "
                        + "(--bridge=none --iptables=false, log in /tmp/dockerd.log); is it running?");
            }
            return; // each test is skipped, and says why
        }
        engine = found.get();
        binary = EchoBinary.build(dir);
        tags.add(TAG);
        imageId = engine.buildScratchImage(TAG, binary, "echo", Map.of(RUN_LABEL, RUN, "io.topograph.image", "echo"));
    }

    @BeforeEach
    void needsAnEngine() {
        assumeTrue(engine != null, "no Docker engine answers at " + WHERE + " (and CI is not \"true\")");
    }

    @AfterEach
    void removeWhatTheTestMade() throws IOException {
        for (Closeable follow : follows) {
            follow.close();
        }
        if (engine != null) {
            engine.removeAllLabelled(RUN_LABEL, RUN);
        }
    }

    @AfterAll
    static void removeImages() {
        if (engine != null) {
            engine.removeAllLabelled(RUN_LABEL, RUN);
            tags.forEach(engine::removeImage);
            engine.close();
        }
    }

    @Test
    void connectsAndSaysWhichEngineItIs() {
        assertThat(engine.describe())
                .startsWith("Docker ")
                .contains(" at " + engine.host());
    }

    @Test
    void buildsAScratchImageThatTheSameBinaryRebuildsFromCache() {
        assertThat(imageId).startsWith("sha256:");
        assertThat(engine.hasImage(TAG)).isTrue();
        assertThat(engine.hasImage("topograph-test/never-built:" + RUN)).isFalse();

        String again = engine.buildScratchImage(TAG, binary, "echo", Map.of(RUN_LABEL, RUN, "io.topograph.image", "echo"));

        assertThat(again).isEqualTo(imageId);
    }

    @Test
    void aTagDockerWouldRefuseFailsBeforeTheContextIsSent() {
        String badTag = "topograph-test/UPPER:" + RUN;

        assertThatThrownBy(() -> engine.buildScratchImage(badTag, binary, "echo", Map.of(RUN_LABEL, RUN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + badTag + "' cannot name a Docker image: repository names are lower-case");
    }

    @Test
    void runsTheImageOnTheHostNetworkAsAnUnprivilegedUserThatServesHttpAndLogs() throws Exception {
        int port = freePort();
        String id = engine.run(echo("web", port).withEnv(Map.of("PORT", String.valueOf(port), "GREETING", "docker")));
        List<String> lines = follow(id);

        assertThat(get(port, "/hi")).isEqualTo("hello docker");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lines).contains(
                "listening on 127.0.0.1:" + port + " as uid 65532", "request /hi"));
        assertThat(engine.inspect(id).running()).isTrue();
        assertThat(engine.listByLabel(PROJECT_LABEL, PROJECT))
                .singleElement()
                .satisfies(container -> {
                    assertThat(container.kind()).isEqualTo(LabelledResource.Kind.CONTAINER);
                    assertThat(container.id()).isEqualTo(id);
                    assertThat(container.name()).isEqualTo(PROJECT + "-web");
                    // the image's labels come along onto its containers
                    assertThat(container.labels()).containsEntry("io.topograph.image", "echo");
                });
    }

    @Test
    void aHealthcheckRunningTheBinaryItselfReachesHealthy() {
        int port = freePort();
        String id = engine.run(echo("healthy", port)
                .withHealthcheck(new Healthcheck(List.of("/echo", "healthcheck"), Duration.ofMillis(500))));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(engine.inspect(id).health()).isEqualTo(ContainerState.Health.HEALTHY));
    }

    @Test
    void aContainerWithoutHealthcheckHasNoHealth() {
        int port = freePort();
        String id = engine.run(echo("plain", port));

        assertThat(engine.inspect(id).health()).isEqualTo(ContainerState.Health.NONE);
    }

    @Test
    void stoppingEndsTheContainerWithTheExitCodeItChose() throws Exception {
        int port = freePort();
        String id = engine.run(echo("stopped", port).withEnv(Map.of("PORT", String.valueOf(port), "EXIT_CODE", "7")));
        List<String> lines = follow(id);
        get(port, "/");

        engine.stop(id, Duration.ofSeconds(10));

        ContainerState state = engine.inspect(id);
        assertThat(state.running()).isFalse();
        assertThat(state.exitCode()).isEqualTo(7);
        assertThat(state.oomKilled()).isFalse();
        assertThat(state.finishedAt()).isPresent();
        // stderr arrives too
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines).contains("stopping"));
        engine.stop(id, Duration.ofSeconds(1)); // already stopped: nothing to do
    }

    @Test
    void aLeftoverContainerOfTheSameProjectIsReplaced() throws Exception {
        int port = freePort();
        String stale = engine.run(echo("replaced", port));
        engine.stop(stale, Duration.ofSeconds(5));

        String fresh = engine.run(echo("replaced", port));

        assertThat(fresh).isNotEqualTo(stale);
        assertThat(get(port, "/")).startsWith("hello");
        assertThat(engine.listByLabel(PROJECT_LABEL, PROJECT)).extracting(LabelledResource::id).containsExactly(fresh);
    }

    @Test
    void aContainerOfAnotherProjectIsNeverReplaced() {
        int port = freePort();
        ContainerSpec foreign = echo("taken", port).withLabels(Map.of(PROJECT_LABEL, "someone-else", RUN_LABEL, RUN));
        String theirs = engine.run(foreign);

        assertThatThrownBy(() -> engine.run(echo("taken", port)))
                .isInstanceOf(DockerEngineException.class)
                .hasMessageContaining("named " + PROJECT + "-taken already exists")
                .hasMessageContaining("belongs to project someone-else");
        assertThat(engine.inspect(theirs).running()).isTrue();
    }

    @Test
    void removingEverythingLabelledLeavesNothingWithTheLabel() {
        int port = freePort();
        String running = engine.run(echo("one", port));
        String stopped = engine.run(echo("two", freePort()));
        engine.stop(stopped, Duration.ofSeconds(5));
        assertThat(engine.listByLabel(PROJECT_LABEL, PROJECT)).extracting(LabelledResource::id)
                .containsExactlyInAnyOrder(running, stopped);

        int removed = engine.removeAllLabelled(PROJECT_LABEL, PROJECT);

        assertThat(removed).isEqualTo(2);
        assertThat(engine.listByLabel(PROJECT_LABEL, PROJECT)).isEmpty();
        engine.remove(running); // already gone: nothing to do
    }

    /**
     * Over tcp, a transport with a read timeout would end a silent log stream; the engine follows
     * logs on one without. (Over a unix socket, as on this machine, zerodep has no read timeout at all.)
     */
    @Test
    void aFollowedLogSurvivesSilenceLongerThanTheCallTimeout() throws Exception {
        DockerEngine.Timeouts impatient = new DockerEngine.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMinutes(5));
        try (DockerEngine quick = DockerEngine.connect(engine.host(), Duration.ofSeconds(5), impatient).orElseThrow()) {
            int port = freePort();
            String id = quick.run(echo("quiet", port));
            List<String> lines = new CopyOnWriteArrayList<>();
            follows.add(quick.followLogs(id, lines::add));
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.size() == 1);
            Thread.sleep(3_000); // silent for three call timeouts

            get(port, "/after-silence");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines).contains("request /after-silence"));
        }
    }

    @Test
    void pullingWhatNoReachableRegistryServesReturnsFalse() {
        boolean pulled = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> engine.pull("topograph-test/no-such-image:" + RUN, Duration.ofSeconds(15)));

        assertThat(pulled).isFalse();
    }

    @Test
    void aPullFromARegistryThatNeverAnswersGivesUpAtTheTimeout() throws IOException {
        // dockerd shares the host's network, and registries on 127.0.0.0/8 need no TLS set-up
        try (SilentEngine registry = SilentEngine.onLoopback(false)) {
            String ref = "127.0.0.1:" + registry.host().getPort() + "/topograph-test/silent:" + RUN;

            boolean pulled = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> engine.pull(ref, Duration.ofSeconds(3)));

            assertThat(pulled).isFalse();
            assertThat(engine.hasImage(ref)).isFalse();
        }
    }

    @Test
    void aMissingContainerIsReportedInTheEnginesWords() {
        assertThatThrownBy(() -> engine.inspect("topograph-test-missing-" + RUN))
                .isInstanceOf(DockerEngineException.class)
                .hasMessageContaining("Docker engine at " + engine.host())
                .hasMessageContaining("No such container: topograph-test-missing-" + RUN);
    }

    @Test
    void aMissingImageIsReportedWithTheContainerThatNeededIt() {
        ContainerSpec spec = ContainerSpec.of(PROJECT + "-orphan", "topograph-test/never-built:" + RUN).withLabels(LABELS);

        assertThatThrownBy(() -> engine.run(spec))
                .isInstanceOf(DockerEngineException.class)
                .hasMessageContaining("could not create container " + PROJECT + "-orphan")
                .hasMessageContaining("No such image");
        assertThat(engine.listByLabel(RUN_LABEL, RUN)).isEmpty();
    }

    private static ContainerSpec echo(String name, int port) {
        return ContainerSpec.of(PROJECT + "-" + name, TAG)
                .withEnv(Map.of("PORT", String.valueOf(port)))
                .withLabels(LABELS);
    }

    private List<String> follow(String containerId) {
        List<String> lines = new CopyOnWriteArrayList<>();
        follows.add(engine.followLogs(containerId, lines::add));
        return lines;
    }

    /** The body of GET {@code path}, once the server answers 200 (it may still be starting). */
    private String get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build();
        List<String> body = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            body.add(response.body());
            return response.statusCode() == 200;
        });
        return body.get(body.size() - 1);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on this machine", e);
        }
    }
}
