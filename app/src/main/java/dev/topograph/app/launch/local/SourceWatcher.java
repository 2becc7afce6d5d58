package dev.topograph.app.launch.local;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the source files of a generated tree while it runs and tells, on a thread of its own,
 * which of them changed once a burst of changes has been quiet for a moment: a save, a
 * {@code git checkout} or a regeneration becomes one report, so each module is rebuilt once.
 * Every folder is watched (new ones as they appear) except build output, version control and
 * editor droppings.
 */
final class SourceWatcher implements AutoCloseable {
    /** Files a module's build reads: Go code, its module files, and what it embeds or generates from. */
    private static final Set<String> SOURCE_SUFFIXES = Set.of(".go", ".sql", ".proto", ".yaml", ".yml");
    private static final Set<String> SOURCE_NAMES = Set.of("go.mod", "go.sum", "go.work", "go.work.sum");
    /** A steady stream of changes still gets reported this often. */
    private static final Duration LONGEST_BURST = Duration.ofSeconds(5);

    private final Path root;
    private final Duration quiet;
    private final Consumer<Set<Path>> changed;
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread thread;

    private SourceWatcher(Path root, Duration quiet, Consumer<Set<Path>> changed, WatchService service) {
        this.root = root;
        this.quiet = quiet;
        this.changed = changed;
        this.service = service;
        this.thread = new Thread(this::watch, "topograph-sources-" + root.getFileName());
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching {@code root} on a new thread; {@code changed} hears the changed source files,
     * relative to {@code root}, on that thread. A folder path stands for "anything under it" when the
     * system dropped events.
     */
    static SourceWatcher start(Path root, Duration quiet, Consumer<Set<Path>> changed) throws IOException {
        SourceWatcher watcher = new SourceWatcher(root.toAbsolutePath().normalize(), quiet, changed,
                FileSystems.getDefault().newWatchService());
        watcher.thread.start();
        return watcher;
    }

    /** Waits until every folder present at the start is watched; false if that took longer than {@code timeout}. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops watching; a report under way finishes on the watcher's thread. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // Closing releases the inotify handle; nothing else to do.
        }
        thread.interrupt();
    }

    /** Whether a file, relative to the tree's root, is a source a build reads (as opposed to output or an editor's temp file). */
    static boolean isSource(Path relative) {
        if (relative.getNameCount() == 0 || inIgnoredFolder(relative)) {
            return false;
        }
        String name = relative.getFileName().toString();
        // Go skips files starting with . or _; editors' locks (.#x.go), backups (x.go~) and vim's probe (4913)
        // end up here too. *.pb.go is go generate's output: the build that ran it wrote it.
        if (name.startsWith(".") || name.startsWith("_") || name.startsWith("#") || name.endsWith(".pb.go")) {
            return false;
        }
        if (SOURCE_NAMES.contains(name)) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return SOURCE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /** Build output ({@code bin/}), version control and tool folders ({@code .git/}, {@code .idea/}) are not watched. */
    private static boolean inIgnoredFolder(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String part = relative.getName(i).toString();
            if (ignoredFolder(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ignoredFolder(String name) {
        return name.equals("bin") || name.equals("node_modules") || name.startsWith(".");
    }

    private void watch() {
        try {
            register(root, new LinkedHashSet<>());
            ready.countDown();
            Set<Path> pending = new LinkedHashSet<>();
            long burstStart = 0;
            while (true) {
                WatchKey key = pending.isEmpty() ? service.take() : service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    if (pending.isEmpty()) {
                        burstStart = System.nanoTime();
                    }
                    collect(key, pending);
                }
                boolean burstTooLong = System.nanoTime() - burstStart > LONGEST_BURST.toNanos();
                if (!pending.isEmpty() && (key == null || burstTooLong)) {
                    report(Set.copyOf(pending));
                    pending.clear();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // Closed with the run.
        } finally {
            ready.countDown();
        }
    }

    private void collect(WatchKey key, Set<Path> pending) {
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (folder == null) {
                continue;
            }
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                pending.add(root.relativize(folder)); // Events were dropped: anything under it may have changed.
                continue;
            }
            Path path = folder.resolve((Path) event.context());
            Path relative = root.relativize(path);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)
                    && !ignoredFolder(path.getFileName().toString())) {
                // Files written before the new folder was watched count as changed too.
                register(path, pending);
            } else if (isSource(relative)) {
                pending.add(relative);
            }
        }
        if (!key.reset()) {
            folders.remove(key);
        }
    }

    /** Watches {@code start} and every folder under it; adds the source files found there to {@code found}. */
    private void register(Path start, Set<Path> found) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root) && ignoredFolder(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    folders.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path relative = root.relativize(file);
                    if (isSource(relative)) {
                        found.add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // Deleted while we walked, or unreadable: not ours to build.
                }
            });
        } catch (IOException e) {
            // A folder that vanished at once: its deletion shows up as an event of its parent.
        }
    }

    private void report(Set<Path> files) {
        try {
            changed.accept(files);
        } catch (RuntimeException e) {
            // A listener's failure must not end the watching of the next save.
        }
    }
}
