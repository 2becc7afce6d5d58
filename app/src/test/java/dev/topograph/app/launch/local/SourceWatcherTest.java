package dev.topograph.app.launch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on a real folder: what counts as a source, one report per burst, new folders, and silence after close. */
class SourceWatcherTest {
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void goCodeModuleFilesAndWhatABuildEmbedsAreSources() {
        for (String source : List.of("services/orders/internal/handlers/list_orders.go", "services/orders/go.mod",
                "services/orders/go.sum", "services/orders/internal/store/migrations/0001_init.sql",
                "services/orders/api/orders.proto", "services/orders/api/openapi.yaml", "platform/httpx/server.go")) {
            assertThat(SourceWatcher.isSource(Path.of(source))).as(source).isTrue();
        }
    }

    @Test
    void buildOutputVersionControlAndEditorDroppingsAreNot() {
        for (String other : List.of("services/orders/bin/orders", "bin/x.go", ".git/index", ".git/x/y.go",
                ".idea/workspace.xml", "services/orders/internal/handlers/list_orders.go~",
                "services/orders/internal/handlers/.#list_orders.go", "services/orders/internal/handlers/.list_orders.go.swp",
                "services/orders/internal/handlers/4913", "services/orders/orders.partial", "README.md",
                "services/orders/internal/handlers/_scratch.go", "services/orders/api/orders.pb.go",
                "services/orders/api/orders_grpc.pb.go")) {
            assertThat(SourceWatcher.isSource(Path.of(other))).as(other).isFalse();
        }
    }

    @Test
    void aBurstOfSavesIsReportedOnceWithEveryFile(@TempDir Path root) throws Exception {
        Path handlers = Files.createDirectories(root.resolve("services/orders/internal/handlers"));
        Files.writeString(handlers.resolve("a.go"), "package handlers\n");
        List<Set<Path>> reports = new CopyOnWriteArrayList<>();
        try (SourceWatcher watcher = SourceWatcher.start(root, QUIET, reports::add)) {
            assertThat(watcher.awaitReady(Duration.ofSeconds(10))).isTrue();
            for (String name : List.of("a.go", "b.go", "c.go")) {
                Files.writeString(handlers.resolve(name), "package handlers // edited\n");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !reports.isEmpty());
            Thread.sleep(QUIET.toMillis() * 3);
            assertThat(reports).containsExactly(Set.of(Path.of("services/orders/internal/handlers/a.go"),
                    Path.of("services/orders/internal/handlers/b.go"), Path.of("services/orders/internal/handlers/c.go")));
        }
    }

    @Test
    void aNewFolderIsWatchedAndWhatItHoldsCounts(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("services/orders"));
        List<Set<Path>> reports = new CopyOnWriteArrayList<>();
        try (SourceWatcher watcher = SourceWatcher.start(root, QUIET, reports::add)) {
            assertThat(watcher.awaitReady(Duration.ofSeconds(10))).isTrue();
            Path fresh = Files.createDirectories(root.resolve("services/orders/internal/audit"));
            Files.writeString(fresh.resolve("first.go"), "package audit\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> reports.stream().anyMatch(r -> r.contains(
                    Path.of("services/orders/internal/audit/first.go"))));
            reports.clear();
            Files.writeString(fresh.resolve("second.go"), "package audit\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> reports.stream().anyMatch(r -> r.contains(
                    Path.of("services/orders/internal/audit/second.go"))));
        }
    }

    @Test
    void editorDroppingsAndBuildOutputAloneReportNothing(@TempDir Path root) throws Exception {
        Path handlers = Files.createDirectories(root.resolve("services/orders/internal/handlers"));
        Files.createDirectories(root.resolve("services/orders/bin"));
        List<Set<Path>> reports = new CopyOnWriteArrayList<>();
        try (SourceWatcher watcher = SourceWatcher.start(root, QUIET, reports::add)) {
            assertThat(watcher.awaitReady(Duration.ofSeconds(10))).isTrue();
            Files.writeString(handlers.resolve("list.go~"), "backup");
            Files.writeString(handlers.resolve("4913"), "");
            Files.writeString(handlers.resolve(".list.go.swp"), "swap");
            Files.writeString(root.resolve("services/orders/bin/orders.go"), "package main\n");
            Files.writeString(root.resolve("services/orders/orders.partial"), "half a binary");
            Thread.sleep(QUIET.toMillis() * 4);
            assertThat(reports).isEmpty();
            Files.writeString(handlers.resolve("list.go"), "package handlers\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> !reports.isEmpty());
            assertThat(reports.get(0)).containsExactly(Path.of("services/orders/internal/handlers/list.go"));
        }
    }

    @Test
    void afterCloseNothingIsReported(@TempDir Path root) throws Exception {
        Path handlers = Files.createDirectories(root.resolve("services/orders/internal/handlers"));
        List<Set<Path>> reports = new CopyOnWriteArrayList<>();
        SourceWatcher watcher = SourceWatcher.start(root, QUIET, reports::add);
        assertThat(watcher.awaitReady(Duration.ofSeconds(10))).isTrue();
        watcher.close();
        Files.writeString(handlers.resolve("list.go"), "package handlers\n");
        Thread.sleep(QUIET.toMillis() * 4);
        assertThat(reports).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(
                "topograph-sources-" + root.getFileName()) && t.isAlive());
    }
}
