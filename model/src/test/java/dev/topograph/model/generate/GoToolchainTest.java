package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Like go-zero's generator tests: every generated tree is formatted, vetted, built and tested
 * by the real Go toolchain, after {@code go generate} has made the code of its gRPC contracts in
 * every module (a caller imports its callee's generated package, so all are generated first).
 * Needs {@code go} on PATH; CI ({@code CI=true}) fails without it, elsewhere the test is skipped.
 * The platform's RabbitMQ tests run against the server {@link LocalServers#rabbitmq()} finds,
 * which CI must provide; its MySQL store's tests against a MariaDB this test starts for them
 * ({@link LocalServers#mariadb}), which CI must have installed. Neither is skipped where CI=true.
 */
class GoToolchainTest {
    static final List<String> FIXTURES = GeneratedTrees.FIXTURES;

    /** The servers the generated tests use: started for the first fixture, stopped after the last. */
    private static LocalServers servers;
    private static Map<String, String> serverEnv;

    @TempDir
    static Path serverLogs;

    @TempDir
    Path out;

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    /** The variables that point the generated tests at real servers: RABBITMQ_URL, MYSQL_DSN, POSTGRES_DSN, MEMCACHED_ADDR. */
    private static synchronized Map<String, String> serverEnv() throws Exception {
        if (serverEnv == null) {
            Map<String, String> env = new HashMap<>();
            LocalServers.rabbitmqOrFailInCi().ifPresent(url -> env.put("RABBITMQ_URL", url));
            servers = new LocalServers(serverLogs);
            long started = System.nanoTime();
            servers.mariadbOrFailInCi("topograph_test").ifPresent(dsn -> {
                env.put("MYSQL_DSN", dsn);
                System.out.printf("MariaDB for the MySQL store's tests started in %d ms%n",
                        (System.nanoTime() - started) / 1_000_000);
            });
            // PostgreSQL and memcached: the other store suites that would skip without a server.
            if (LocalServers.postgresBin().isPresent()) {
                int port = servers.postgres(List.of("topograph_test"));
                env.put("POSTGRES_DSN", "postgres://postgres@127.0.0.1:" + port + "/topograph_test?sslmode=disable");
            } else if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is not installed; CI must install postgresql (.ci/run does)");
            }
            if (LocalServers.onPath("memcached")) {
                env.put("MEMCACHED_ADDR", servers.memcached());
            } else if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("memcached is not installed; CI must install it (.ci/run does)");
            }
            serverEnv = Map.copyOf(env);
        }
        return serverEnv;
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void generatedSystemIsFormattedVettedBuiltAndTested(String fixture) throws Exception {
        boolean hasGo = run(Path.of("."), List.of("go", "version")).exitCode == 0;
        if (!hasGo && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("go is not on PATH; CI must install Go to check generated code");
        }
        assumeTrue(hasGo, "go is not on PATH");
        // The platform's RabbitMQ and MySQL tests skip without a server; with one they run against it.
        Map<String, String> env = serverEnv();
        new TreeWriter().write(GeneratedTrees.generate(fixture), out);

        Result fmt = run(out, List.of("gofmt", "-l", "."));
        assertThat(fmt.output).as("gofmt -l lists unformatted files").isBlank();
        List<Path> modules = modules(out);
        for (Path module : modules) {
            Result r = run(module, List.of("go", "generate", "./..."));
            assertThat(r.exitCode).as("go generate ./... in %s:%n%s", out.relativize(module), r.output).isZero();
        }
        for (Path module : modules) {
            for (List<String> command : List.of(
                    List.of("go", "vet", "./..."),
                    List.of("go", "build", "./..."),
                    List.of("go", "test", "-count=1", "-v", "./..."))) {
                Result r = run(module, command, env);
                assertThat(r.exitCode).as("%s in %s:%n%s", String.join(" ", command), out.relativize(module), r.output)
                        .isZero();
                if (command.contains("test") && env.containsKey("MYSQL_DSN")
                        && Files.isDirectory(module.resolve("store/mysqldb"))) {
                    // A suite that skipped would pass as well: it must have run, on the server given.
                    assertThat(r.output).as("the MySQL store's suite ran on MariaDB").contains(
                            "--- PASS: TestItemsRoundTripOnMySQL");
                }
                if (command.contains("test") && env.containsKey("POSTGRES_DSN")
                        && Files.isDirectory(module.resolve("store/postgresdb"))) {
                    assertThat(r.output).as("the PostgreSQL store's suite ran").contains(
                            "--- PASS: TestItemsRoundTripOnPostgreSQL");
                }
                if (command.contains("test") && env.containsKey("MEMCACHED_ADDR")
                        && Files.isDirectory(module.resolve("store/memcached"))) {
                    assertThat(r.output).as("the memcached client's suite ran").contains(
                            "--- PASS: TestValuesRoundTripOnMemcached");
                }
            }
        }
    }

    private static List<Path> modules(Path root) throws IOException {
        List<Path> modules = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().equals("go.mod")).map(Path::getParent).sorted()
                    .forEach(modules::add);
        }
        return modules;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, List<String> command) throws InterruptedException {
        return run(dir, command, Map.of());
    }

    private static Result run(Path dir, List<String> command, Map<String, String> env) throws InterruptedException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            // Static builds, as the launcher and the Dockerfiles make them: one shared build cache.
            builder.environment().put("CGO_ENABLED", "0");
            Process p = builder.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }
}
