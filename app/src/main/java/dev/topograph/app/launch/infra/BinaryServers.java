package dev.topograph.app.launch.infra;

import dev.topograph.app.launch.Commands;
import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.ProcessInstance;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.topology.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Servers from the machine's own packages — {@code nats-server}, {@code redis-server},
 * {@code rabbitmq-server}, {@code memcached}, {@code mysqld}, and PostgreSQL's {@code initdb} and
 * {@code postgres} — each on its own port with a throwaway data folder in the temp folder.
 * PostgreSQL is also looked for where Debian installs it ({@code /usr/lib/postgresql/N/bin}), which is
 * not on PATH. Running as root, PostgreSQL and memcached run as their own users, as they insist.
 */
public final class BinaryServers implements InfraProvider {
    private final List<Path> searchPath;
    private final List<Path> postgresDirs;
    private final boolean root = "root".equals(System.getProperty("user.name"));

    public BinaryServers(String searchPath) {
        this(searchPath, Path.of("/usr/lib/postgresql"));
    }

    BinaryServers(String searchPath, Path postgresInstalls) {
        this.searchPath = Stream.of(searchPath.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).toList();
        List<Path> dirs = new ArrayList<>(this.searchPath);
        try (Stream<Path> versions = Files.list(postgresInstalls)) {
            versions.map(v -> v.resolve("bin")).sorted(Comparator.reverseOrder()).forEach(dirs::add);
        } catch (IOException e) {
            // No Debian PostgreSQL install: PATH alone.
        }
        this.postgresDirs = dirs;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.BINARY;
    }

    /** The binary that serves {@code engine}, by name. */
    static Optional<String> binaryName(Engine engine) {
        return switch (engine) {
            case NATS -> Optional.of("nats-server");
            case REDIS -> Optional.of("redis-server");
            case RABBITMQ -> Optional.of("rabbitmq-server");
            case MEMCACHED -> Optional.of("memcached");
            case MYSQL -> Optional.of("mysqld");
            case POSTGRES -> Optional.of("postgres");
            case KAFKA, SQLITE -> Optional.empty();
        };
    }

    @Override
    public Optional<String> cannotServe(PlannedNode node) {
        return cannotServe(node.engine().orElseThrow());
    }

    private Optional<String> cannotServe(Engine engine) {
        Optional<String> name = binaryName(engine);
        if (name.isEmpty()) {
            return Optional.of("no server binary serves " + engine.json() + " here");
        }
        if (engine == Engine.POSTGRES) {
            return postgresBin().isPresent() ? Optional.empty()
                    : Optional.of("PostgreSQL (initdb, postgres, createdb) is neither on PATH nor in /usr/lib/postgresql");
        }
        return find(name.get()).isPresent() ? Optional.empty() : Optional.of(name.get() + " is not on PATH");
    }

