package dev.topograph.app.launch.infra;

import dev.topograph.app.launch.Commands;
import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.ProcessInstance;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.model.generate.LaunchPlan.Login;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.topology.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
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
 * {@code rabbitmq-server} (with an {@code epmd} of its own), {@code memcached}, MariaDB's
 * {@code mariadbd} or MySQL's {@code mysqld}, and PostgreSQL's {@code initdb} and {@code postgres} —
 * each on its own port with a throwaway data folder in the temp folder. Servers are also looked for
 * where Debian installs them off a user's PATH ({@code /usr/sbin}, {@code /usr/lib/postgresql/N/bin}).
 * Running as root, PostgreSQL and memcached run as their own users, as they insist.
 */
public final class BinaryServers implements InfraProvider {
    /** Where Debian puts servers, which a user's PATH often lacks. */
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/lib/erlang/bin"));
    /** Debian's own RabbitMQ script: the one in /usr/sbin switches to the rabbitmq user and logs to /var/log. */
    private static final Path DEBIAN_RABBITMQ = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final SecureRandom RANDOM = new SecureRandom();

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
            case MYSQL -> Optional.of("mariadbd");
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
        if (engine == Engine.MYSQL) {
            return mysqlServer().isPresent() ? Optional.empty()
                    : Optional.of("neither mariadbd nor mysqld is on PATH or in /usr/sbin");
        }
        if (engine == Engine.RABBITMQ && find(name.get()).isPresent() && find("epmd").isEmpty()) {
            return Optional.of("epmd (Erlang's port mapper, which RabbitMQ needs) is not on PATH");
        }
        return find(name.get()).isPresent() ? Optional.empty() : Optional.of(name.get() + " is not on PATH");
    }

    /** A program on the search path, else where Debian installs servers. */
    private Optional<Path> find(String name) {
        return Stream.concat(searchPath.stream(), SYSTEM_DIRS.stream()).map(d -> d.resolve(name))
                .filter(Files::isExecutable).findFirst();
    }

    /** MariaDB's server, else MySQL's (on Debian mysqld is a link to mariadbd). */
    private Optional<Path> mysqlServer() {
        return find("mariadbd").or(() -> find("mysqld"));
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
            Path data = RunHome.newDataFolder(project, node.id());
            String provider = switch (engine) {
                case MYSQL -> mysqlServer().orElseThrow().getFileName() + " on PATH";
                default -> binaryName(engine).orElseThrow() + " on PATH";
            };
            Instance instance;
            try {
                instance = switch (engine) {
                    case NATS -> spawn(provider, List.of(find("nats-server").orElseThrow().toString(), "-js", "-a",
                            "127.0.0.1", "-p", p, "-sd", data.toString()), Map.of(), data, log);
                    case REDIS -> spawn(provider, List.of(find("redis-server").orElseThrow().toString(), "--port", p,
                            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", data.toString()),
                            Map.of(), data, log);
                    case MEMCACHED -> spawn(provider, memcached(p), Map.of(), data, log);
                    case RABBITMQ -> rabbitmq(provider, node, port, data, log);
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
                if (engine == Engine.RABBITMQ) {
                    awaitAmqp(node, port, instance, timeout);
                }
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

    /**
     * MariaDB (or MySQL) in a fresh data folder: the system tables made by {@code mariadb-install-db}
     * (MySQL: {@code --initialize-insecure}) with a root that has no password, then the server on
     * 127.0.0.1 with its socket and pid file in the data folder, creating at start the node's database
     * and a user with a random password granted on that database only: the services log in as that
     * user, as they would in production, never as root.
     */
    private Instance mysql(String provider, PlannedNode node, int port, Path root, Consumer<String> log,
            Duration timeout) throws IOException, InterruptedException {
        Path server = mysqlServer().orElseThrow();
        String database = node.database().orElseThrow();
        Login login = mysqlLogin(database);
        Path data = root.resolve("data");
        Files.createDirectories(data);
        // As root the server needs a user to run as; root itself keeps the throwaway folder readable.
        List<String> user = this.root ? List.of("--user=root") : List.of();
        Optional<Path> installDb = find("mariadb-install-db").or(() -> find("mysql_install_db"));
        List<String> init = new ArrayList<>();
        if (installDb.isPresent()) {
            init.addAll(List.of(installDb.get().toString(), "--no-defaults", "--datadir=" + data,
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"));
        } else {
            init.addAll(List.of(server.toString(), "--no-defaults", "--datadir=" + data, "--initialize-insecure"));
        }
        init.addAll(user);
        log.accept(Path.of(init.get(0)).getFileName() + " " + data);
        exec(init, timeout);
        List<String> run = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + root.resolve("mysqld.sock"),
                "--pid-file=" + root.resolve("mysqld.pid"), "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
                "--init-file=" + writeInit(root, database, login)));
        if (installDb.isEmpty()) {
            run.add("--mysqlx=OFF");
        }
        run.addAll(user);
        log.accept("database " + database + " for user " + login.user() + " (a password of its own)");
        return new ServerWithLogin(spawn(provider, run, Map.of(), root, log), login);
    }

    /** The user a database's clients log in as: named after it, within MySQL's 32 characters. */
    static Login mysqlLogin(String database) {
        String name = database.length() > 32 ? database.substring(0, 32) : database;
        return new Login(name, randomPassword());
    }

    /** 24 letters and digits from a strong source: ~143 bits, and nothing a DSN or SQL string must escape. */
    private static String randomPassword() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /**
     * The statements the server runs as it starts, before it serves a client: the database, its user
     * (from any host: the server listens on loopback only) and the grant on that database alone.
     * Readable by its owner only, for it holds the password.
     */
    private static Path writeInit(Path data, String database, Login login) throws IOException {
        Path init = data.resolve("init.sql");
        Files.createFile(init, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(init, String.join("\n",
                "CREATE DATABASE IF NOT EXISTS `" + database + "`;",
                "CREATE USER IF NOT EXISTS '" + login.user() + "'@'%' IDENTIFIED BY '" + login.password() + "';",
                "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + login.user() + "'@'%';",
                ""));
        return init;
    }

    /**
     * RabbitMQ as our child: its own node name, mnesia and logs in the data folder, the AMQP port and the
     * distribution port on 127.0.0.1, and an {@code epmd} of its own on a private port. A script in the
     * data folder (so the sweep knows it by its command line) starts that epmd, then the server, and on
     * SIGTERM stops the server, waits for it, and stops the epmd. So no machine-wide epmd is started or
     * left behind, and a sweep that stops the script's tree takes all of it.
     */
    private Instance rabbitmq(String provider, PlannedNode node, int port, Path data, Consumer<String> log)
            throws IOException {
        Path found = find("rabbitmq-server").orElseThrow();
        Path server = found.startsWith("/usr/sbin") && Files.isExecutable(DEBIAN_RABBITMQ) ? DEBIAN_RABBITMQ : found;
        Path script = data.resolve("rabbitmq.sh");
        Files.writeString(script, """
                #!/bin/sh
                # This node's own epmd, up before the server asks for it.
                "$TOPOGRAPH_EPMD" -port "$ERL_EPMD_PORT" -address 127.0.0.1 &
                epmd=$!
                i=0
                until "$TOPOGRAPH_EPMD" -port "$ERL_EPMD_PORT" -names >/dev/null 2>&1; do
                  i=$((i + 1))
                  if [ "$i" -gt 300 ] || ! kill -0 "$epmd" 2>/dev/null; then
                    echo "epmd did not start on port $ERL_EPMD_PORT" >&2; kill "$epmd" 2>/dev/null; exit 1
                  fi
                  sleep 0.1
                done
                "$TOPOGRAPH_RABBITMQ" &
                server=$!
                trap 'kill -TERM "$server" 2>/dev/null' TERM INT
                wait "$server"
                status=$?
                # A trapped signal ends the first wait early: wait for the server to finish stopping.
                wait "$server" 2>/dev/null
                kill "$epmd" 2>/dev/null
                wait "$epmd" 2>/dev/null
                exit "$status"
                """);
        Map<String, String> env = new java.util.HashMap<>();
        env.put("TOPOGRAPH_EPMD", find("epmd").orElseThrow().toString());
        env.put("TOPOGRAPH_RABBITMQ", server.toString());
        env.put("HOME", data.toString()); // the Erlang cookie
        env.put("ERL_EPMD_PORT", String.valueOf(Probes.freePort()));
        env.put("RABBITMQ_NODE_PORT", String.valueOf(port));
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODENAME", "topograph-" + node.id() + "-" + port + "@localhost");
        env.put("RABBITMQ_DIST_PORT", String.valueOf(Probes.freePort()));
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        env.put("RABBITMQ_MNESIA_BASE", data.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", data.resolve("log").toString());
        env.put("RABBITMQ_LOGS", "-");
        // None of the machine's own configuration: files in the data folder that need not exist.
        env.put("RABBITMQ_CONF_ENV_FILE", data.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_CONFIG_FILE", data.resolve("rabbitmq").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", data.resolve("advanced.config").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", data.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PID_FILE", data.resolve("rabbitmq.pid").toString());
        return spawn(provider, List.of(systemTool("sh"), script.toString()), env, data, log);
    }

    /** Waits until the AMQP port answers a protocol header with a method frame (Connection.Start): the broker is up. */
    private static void awaitAmqp(PlannedNode node, int port, Instance instance, Duration timeout)
            throws LaunchException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !instance.exit().isDone()) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(2000);
                s.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
                s.getOutputStream().flush();
                if (s.getInputStream().read() == 1) {
                    return;
                }
            } catch (IOException e) {
                // Not yet.
            }
            Thread.sleep(100);
        }
        throw new LaunchException(node.id() + ": RabbitMQ did not answer AMQP on port " + port
                + (instance.exit().isDone() ? " and exited" : " within " + timeout.toSeconds() + " s"));
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
