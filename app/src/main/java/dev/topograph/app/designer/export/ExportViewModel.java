package dev.topograph.app.designer.export;

import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.file.AtomicFiles;
import dev.topograph.model.generate.GeneratedFile;
import dev.topograph.model.generate.GenerationException;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.ZipExport;
import dev.topograph.model.topology.Topology;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;

/**
 * Everything that leaves the designer as files other than the design itself: the drawing as PNG
 * or SVG, the generated Go system as a ZIP archive (into a code folder: {@link GenerateViewModel}).
 * The work runs off the UI thread; the callbacks run on it. Generation is checked first, so the
 * user hears plainly why a design with errors cannot be generated before being asked for a place.
 */
public final class ExportViewModel {
    private final DocumentViewModel document;
    private final CanvasViewModel canvas;
    private final TaskExecutor tasks;
    private final Generator generator = new Generator();

    public ExportViewModel(DocumentViewModel document, CanvasViewModel canvas, TaskExecutor tasks) {
        this.document = document;
        this.canvas = canvas;
        this.tasks = tasks;
    }

    /** The design's name, which export file names and the generated folder start from. */
    public String designName() {
        return document.topology().name();
    }

    /** Writes the whole drawing as SVG, in the given theme's colours. */
    public void exportSvg(Path target, CanvasPalette palette, Runnable done, Consumer<String> failed) {
        String svg = SvgExport.render(canvas.diagramProperty().get(), palette, designName());
        BackgroundTask.wrap(() -> {
            AtomicFiles.write(target, svg.getBytes(StandardCharsets.UTF_8), false);
            return target;
        }).onSuccess(path -> {
            document.tell("Exported the drawing to " + path.getFileName(), false);
            done.run();
        }).onFailure(e -> failed.accept("Cannot write " + target + ": " + e.getMessage())).executeWith(tasks);
    }

    /** Writes an image of the drawing (see {@link PngExport#render}) as a PNG file. */
    public void exportPng(Path target, Image image, Runnable done, Consumer<String> failed) {
        BackgroundTask.wrap(() -> {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png)) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
            AtomicFiles.write(target, png.toByteArray(), false);
            return target;
        }).onSuccess(path -> {
            document.tell("Exported the drawing to " + path.getFileName(), false);
            done.run();
        }).onFailure(e -> failed.accept("Cannot write " + target + ": " + e.getMessage())).executeWith(tasks);
    }

    /** Why a design cannot be generated: a sentence, and one line per reason. */
    public record Refusal(String summary, List<String> reasons) {
        public Refusal {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Checks that the design can be generated: {@code ready} runs when it can, {@code refused}
     * says why when it cannot (each validation error, or what generation does not support yet).
     */
    public void checkGeneration(Runnable ready, Consumer<Refusal> refused) {
        Topology snapshot = document.topology();
        BackgroundTask.wrap(() -> generator.generate(snapshot))
                .onSuccess(files -> ready.run())
                .onFailure(e -> refused.accept(refusal(e)))
                .executeWith(tasks);
    }

    /** Writes the generated Go system as one ZIP archive whose top folder is the design's name. */
    public void exportZip(Path zip, Consumer<Integer> done, Consumer<String> failed) {
        Topology snapshot = document.topology();
        BackgroundTask.wrap(() -> {
            List<GeneratedFile> files = generator.generate(snapshot);
            new ZipExport().write(files, snapshot.name(), zip);
            return files.size();
        }).onSuccess(count -> {
            document.tell("Exported " + count + " files to " + zip.getFileName(), false);
            done.accept(count);
        }).onFailure(e -> failed.accept(message(e))).executeWith(tasks);
    }

    private static Refusal refusal(Exception e) {
        if (e instanceof GenerationException refused && !refused.diagnostics().isEmpty()) {
            int n = refused.diagnostics().size();
            return new Refusal("This design has " + n + (n == 1 ? " error" : " errors")
                    + ", so it cannot be generated yet. Fix " + (n == 1 ? "it" : "them")
                    + " first; the Problems panel shows where.",
                    refused.diagnostics().stream()
                            .map(d -> d.code() + " " + String.join(", ", d.elementIds()) + ": " + d.message())
                            .toList());
        }
        return new Refusal("This design cannot be generated yet.", List.of(message(e)));
    }

    private static String message(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
