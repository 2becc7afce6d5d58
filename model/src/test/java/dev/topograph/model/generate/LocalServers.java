package dev.topograph.model.generate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real NATS, Redis, PostgreSQL and MariaDB servers from the machine's packages, each on a free
 * loopback port with a throwaway data folder; closing stops them and deletes their data. RabbitMQ is
 * found, not started: see {@link #rabbitmq()}.
 */
final class LocalServers implements AutoCloseable {
    private final Path root;
    private final List<Process> processes = new ArrayList<>();
    private final List<Runnable> stops = new ArrayList<>();

    LocalServers(Path root) {
        this.root = root;
    }

    static Optional<Path> postgresBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    static boolean available() {
        return onPath("nats-server") && onPath("redis-server") && postgresBin().isPresent();
    }

    /** Where the RabbitMQ server of the machine answers when RABBITMQ_URL names none (.ci/run starts it there). */
    static final String DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/";

    /**
     * The RabbitMQ server the generated rabbitbus tests may use: RABBITMQ_URL if set, else the
     * machine's on its default port, if something answers there. Unlike the servers below it is
     * not started per test: the Erlang VM takes seconds to boot, so CI starts one for the run.
     */
    static Optional<String> rabbitmq() {
        String url = System.getenv().getOrDefault("RABBITMQ_URL", DEFAULT_RABBITMQ_URL);
        URI uri = URI.create(url);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5672 : uri.getPort()), 2000);
            return Optional.of(url);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@link #rabbitmq()}, required where CI=true: a CI run that skipped the RabbitMQ tests would prove nothing. */
    static Optional<String> rabbitmqOrFailInCi() {
        Optional<String> url = rabbitmq();
        if (url.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("no RabbitMQ answers at " + System.getenv().getOrDefault("RABBITMQ_URL",
                    DEFAULT_RABBITMQ_URL) + "; CI must start rabbitmq-server (.ci/run does)");
        }
        return url;
    }

    /** Where Debian installs MariaDB's server, which a user's PATH often lacks. */
    private static final List<Path> MARIADB_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));

    /** A program of MariaDB's on PATH, else where Debian installs it. */
    private static Optional<Path> mariadbTool(String name) {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(d -> !d.isBlank())
                .map(Path::of), MARIADB_DIRS.stream()).map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /** Whether MariaDB's server and {@code mariadb-install-db} are installed (Debian's mariadb-server). */
    static boolean mariadbInstalled() {
        return mariadbTool("mariadbd").isPresent() && mariadbTool("mariadb-install-db").isPresent();
    }

    /**
     * {@link #mariadb(String)} where MariaDB is installed; required where CI=true, for a CI run that
     * skipped the MySQL store's tests would prove nothing. Empty elsewhere without MariaDB.
     */
    Optional<String> mariadbOrFailInCi(String database) throws Exception {
        if (mariadbInstalled()) {
            return Optional.of(mariadb(database));
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("mariadbd and mariadb-install-db are not installed; CI must install"
                    + " mariadb-server (.ci/run does)");
        }
        return Optional.empty();
    }

    /**
     * A MariaDB server (the mysql engine) in a folder of its own, as the launcher runs one: system tables
     * from {@code mariadb-install-db}, the server on a free loopback port with its socket there, and
     * {@code database} with a user of its own — named after it, a random password, granted on that
     * database only — made by the init file before the server takes a client. Real users and grants,
     * never {@code --skip-grant-tables}. Returns the go-sql-driver DSN that logs in as that user.
     */
    String mariadb(String database) throws Exception {
        int port = freePort();
        boolean superuser = "root".equals(System.getProperty("user.name"));
        // Its own short folder: a Unix socket's path must stay under ~100 characters.
        Path dir = Files.createTempDirectory("topograph-mariadb-");
        Path data = Files.createDirectories(dir.resolve("data"));
        stops.add(() -> deleteTree(dir));
        List<String> asRoot = superuser ? List.of("--user=root") : List.of(); // as root the server needs a user to run as
        List<String> install = new ArrayList<>(List.of(mariadbTool("mariadb-install-db").orElseThrow().toString(),
                "--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db",
                "--skip-name-resolve"));
        install.addAll(asRoot);
        exec(install);
        String user = database.length() > 32 ? database.substring(0, 32) : database;
        String password = randomPassword();
        Path init = dir.resolve("init.sql");
        Files.writeString(init, String.join("\n",
                "CREATE DATABASE IF NOT EXISTS `" + database + "`;",
                "CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "';",
                "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user + "'@'%';",
                ""));
        List<String> server = new ArrayList<>(List.of(mariadbTool("mariadbd").orElseThrow().toString(), "--no-defaults",
                "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
                "--init-file=" + init));
        server.addAll(asRoot);
        Process p = start(server, "mariadb");
        // A test JVM stopped early (Ctrl-C, a killed build) runs no @AfterAll: leave no server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        try {
            awaitPort(port, Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new IOException("MariaDB did not start" + (p.isAlive() ? "" : " (it exited)") + ":\n"
                    + Files.readString(root.resolve("mariadb.log")), e);
        }
        return user + ":" + password + "@tcp(127.0.0.1:" + port + ")/" + database;
    }

    /** 24 letters and digits: a real password, with nothing a DSN or an SQL string must escape. */
    private static String randomPassword() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A loopback port nothing listens on, never the same twice in this JVM. */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("no free port after 100 tries");
    }

    /** nats-server with JetStream; returns its URL. */
    String nats() throws Exception {
        int port = freePort();
        Path data = Files.createDirectories(root.resolve("nats"));
        start(List.of("nats-server", "-js", "-a", "127.0.0.1", "-p", String.valueOf(port), "-sd", data.toString()), "nats");
        awaitPort(port);
        return "nats://127.0.0.1:" + port;
    }

    /** memcached on loopback; returns host:port. */
    String memcached() throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("memcached", "-l", "127.0.0.1", "-p", String.valueOf(port), "-U", "0"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root")); // memcached refuses to run as root unless told whom to run as
        }
        start(command, "memcached");
        awaitPort(port);
        return "127.0.0.1:" + port;
    }

    /** redis-server without persistence; returns host:port. */
    String redis() throws Exception {
        int port = freePort();
        start(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", Files.createDirectories(root.resolve("redis")).toString()), "redis");
        awaitPort(port);
        return "127.0.0.1:" + port;
    }

    /** A PostgreSQL cluster in a temp folder with the given databases; returns its port. */
    int postgres(List<String> databases) throws Exception {
        Path bin = postgresBin().orElseThrow();
        int port = freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        // Its own temp folder: the test's may not be reachable by the postgres user.
        Path pgRoot = Files.createTempDirectory("topograph-pg-");
        Path data = pgRoot.resolve("data");
        Files.createDirectories(data);
        stops.add(() -> deleteTree(pgRoot));
        if (root) {
            // PostgreSQL refuses to run as root: hand the folder to the postgres user.
            exec(List.of("chown", "-R", "postgres:postgres", pgRoot.toString()));
        }
        exec(asPostgres(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "--no-sync")));
        exec(asPostgres(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l",
                pgRoot.resolve("log").toString(), "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start")));
        stops.add(() -> {
            try {
                exec(asPostgres(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast",
                        "-w", "stop")));
            } catch (Exception e) {
                // Best effort: the folder is deleted with the temp dir anyway.
            }
        });
        for (String db : databases) {
            exec(asPostgres(root, List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
                    String.valueOf(port), "-U", "postgres", db)));
        }
        return port;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Best effort: a temp folder.
        }
    }

    private static List<String> asPostgres(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    Process start(List<String> command, String name) throws IOException {
        Path log = root.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    static void exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Static builds, as the launcher and the Dockerfiles make them: one shared build cache.
        builder.environment().put("CGO_ENABLED", "0");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    static void awaitPort(int port) throws Exception {
        awaitPort(port, Duration.ofSeconds(20));
    }

    static void awaitPort(int port, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getLocalPort();
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("nothing listens on port " + port + " after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = stops.size() - 1; i >= 0; i--) {
            stops.get(i).run();
        }
    }
}
