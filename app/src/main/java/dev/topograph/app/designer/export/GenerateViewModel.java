package dev.topograph.app.designer.export;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.export.GenerationSummary.Change;
import dev.topograph.app.designer.export.GenerationSummary.Line;
import dev.topograph.app.designer.files.FolderOpener;
import dev.topograph.app.files.LastCodeFolder;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Generate: writes the design's Go system into its code folder (DESIGN.md §4), or brings it up to
 * date there. A design with a code folder goes there without a question; else the view proposes a
 * folder ({@link #target}): next to the last one the user generated into, else
 * {@code <design's folder>/<name>}. Files in the way stop the generation before anything is written
 * ({@link InTheWay}); the user may then replace them, copies kept. The first generation puts the
 * design file into the folder too, and the window edits it there from then on.
 */
public final class GenerateViewModel {
    private final DocumentViewModel document;
    private final TaskExecutor tasks;
    private final LastCodeFolder last;
    private final FolderOpener opener;
    private final Path home;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();

    /**
     * @param last where the folder generated into last is remembered
     * @param home where an untitled design's code goes when nothing is remembered
     */
    public GenerateViewModel(DocumentViewModel document, TaskExecutor tasks, LastCodeFolder last, FolderOpener opener,
            Path home) {
        this.document = document;
        this.tasks = tasks;
        this.last = last;
        this.opener = opener;
        this.home = home;
    }

    /** Where Generate goes: the design's code folder (no question asked), or a folder to propose. */
    public record Target(Path folder, boolean codeFolder) {
    }

    /** How a generation ended. */
    public sealed interface Outcome permits Generated, InTheWay, Failed {
    }

    /** Written; the summary says what happened to each file. */
    public record Generated(GenerationSummary summary) implements Outcome {
    }

    /** Nothing was written: these files are in the way. {@code generate(folder, true, …)} replaces them. */
    public record InTheWay(Path folder, List<Obstacle> files) implements Outcome {
        public InTheWay {
            files = List.copyOf(files);
        }
    }

    /** A file in the way, and why Topograph would not simply write over it. */
    public record Obstacle(String path, String reason) {
    }

    /** The generation did not happen, for this reason. */
    public record Failed(String message) implements Outcome {
    }

    /** A generation is being written (Generate waits for it). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The design's name. */
    public String designName() {
        return document.topology().name();
    }

    /** The name the design's file has in its code folder ({@code shop.topology.json}). */
    public String designFileName() {
        return Generator.designFileName(document.topology());
    }

    /** Finds where Generate goes (looking at folders, off the UI thread). */
    public void target(Consumer<Target> then) {
        Topology snapshot = document.topology();
        Optional<Path> code = document.codeFolderProperty().get();
        Optional<Path> file = document.fileProperty().get();
        BackgroundTask.wrap(() -> code.isPresent() ? new Target(code.get(), true)
                : new Target(proposal(last.load(), file, home, snapshot), false))
                .onSuccess(then)
                .onFailure(e -> then.accept(new Target(file.map(f -> f.toAbsolutePath().getParent()).orElse(home)
                        .resolve(snapshot.name()), false)))
                .executeWith(tasks);
    }

    /** Where a generation into the folder the user chose goes (see {@link #outputFolder}). */
    public void place(Path chosen, Consumer<Path> then) {
        Topology snapshot = document.topology();
        BackgroundTask.wrap(() -> outputFolder(chosen, snapshot)).onSuccess(then)
                .onFailure(e -> then.accept(chosen)).executeWith(tasks);
    }

    /**
     * Generates into {@code chosen} (see {@link #outputFolder}). Unless {@code force}, files in the
     * way stop it before anything is written; forced, each is replaced and a copy kept beside it.
     */
    public void generate(Path chosen, boolean force, Consumer<Outcome> then) {
        if (running.get()) {
            return;
        }
        running.set(true);
        Topology snapshot = document.topology();
        Optional<Path> file = document.fileProperty().get();
        BackgroundTask.wrap(() -> write(chosen, force, snapshot, file)).onSuccess(result -> {
            running.set(false);
            if (result instanceof Written w) {
                then.accept(new Generated(finish(w, snapshot, file)));
            } else if (result instanceof Blocked b) {
                document.tell("Nothing was generated: files are in the way in " + b.inTheWay().folder(), true);
                then.accept(b.inTheWay());
            }
        }).onFailure(e -> {
            running.set(false);
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            document.tell("Generate failed: " + message, true);
            then.accept(new Failed(message));
        }).executeWith(tasks);
    }

    /** Shows a folder in the file manager; a failure is told in the status line. */
    public void openFolder(Path folder) {
        BackgroundTask.wrap(() -> {
            opener.openInFileManager(folder);
            return folder;
        }).onFailure(e -> document.tell("Cannot open the folder: " + e.getMessage(), true)).executeWith(tasks);
    }

    /** What the background part of a generation found: written, or files in the way. */
    private sealed interface Result permits Written, Blocked {
    }

    private record Written(CodeFolder folder, TreeWriter.Summary summary) implements Result {
    }

    private record Blocked(InTheWay inTheWay) implements Result {
    }

    private Result write(Path chosen, boolean force, Topology snapshot, Optional<Path> file) throws Exception {
        CodeFolder folder = new CodeFolder(outputFolder(chosen, snapshot));
        try {
            TreeWriter.Summary summary = folder.regenerate(snapshot, file, force);
            try {
                last.store(folder.root());
            } catch (IOException e) {
                // Remembering the folder is a convenience; the generation happened.
            }
            return new Written(folder, summary);
        } catch (TreeWriter.RefusedException e) {
            return new Blocked(new InTheWay(folder.root(), e.summary().refused().stream()
                    .map(r -> new Obstacle(r.path(), r.reason())).toList()));
        }
    }

    private GenerationSummary finish(Written w, Topology snapshot, Optional<Path> file) {
        Path designFile = w.folder().designFile(snapshot);
        boolean moved = file.map(f -> !f.toAbsolutePath().normalize().equals(designFile)).orElse(true);
        if (moved) {
            document.movedInto(designFile, snapshot);
        } else {
            document.refreshCodeFolder();
        }
        GenerationSummary summary = new GenerationSummary(w.folder().root(), lines(w.summary()),
                w.summary().unchanged().size(), moved ? Optional.of(designFile) : Optional.empty(),
                document.dirtyProperty().get());
        document.tell("Generated " + snapshot.name() + " in " + w.folder().root() + ": " + summary.counts()
                + (moved ? ". The design lives with its code now" : ""), false);
        return summary;
    }

    /** Every file the generation touched or that needs attention, one line each. */
    static List<Line> lines(TreeWriter.Summary s) {
        List<Line> lines = new ArrayList<>();
        s.orphaned().forEach(o -> lines.add(new Line(Change.ORPHANED, o.path(), o.advice())));
        s.outdated().forEach(o -> lines.add(new Line(Change.TO_CHECK, o.path(), o.advice())));
        s.backups().forEach(b -> lines.add(new Line(Change.COPY_KEPT, b,
                "your " + b.replaceFirst("\\.orig(\\.\\d+)?$", "") + " as it was before this generation")));
        s.added().forEach(p -> lines.add(new Line(Change.ADDED, p, "")));
        s.changed().forEach(p -> lines.add(new Line(Change.CHANGED, p, "")));
        s.removed().forEach(p -> lines.add(new Line(Change.REMOVED, p, "the design no longer needs it")));
        List<String> toCheck = s.outdated().stream().map(TreeWriter.Outdated::path).toList();
        s.kept().stream().filter(p -> !toCheck.contains(p))
                .forEach(p -> lines.add(new Line(Change.KEPT, p, "yours, as you have it")));
        return lines;
    }

    /**
     * What Generate proposes for a design without a code folder: next to the folder the user last
     * generated into (that folder itself when it holds this design), else a folder named after the
     * design beside its file (in {@code home} for an untitled design).
     */
    static Path proposal(Optional<Path> lastFolder, Optional<Path> designFile, Path home, Topology topology)
            throws IOException {
        Path start;
        if (lastFolder.isPresent()) {
            Path l = lastFolder.get().toAbsolutePath().normalize();
            boolean holdsThisDesign = Files.isRegularFile(l.resolve(Generator.designFileName(topology)));
            start = holdsThisDesign || l.getParent() == null ? l : l.getParent().resolve(topology.name());
        } else {
            start = designFile.map(f -> f.toAbsolutePath().normalize().getParent()).orElse(home).resolve(topology.name());
        }
        return outputFolder(start, topology);
    }

    /** Where a generation into {@code chosen} goes: see {@link CodeFolder#placeFor}. */
    static Path outputFolder(Path chosen, Topology topology) throws IOException {
        return CodeFolder.placeFor(chosen, topology.name());
    }
}