    private Optional<Path> find(String name) {
        return searchPath.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /** The folder of a PostgreSQL install with initdb, postgres and createdb (PATH entries may be symlinks). */
    private Optional<Path> postgresBin() {
        for (Path dir : postgresDirs) {
            Path postgres = dir.resolve("postgres");
            if (Files.isExecutable(postgres) && Files.isExecutable(dir.resolve("initdb"))) {
                try {
                    Path bin = postgres.toRealPath().getParent();
                    if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("createdb"))) {
                        return Optional.of(bin);
                    }
                } catch (IOException e) {
                    // A dangling link: try the next folder.
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Instance start(String project, PlannedNode node, int port, Consumer<String> log, Duration timeout)
            throws LaunchException, InterruptedException {
        Engine engine = node.engine().orElseThrow();
        Optional<String> why = cannotServe(engine);
        if (why.isPresent()) {
            throw new LaunchException(node.id() + ": " + why.get());
        }
        String p = String.valueOf(port);
        try {
            Path data = Files.createTempDirectory(RunHome.tempPrefix(project, node.id()));
            String provider = binaryName(engine).orElseThrow() + " on PATH";
            Instance instance;
            try {
                instance = switch (engine) {
                    case NATS -> spawn(provider, List.of(find("nats-server").orElseThrow().toString(), "-js", "-a",
                            "127.0.0.1", "-p", p, "-sd", data.toString()), Map.of(), data, log);
                    case REDIS -> spawn(provider, List.of(find("redis-server").orElseThrow().toString(), "--port", p,
                            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", data.toString()),
                            Map.of(), data, log);
                    case MEMCACHED -> spawn(provider, memcached(p), Map.of(), data, log);
                    case RABBITMQ -> spawn(provider, List.of(find("rabbitmq-server").orElseThrow().toString()), Map.of(
                            "RABBITMQ_NODE_PORT", p, "RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1",
                            "RABBITMQ_NODENAME", "topograph-" + node.id() + "@localhost",
                            "RABBITMQ_DIST_PORT", String.valueOf(Probes.freePort()),
                            "RABBITMQ_MNESIA_BASE", data.resolve("mnesia").toString(),
                            "RABBITMQ_LOG_BASE", data.resolve("log").toString()), data, log);
                    case MYSQL -> mysql(provider, node, port, data, log, timeout);
                    case POSTGRES -> postgres(node, port, data, log, timeout);
                    case KAFKA, SQLITE -> throw new IllegalStateException("checked by cannotServe");
                };
            } catch (IOException | LaunchException | InterruptedException | RuntimeException e) {
                ProcessInstance.deleteTree(data);
                throw e;
            }
            try {
                Probes.awaitPort(node.id() + " (" + provider + ")", port, instance, timeout);
                if (engine == Engine.POSTGRES) {
                    createPostgresDatabase(node, port, instance, timeout);
                }
            } catch (LaunchException | InterruptedException | RuntimeException e) {
                instance.stop(Duration.ofSeconds(5));
                throw e;
            }
            return instance;
        } catch (IOException e) {
            throw new LaunchException(node.id() + ": could not start its server: " + e.getMessage(), e);
        }
    }

    private Instance spawn(String provider, List<String> command, Map<String, String> env, Path data,
            Consumer<String> log) throws IOException {
        return ProcessInstance.start(provider, command, env, Optional.of(data), Optional.of(data), log);
    }

    /** PostgreSQL in a fresh cluster: initdb, then the server itself in the foreground so it is our child. */
    private Instance postgres(PlannedNode node, int port, Path root, Consumer<String> log, Duration timeout)
            throws IOException, LaunchException, InterruptedException {
        Path bin = postgresBin().orElseThrow();
        Path data = root.resolve("data");
        Files.createDirectories(data);
        if (this.root) {
            // PostgreSQL refuses to run as root: the folder goes to its own user.
            exec(List.of(systemTool("chown"), "-R", "postgres:postgres", root.toString()), timeout);
        }
        log.accept("initdb " + data);
        exec(asUser("postgres", List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "--no-sync", "--no-instructions")), timeout);
        return ProcessInstance.start("PostgreSQL from " + bin, asUser("postgres", List.of(bin.resolve("postgres").toString(),
                "-D", data.toString(), "-p", String.valueOf(port), "-k", data.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off")), Map.of(), Optional.of(root), Optional.of(root), log);
    }

    private void createPostgresDatabase(PlannedNode node, int port, Instance instance, Duration timeout)
            throws LaunchException, InterruptedException {
        String db = node.database().orElseThrow();
        Path createdb = postgresBin().orElseThrow().resolve("createdb");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        // The server accepts connections a moment before it accepts logins ("the database system is starting up").
        while (System.nanoTime() < deadline && !instance.exit().isDone()) {
            try {
                exec(List.of(createdb.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", db),
                        Duration.ofSeconds(10));
                return;
            } catch (IOException e) {
                last = e.getMessage();
                Thread.sleep(100);
            }
        }
        throw new LaunchException(node.id() + ": could not create database " + db + ": " + last);
    }

    private Instance mysql(String provider, PlannedNode node, int port, Path data, Consumer<String> log,
            Duration timeout) throws IOException, InterruptedException {
        List<String> base = new ArrayList<>(List.of(find("mysqld").orElseThrow().toString(), "--no-defaults",
                "--datadir=" + data.resolve("data")));
        if (root) {
            exec(List.of(systemTool("chown"), "-R", "mysql:mysql", data.toString()), timeout);
            base.add("--user=mysql");
        }
        List<String> init = new ArrayList<>(base);
        init.add("--initialize-insecure");
        exec(init, timeout);
        List<String> run = new ArrayList<>(base);
        run.addAll(List.of("--port=" + port, "--bind-address=127.0.0.1", "--socket=" + data.resolve("mysql.sock"),
                "--mysqlx=OFF", "--init-file=" + writeInit(data, node)));
        return spawn(provider, run, Map.of(), data, log);
    }

    private static Path writeInit(Path data, PlannedNode node) throws IOException {
        Path init = data.resolve("init.sql");
        Files.writeString(init, "CREATE DATABASE IF NOT EXISTS `" + node.database().orElseThrow() + "`;\n");
        return init;
    }

    private List<String> memcached(String port) {
        List<String> command = new ArrayList<>(List.of(find("memcached").orElseThrow().toString(), "-p", port, "-l",
                "127.0.0.1", "-m", "64", "-U", "0"));
        if (root) {
            command.addAll(List.of("-u", "nobody"));
        }
        return command;
    }

    private List<String> asUser(String user, List<String> command) {
        if (!root) {
            return command;
        }
        // setpriv execs the command itself: the pid we hold is the server's, and signals reach it.
        List<String> wrapped = new ArrayList<>(List.of(systemTool("setpriv"), "--reuid=" + user, "--regid=" + user,
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** A tool of the operating system by its full path, so a narrowed PATH (tests, odd shells) still finds it. */
    private static String systemTool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        return name;
    }

    private static void exec(List<String> command, Duration timeout) throws IOException, InterruptedException {
        try {
            Commands.run(command, Optional.empty(), List.of(), timeout, line -> { });
        } catch (IOException e) {
            // Name the tool, not setpriv that runs it as another user.
            throw new IOException(Path.of(command.get(command.get(0).endsWith("setpriv") ? 5 : 0)).getFileName()
                    + " failed: " + e.getMessage(), e);
        }
    }
}
