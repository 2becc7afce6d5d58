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
import java.util.List;
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
