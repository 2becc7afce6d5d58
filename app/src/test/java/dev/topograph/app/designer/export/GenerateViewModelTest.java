package dev.topograph.app.designer.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.export.GenerateViewModel.Generated;
import dev.topograph.app.designer.export.GenerateViewModel.InTheWay;
import dev.topograph.app.designer.export.GenerateViewModel.Obstacle;
import dev.topograph.app.designer.export.GenerateViewModel.Outcome;
import dev.topograph.app.designer.export.GenerateViewModel.Target;
import dev.topograph.app.designer.export.GenerationSummary.Change;
import dev.topograph.app.designer.export.GenerationSummary.Line;
import dev.topograph.app.designer.files.FolderOpener;
import dev.topograph.app.files.LastCodeFolder;
import dev.topograph.app.files.ShortPath;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.command.Edits;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generate without a window: where it goes (the code folder, else next to the last one, else beside
 * the design), files in the way stop it until the user says Replace, the first generation moves the
 * design into its code folder, and the summary puts what needs attention first.
 */
class GenerateViewModelTest {
    private static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

    @TempDir
    Path temp;

    private final List<String> opened = new ArrayList<>();
    private final FolderOpener opener = new FolderOpener() {
        @Override
        public void openInFileManager(Path folder) throws IOException {
            if (Files.exists(folder.resolve("no-file-manager"))) {
                throw new IOException("No file manager opener (xdg-open) is installed; the folder is " + folder);
            }
            opened.add("files " + folder);
        }

        @Override
        public void openTerminal(Path folder) {
            opened.add("terminal " + folder);
        }
    };

    private DocumentViewModel document;
    private GenerateViewModel generate;

    /** A session of the designer with {@code design} open. */
    private GenerateViewModel session(Path design) {
        document = new DocumentViewModel(TaskExecutor.synchronous());
        document.open(design, e -> { throw new AssertionError(e); });
        generate = new GenerateViewModel(document, TaskExecutor.synchronous(),
                new LastCodeFolder(temp.resolve("config/last-code-folder.json")), opener, temp.resolve("home"));
        return generate;
    }

    /** The shop example, copied into {@code folder} (renamed to {@code name} when it is not "shop"). */
    private Path design(String folder, String name) throws IOException {
        String text = Files.readString(EXAMPLES.resolve("shop.topology.json"))
                .replaceFirst("\"name\": \"shop\"", "\"name\": \"" + name + "\"");
        Path file = Files.createDirectories(temp.resolve(folder)).resolve(name + ".topology.json");
        Files.writeString(file, text);
        return file;
    }

