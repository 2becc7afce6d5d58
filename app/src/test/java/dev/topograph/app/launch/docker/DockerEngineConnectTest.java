package dev.topograph.app.launch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DockerEngine} where no engine answers, or one stops answering: empty or a clear failure,
 * in bounded time, over unix sockets and tcp alike. No engine needed.
 */
class DockerEngineConnectTest {
    /** Far above the timeouts under test: only a hang fails it, never a slow machine. */
    private static final Duration HANG = Duration.ofSeconds(20);
    private static final DockerEngine.Timeouts ONE_SECOND_CALLS = new DockerEngine.Timeouts(
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    @TempDir
    Path dir;

    @Test
    void aSocketFileThatDoesNotExistIsNoEngine() {
        Optional<DockerEngine> engine = assertTimeoutPreemptively(HANG,
                () -> DockerEngine.connect(URI.create("unix:///nonexistent.sock"), Duration.ofSeconds(3)));

        assertThat(engine).isEmpty();
    }

    @Test
    void aPortNothingListensOnIsNoEngine() {
        Optional<DockerEngine> engine = assertTimeoutPreemptively(HANG,
                () -> DockerEngine.connect(URI.create("tcp://127.0.0.1:1"), Duration.ofSeconds(3)));

        assertThat(engine).isEmpty();
    }

    @Test
    void aHostThatIsNoDockerAddressIsNoEngine() {
        assertThat(DockerEngine.connect(URI.create("ftp://127.0.0.1:21"), Duration.ofSeconds(1))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void aServerThatAcceptsButNeverAnswersIsNoEngine(String transport) throws IOException {
        try (SilentEngine silent = silentEngine(transport, false)) {
            Optional<DockerEngine> engine = assertTimeoutPreemptively(HANG,
                    () -> DockerEngine.connect(silent.host(), Duration.ofSeconds(1)));

            assertThat(engine).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void aCallTheEngineNeverAnswersFailsAfterTheCallTimeout(String transport) throws IOException {
        try (SilentEngine silent = silentEngine(transport, true);
                DockerEngine engine = DockerEngine.connect(silent.host(), Duration.ofSeconds(5), ONE_SECOND_CALLS).orElseThrow()) {
            assertThat(engine.describe()).isEqualTo("Docker silent (API 1.41) at " + silent.host());

            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> engine.inspect("abc"))
                    .isInstanceOf(DockerEngineException.class)
                    .hasMessage("Docker engine at " + silent.host() + " did not answer within 1 s (trying to inspect container abc)"));
        }
    }

    private SilentEngine silentEngine(String transport, boolean answersPing) throws IOException {
        return transport.equals("unix")
                ? SilentEngine.onUnixSocket(dir.resolve("docker.sock"), answersPing)
                : SilentEngine.onLoopback(answersPing);
    }
}
