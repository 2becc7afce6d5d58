package dev.topograph.app.launch.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test fixture {@code echo/main.go.txt} (a tiny HTTP server, see its comment), built with
 * {@code CGO_ENABLED=0 go build} into a static binary a scratch image can run. Stored as .txt so
 * no Go tool mistakes the resources folder for a Go package.
 */
public final class EchoBinary {
    private EchoBinary() {
    }

    /** Builds the fixture in {@code dir}; returns the binary. */
    public static Path build(Path dir) throws IOException, InterruptedException {
        Path source = dir.resolve("echo-src");
        Files.createDirectories(source);
        try (InputStream main = EchoBinary.class.getResourceAsStream("echo/main.go.txt")) {
            if (main == null) {
                throw new IOException("echo/main.go.txt is missing from the test resources");
            }
            Files.copy(main, source.resolve("main.go"));
        }
        Files.writeString(source.resolve("go.mod"), "module example.test/echo\n\ngo 1.22\n", StandardCharsets.UTF_8);
        Path binary = dir.resolve("echo");
        ProcessBuilder go = new ProcessBuilder("go", "build", "-trimpath", "-o", binary.toString(), ".")
                .directory(source.toFile())
                .redirectErrorStream(true);
        go.environment().put("CGO_ENABLED", "0");
        go.environment().put("GOFLAGS", "-mod=mod");
        Process build = go.start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (build.waitFor() != 0) {
            throw new IOException("go build of the echo fixture failed:\n" + output);
        }
        return binary;
    }
}