    private static <T> T only(List<T> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private Target target() {
        List<Target> targets = new ArrayList<>();
        generate.target(targets::add);
        return only(targets);
    }

    private Outcome run(Path folder, boolean force) {
        List<Outcome> outcomes = new ArrayList<>();
        generate.generate(folder, force, outcomes::add);
        return only(outcomes);
    }

    private GenerationSummary generated(Path folder) {
        Outcome outcome = run(folder, false);
        assertThat(outcome).isInstanceOf(Generated.class);
        return ((Generated) outcome).summary();
    }

    @Test
    void aLooseDesignIsProposedAFolderNamedAfterItBesideItsFile() throws IOException {
        session(design("designs", "shop"));
        assertThat(target()).isEqualTo(new Target(temp.resolve("designs/shop"), false));

        document.newDocument();
        assertThat(target()).as("an untitled design goes to the home folder")
                .isEqualTo(new Target(temp.resolve("home/untitled"), false));
    }

    @Test
    void aDesignInItsCodeFolderGoesThereWithoutAQuestion() throws IOException {
        Path folder = temp.resolve("code/shop");
        session(design("designs", "shop"));
        generated(folder);

        session(folder.resolve("shop.topology.json"));
        assertThat(target()).isEqualTo(new Target(folder, true));
    }

    @Test
    void theNextDesignIsProposedAFolderNextToTheLastOneGeneratedIntoInAnEarlierSession() throws IOException {
        session(design("designs", "shop"));
        generated(temp.resolve("code/shop"));

        session(design("elsewhere", "depot"));
        assertThat(target()).isEqualTo(new Target(temp.resolve("code/depot"), false));

        session(design("old-copy", "shop"));
        assertThat(target()).as("the last folder holds this very design")
                .isEqualTo(new Target(temp.resolve("code/shop"), false));
    }

    @Test
    void aBusyFolderOrAnotherDesignsCodeFolderGetsASubfolderNamedAfterTheDesign() throws Exception {
        Topology shop = new ProjectFile().load(EXAMPLES.resolve("shop.topology.json"));
        Path busy = Files.createDirectories(temp.resolve("home"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThat(GenerateViewModel.outputFolder(busy, shop)).isEqualTo(busy.resolve("shop"));
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(GenerateViewModel.outputFolder(empty, shop)).isEqualTo(empty);
        assertThat(GenerateViewModel.outputFolder(temp.resolve("new"), shop)).isEqualTo(temp.resolve("new"));
        Path named = Files.createDirectories(temp.resolve("x/shop"));
        Files.writeString(named.resolve("README.md"), "mine");
        assertThat(GenerateViewModel.outputFolder(named, shop)).as("named after the design").isEqualTo(named);

        Path ours = CodeFolder.start(temp.resolve("ours")).root();
        assertThat(GenerateViewModel.outputFolder(ours, shop)).as("a code folder made by Run ▶").isEqualTo(ours);
        Path depots = CodeFolder.start(temp.resolve("depots")).root();
        Files.writeString(depots.resolve("depot.topology.json"), "{}");
        assertThat(GenerateViewModel.outputFolder(depots, shop)).as("another design's code folder")
                .isEqualTo(depots.resolve("shop"));
        Files.writeString(depots.resolve("shop.topology.json"), "{}");
        assertThat(GenerateViewModel.outputFolder(depots, shop)).isEqualTo(depots);
    }

    @Test
    void filesInTheWayStopItWithNothingWrittenUntilTheUserSaysReplaceThenCopiesAreKept() throws IOException {
        Path design = design("designs", "shop");
        session(design);
        Path folder = Files.createDirectories(temp.resolve("designs/shop"));
        Files.writeString(folder.resolve("README.md"), "my notes");

        Outcome refused = run(folder, false);
        assertThat(refused).isInstanceOf(InTheWay.class);
        InTheWay inTheWay = (InTheWay) refused;
        assertThat(inTheWay.folder()).isEqualTo(folder);
        assertThat(inTheWay.files()).extracting(Obstacle::path).containsExactly("README.md");
        assertThat(inTheWay.files().get(0).reason()).isEqualTo("Topograph did not write this file, and would replace it");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing written").containsExactly("README.md");
        }
        assertThat(Files.readString(folder.resolve("README.md"))).isEqualTo("my notes");
        assertThat(document.fileProperty().get()).contains(design.toAbsolutePath());
        assertThat(document.noticeProperty().get().problem()).isTrue();

        Outcome replaced = run(inTheWay.folder(), true);
        GenerationSummary summary = ((Generated) replaced).summary();
        assertThat(Files.readString(folder.resolve("README.md.orig"))).isEqualTo("my notes");
        assertThat(Files.readString(folder.resolve("README.md"))).isNotEqualTo("my notes");
        assertThat(summary.lines().get(0))
                .isEqualTo(new Line(Change.COPY_KEPT, "README.md.orig", "your README.md as it was before this generation"));
        assertThat(summary.counts()).endsWith(", 1 copy kept");
        assertThat(summary.needsAttention()).isTrue();
    }

    @Test
    void theFirstGenerationMovesTheDocumentIntoItsCodeFolderAndLaterOnesBringItUpToDate() throws Exception {
        Path design = design("designs", "shop");
        session(design);
        Path folder = temp.resolve("code/shop");
        assertThat(document.codeFolderProperty().get()).isEmpty();

        GenerationSummary first = generated(folder);
        Path moved = folder.resolve("shop.topology.json");
        assertThat(first.movedInto()).contains(moved);
        assertThat(first.unsaved()).isFalse();
        assertThat(first.paths(Change.ADDED)).contains("Makefile", "go.work", "shop.topology.json");
        assertThat(first.nextCommand()).isEqualTo("cd " + folder + " && make build test");
        assertThat(document.fileProperty().get()).contains(moved);
        assertThat(document.codeFolderProperty().get()).contains(folder);
        assertThat(document.dirtyProperty().get()).isFalse();
        assertThat(document.titleProperty().get()).as("the title names the folder too")
                .isEqualTo("shop.topology.json (" + ShortPath.of(folder) + ") — Topograph");
        assertThat(document.noticeProperty().get().text())
                .startsWith("Generated shop in " + folder + ": ").endsWith(". The design lives with its code now");
        assertThat(new ProjectFile().load(moved)).isEqualTo(document.topology());
        assertThat(Files.readString(design)).as("the old file is left as it was")
                .isEqualTo(Files.readString(EXAMPLES.resolve("shop.topology.json")));
        assertThat(Files.readString(temp.resolve("config/last-code-folder.json"))).contains(folder.toString());

        List<BoundedContext> contexts = new ArrayList<>(document.topology().contexts());
        java.util.Collections.reverse(contexts);
        document.execute(Edits.of("Reorder the contexts", t -> t.withContexts(contexts)));
        GenerationSummary again = generated(target().folder());
        assertThat(again.movedInto()).isEmpty();
        assertThat(again.paths(Change.ADDED)).isEmpty();
        assertThat(again.counts()).startsWith("0 added, 0 changed, 0 removed, ");
        assertThat(again.unsaved()).as("the design beside the code is not saved yet").isTrue();
        assertThat(document.fileProperty().get()).contains(moved);
    }

    @Test
    void summaryLinesPutWhatNeedsAttentionFirstWithTheirAdvice() {
        String migration = "services/orders/internal/store/migrations/001_items.sql";
        TreeWriter.Summary written = new TreeWriter.Summary(List.of("go.work"), List.of("Makefile"),
                List.of("services/old/main.go"), List.of("services/orders/internal/handlers/get_orders.go", migration),
                List.of(new TreeWriter.Orphan("services/orders/internal/handlers/on_paid.go", "move it, then delete it")),
                List.of(new TreeWriter.Refusal("README.md", "Topograph did not write this file")), List.of("a", "b"),
                List.of("README.md.orig"), List.of(new TreeWriter.Outdated(migration, "written for postgres")));
        GenerationSummary summary = new GenerationSummary(temp, GenerateViewModel.lines(written), 2, Optional.empty(),
                false);

        assertThat(summary.lines()).extracting(Line::text).containsExactly(
                "orphaned  services/orders/internal/handlers/on_paid.go — move it, then delete it",
                "to check  " + migration + " — written for postgres",
                "copy kept README.md.orig — your README.md as it was before this generation",
                "added     go.work",
                "changed   Makefile",
                "removed   services/old/main.go — the design no longer needs it",
                "kept      services/orders/internal/handlers/get_orders.go — yours, as you have it");
        assertThat(summary.counts())
                .isEqualTo("1 added, 1 changed, 1 removed, 2 kept (yours), 1 orphaned, 2 unchanged, 1 copy kept, "
                        + "1 to check");
        assertThat(summary.lines()).filteredOn(l -> l.change().needsAttention()).hasSize(3);
    }

    @Test
    void aSecondGenerateWaitsUntilTheFirstIsWritten() throws IOException {
        Path design = design("designs", "shop");
        List<BackgroundTask<?>> queued = new ArrayList<>();
        document = new DocumentViewModel(TaskExecutor.synchronous());
        document.open(design, e -> { throw new AssertionError(e); });
        generate = new GenerateViewModel(document, queued::add, new LastCodeFolder(temp.resolve("last.json")), opener,
                temp);
        List<Outcome> outcomes = new ArrayList<>();

        generate.generate(temp.resolve("code"), false, outcomes::add);
        assertThat(generate.runningProperty().get()).isTrue();
        generate.generate(temp.resolve("code"), false, outcomes::add);
        assertThat(queued).hasSize(1);
        TaskExecutor.synchronous().execute(queued.get(0));
        assertThat(generate.runningProperty().get()).isFalse();
        assertThat(outcomes).singleElement().isInstanceOf(Generated.class);
    }

    @Test
    void openFolderGoesThroughTheOpenerAndAFailureIsToldInTheStatusLine() throws IOException {
        session(design("designs", "shop"));
        generate.openFolder(temp);
        assertThat(opened).containsExactly("files " + temp);

        Files.writeString(temp.resolve("no-file-manager"), "");
        generate.openFolder(temp);
        assertThat(document.noticeProperty().get()).isEqualTo(new DocumentViewModel.Notice(
                "Cannot open the folder: No file manager opener (xdg-open) is installed; the folder is " + temp, true));
    }
}
