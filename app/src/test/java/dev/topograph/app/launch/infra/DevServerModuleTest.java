package dev.topograph.app.launch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.launch.LaunchFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded dev servers' Go module as the app carries it: formatted, vetted, and its own tests
 * green — real NATS (JetStream), Redis and Kafka clients against each kind, the port-in-use exit.
 */
class DevServerModuleTest {

    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
    }

    @Test
    void theModuleIsFormattedVettedAndItsTestsPass(@TempDir Path dir) throws Exception {
        for (String name : List.of("go.mod", "go.sum", "main.go", "main_test.go")) {
            try (InputStream in = DevServerModuleTest.class.getResourceAsStream(
                    "/dev/topograph/app/launch/devserver/" + name)) {
                assertThat(in).as(name + " is carried by the app").isNotNull();
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        assertThat(go(dir, "gofmt", "-l", ".")).isEmpty();
        go(dir, "go", "vet", "./...");
        assertThat(go(dir, "go", "test", "-count=1", "./...")).contains("ok");
    }

    private static String go(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("CGO_ENABLED", "0");
        builder.environment().put("GOFLAGS", "-mod=readonly");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out.strip();
    }
}
