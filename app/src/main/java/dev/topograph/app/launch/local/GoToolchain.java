package dev.topograph.app.launch.local;

import dev.topograph.app.launch.Commands;
import dev.topograph.app.launch.LaunchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Go toolchain of this machine: {@code go generate} and {@code go build} of generated modules
 * into a cache of static binaries keyed by the hash of their sources, so an unchanged service is
 * never built twice (Go's own build cache makes a changed one quick).
 */
public final class GoToolchain {
    private final Path go;
    private final String version;

    private GoToolchain(Path go, String version) {
        this.go = go;
        this.version = version;
    }

    /** Go on {@code searchPath}; empty when it is not installed there. */
    public static Optional<GoToolchain> find(String searchPath) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "go"));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                try {
                    String out = Commands.run(List.of(candidate.toString(), "env", "GOVERSION"), Optional.empty(), List.of(),
                            Duration.ofSeconds(20), line -> { });
                    return Optional.of(new GoToolchain(candidate, out.strip()));
                } catch (IOException | InterruptedException e) {
                    // A broken install: try the next.
                }
            }
        }
        return Optional.empty();
    }

    public String version() {
        return version;
    }

    /**
     * The static binary of {@code mainPackage} in {@code module} of the system at {@code systemRoot},
     * built unless the cache has one for the same sources.
     *
     * @param generate modules whose {@code go generate ./...} must run first (gRPC code)
     */
    public Path build(Path systemRoot, String module, String mainPackage, List<String> generate, String binaryName,
            Path cache, Consumer<String> log) throws LaunchException, InterruptedException {
        Path moduleDir = systemRoot.resolve(module);
        String key;
        try {
            key = sourceHash(systemRoot, module, generate, mainPackage);
        } catch (IOException e) {
            throw new LaunchException(binaryName + ": cannot read its sources in " + moduleDir + ": " + e.getMessage(), e);
        }
        Path binary = cache.resolve(key).resolve(binaryName);
        if (Files.isExecutable(binary)) {
            log.accept("up to date: " + module + " (" + key.substring(0, 12) + ")");
            return binary;
        }
        try {
            for (String g : generate) {
                log.accept("go generate ./... in " + g);
                Commands.run(List.of(go.toString(), "generate", "./..."), Optional.of(systemRoot.resolve(g)), List.of(),
                        Duration.ofMinutes(10), log);
            }
            Files.createDirectories(binary.getParent());
            Path partial = binary.resolveSibling(binaryName + ".partial");
            log.accept("go build " + mainPackage + " in " + module);
            Commands.run(List.of(go.toString(), "build", "-o", partial.toString(), mainPackage), Optional.of(moduleDir),
                    List.of("CGO_ENABLED=0"), Duration.ofMinutes(10), log);
            Files.move(partial, binary, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return binary;
        } catch (IOException e) {
            throw new LaunchException(binaryName + ": the build failed: " + e.getMessage(), e);
        }
    }

    /** The binary of {@code program} the cache has for its sources as they are now; empty when it must be built. */
    public Optional<Path> cached(Path systemRoot, Program program, Path cache) {
        try {
            Path binary = cache.resolve(sourceHash(systemRoot, program.module(), program.generate(),
                    program.mainPackage())).resolve(program.id());
            return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A program of a generated system: its main package in its module, and the modules to {@code go generate} first. */
    public record Program(String id, String module, String mainPackage, List<String> generate) {
        /** The package from the workspace root: {@code ./services/orders/cmd/orders}. */
        String fromRoot() {
            String pkg = mainPackage.startsWith("./") ? mainPackage.substring(2) : mainPackage;
            return "./" + module + (pkg.equals(".") || pkg.isEmpty() ? "" : "/" + pkg);
        }

        /** The name {@code go build -o DIR/} gives its binary: the package path's last element. */
        String builtName() {
            String path = fromRoot();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /**
     * Builds {@code programs} of the workspace at {@code systemRoot} in one {@code go build}, so Go
     * compiles each shared package once and keeps both cores busy, instead of one build per program
     * racing the others to compile the same dependencies. Programs whose sources are unchanged come
     * from the cache. A program missing from the answer did not build here: build it alone with
     * {@link #build}, which says why, in its own words, on its own node; the others are unaffected.
     *
     * @param compiled hears each package Go compiles (not those its build cache already has)
     */
    public Map<String, Path> buildTogether(Path systemRoot, List<Program> programs, Path cache,
            Consumer<String> compiled, Consumer<String> log) throws InterruptedException {
        Map<String, Path> built = new LinkedHashMap<>();
        Map<Program, Path> wanted = new LinkedHashMap<>();
        for (Program p : programs) {
            try {
                Path binary = cache.resolve(sourceHash(systemRoot, p.module(), p.generate(), p.mainPackage()))
                        .resolve(p.id());
                if (Files.isExecutable(binary)) {
                    built.put(p.id(), binary);
                } else {
                    wanted.put(p, binary);
                }
            } catch (IOException e) {
                // Unreadable sources: the program's own build says so.
            }
        }
        boolean distinctNames = wanted.keySet().stream().map(Program::builtName).distinct().count() == wanted.size();
        if (wanted.isEmpty() || !distinctNames || !Files.isRegularFile(systemRoot.resolve("go.work"))) {
            return built;
        }
        java.util.Set<String> ungenerated = new java.util.HashSet<>();
        for (String g : wanted.keySet().stream().flatMap(p -> p.generate().stream()).distinct().sorted().toList()) {
            try {
                log.accept("go generate ./... in " + g);
                Commands.run(List.of(go.toString(), "generate", "./..."), Optional.of(systemRoot.resolve(g)), List.of(),
                        Duration.ofMinutes(10), log);
            } catch (IOException e) {
                ungenerated.add(g); // Its programs are built alone, which reports the failure on each.
            }
        }
        wanted.keySet().removeIf(p -> p.generate().stream().anyMatch(ungenerated::contains));
        if (wanted.isEmpty()) {
            return built;
        }
        Path out = cache.resolve("together-" + java.util.UUID.randomUUID());
        try {
            Files.createDirectories(out);
            List<String> command = new ArrayList<>(List.of(go.toString(), "build", "-v", "-o", out + "/"));
            wanted.keySet().forEach(p -> command.add(p.fromRoot()));
            log.accept("go build " + String.join(" ", command.subList(5, command.size())));
            try {
                // -v names each package as it is compiled: the progress. Errors are left to the builds alone.
                Commands.run(command, Optional.of(systemRoot), List.of("CGO_ENABLED=0"), Duration.ofMinutes(20), line -> {
                    if (!line.isBlank() && line.indexOf(' ') < 0 && line.indexOf(':') < 0 && !line.startsWith("#")) {
                        compiled.accept(line);
                    }
                });
            } catch (IOException e) {
                // Some did not build; those that did are in out.
            }
            for (Map.Entry<Program, Path> w : wanted.entrySet()) {
                Path made = out.resolve(w.getKey().builtName());
                if (Files.isRegularFile(made)) {
                    Files.createDirectories(w.getValue().getParent());
                    Files.move(made, w.getValue(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    built.put(w.getKey().id(), w.getValue());
                }
            }
        } catch (IOException e) {
            log.accept("building together failed (" + e.getMessage() + "): building each program alone");
        } finally {
            dev.topograph.app.launch.ProcessInstance.deleteTree(out);
        }
        return built;
    }

    /**
     * How many packages of {@code programs} and their dependencies Go's build cache lacks: what a build
     * will compile. Quick (Go hashes sources, compiles nothing); 0 when Go cannot tell.
     */
    public int packagesToCompile(Path systemRoot, List<Program> programs) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(go.toString(), "list", "-e", "-deps", "-f",
                "{{if .Stale}}stale{{end}}"));
        programs.forEach(p -> command.add(p.fromRoot()));
        try {
            String out = Commands.run(command, Optional.of(systemRoot), List.of("CGO_ENABLED=0"), Duration.ofMinutes(2),
                    line -> { });
            return (int) out.lines().filter("stale"::equals).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Every package {@code programs} import, directly or not, that is not the system's own: the standard
     * library's and the modules'. They compile the same wherever the system is, so they can be compiled
     * ahead of a run from another copy of it.
     */
    public List<String> dependencies(Path systemRoot, List<Program> programs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(go.toString(), "list", "-deps", "-f",
                "{{if not (and .Module .Module.Main)}}{{.ImportPath}}{{end}}"));
        programs.forEach(p -> command.add(p.fromRoot()));
        String out = Commands.run(command, Optional.of(systemRoot), List.of("CGO_ENABLED=0"), Duration.ofMinutes(2),
                line -> { });
        return out.lines().filter(l -> !l.isBlank() && !l.equals("unsafe") && !l.equals("C")).sorted().toList();
    }

    /**
     * Compiles {@code packages} into Go's build cache at the lowest CPU priority, as a run's build would
     * compile them (static, CGO off), and returns how many needed compiling.
     */
    public int compileQuietly(Path systemRoot, List<String> packages) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "19"));
        }
        command.addAll(List.of(go.toString(), "build", "-v"));
        command.addAll(packages);
        java.util.concurrent.atomic.AtomicInteger compiled = new java.util.concurrent.atomic.AtomicInteger();
        Commands.run(command, Optional.of(systemRoot), List.of("CGO_ENABLED=0"), Duration.ofMinutes(30), line -> {
            if (line.indexOf(' ') < 0 && line.indexOf(':') < 0 && !line.startsWith("#")) {
                compiled.incrementAndGet();
            }
        });
        return compiled.get();
    }

    /** Builds a module of this app's own (the embedded dev servers) the same way. */
    public Path buildOwn(Path moduleDir, String binaryName, Path cache, Consumer<String> log)
            throws LaunchException, InterruptedException {
        return build(moduleDir.getParent(), moduleDir.getFileName().toString(), ".", List.of(), binaryName, cache, log);
    }

    private String sourceHash(Path root, String module, List<String> generate, String mainPackage) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        digest.update((version + "\0" + mainPackage + "\0").getBytes(StandardCharsets.UTF_8));
        List<Path> dirs = new ArrayList<>();
        dirs.add(root.resolve(module));
        Path platform = root.resolve("platform");
        if (Files.isDirectory(platform) && !module.equals("platform")) {
            dirs.add(platform);
        }
        generate.forEach(g -> dirs.add(root.resolve(g)));
        for (Path dir : dirs.stream().distinct().toList()) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = root.relativize(f).toString();
                    if (rel.endsWith(".partial")) {
                        continue;
                    }
                    digest.update(rel.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(f));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
