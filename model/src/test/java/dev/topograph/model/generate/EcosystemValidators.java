package dev.topograph.model.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The ecosystem's own validators, run on generated output: compose-spec's loader (compose-go),
 * kin-openapi and client_golang's promlint, in the small Go program kept in
 * {@code src/test/go/validators}. It is built once per JVM into {@code target/validators}, and
 * only when its sources are newer than the binary. Needs {@code go} on PATH: {@link #require()}
 * fails under CI ({@code CI=true}) without it and reports it missing elsewhere, so callers skip.
 */
final class EcosystemValidators {
    /** The checker's Go module, relative to the model module (the tests' working directory). */
    static final Path SOURCES = Path.of("src/test/go/validators");

    private static final Path BINARY = Path.of("target/validators/topograph-validators");

    private static boolean built;

    private EcosystemValidators() {
    }

    /** What one run of the checker printed, how it exited and how long it took. */
    record Outcome(int exitCode, String output, double seconds) {
        boolean passed() {
            return exitCode == 0;
        }
    }

    /**
     * Whether the checker can run here, building it first if needed. Without Go it is false, or
     * under CI an AssertionError; a failed build is always an AssertionError.
     */
    static synchronized boolean require() throws Exception {
        if (built) {
            return true;
        }
        boolean hasGo = LocalServers.onPath("go");
        if (!hasGo && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("go is not on PATH; CI must install Go to run the ecosystem's validators");
        }
        if (!hasGo) {
            return false;
        }
        if (stale()) {
            long start = System.nanoTime();
            Files.createDirectories(BINARY.getParent());
            Outcome build = exec(SOURCES, List.of("go", "build", "-o", BINARY.toAbsolutePath().toString(), "."),
                    Map.of());
            if (!build.passed()) {
                throw new AssertionError("building the validators in " + SOURCES + " failed:\n" + build.output());
            }
            System.out.printf("ecosystem validators built in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        built = true;
        return true;
    }

    /**
     * Runs {@code topograph-validators check args...} in {@code dir}, with an environment of PATH
     * and HOME only, so a compose file's variables resolve the same on every machine.
     */
    static Outcome run(Path dir, String check, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(BINARY.toAbsolutePath().toString(), check));
        command.addAll(args);
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", ""),
                "HOME", System.getProperty("user.home"));
        return exec(dir, command, env);
    }

    private static boolean stale() throws IOException {
        if (!Files.exists(BINARY)) {
            return true;
        }
        FileTime binary = Files.getLastModifiedTime(BINARY);
        try (Stream<Path> sources = Files.list(SOURCES)) {
            for (Path source : sources.toList()) {
                if (Files.getLastModifiedTime(source).compareTo(binary) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Outcome exec(Path dir, List<String> command, Map<String, String> env) throws Exception {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (!env.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        builder.environment().put("CGO_ENABLED", "0");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Outcome(-1, output + "\ntimed out", (System.nanoTime() - start) / 1e9);
        }
        return new Outcome(p.exitValue(), output, (System.nanoTime() - start) / 1e9);
    }
}
