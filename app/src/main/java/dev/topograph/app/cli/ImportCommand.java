package dev.topograph.app.cli;

import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.layout.LabelText;
import dev.topograph.app.layout.LayeredLayout;
import dev.topograph.app.ui.Words;
import dev.topograph.model.command.Edits;
import dev.topograph.model.file.AtomicFiles;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.importer.ComposeImporter;
import dev.topograph.model.importer.EdgeNote;
import dev.topograph.model.importer.ImportResult;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code topograph import SOURCE --out NAME.topology.json}: turns a compose file into a design,
 * lays it out, and prints what it could not decide, the evidence of every edge, and the design's
 * boundary problems as {@code validate} prints them. The source is only read.
 */
@Command(name = "import",
        description = "Turn a docker compose file into a design: kinds from images, edges from the addresses in "
                + "environment variables and depends_on. Prints every service it could not classify and every "
                + "reference it could not resolve (file:line), the line each edge came from, then the design's "
                + "boundary problems.%n"
                + "Exit codes: 0 written, 2 nothing written (unreadable source, output exists without --force).",
        mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer> {

    private static final long MAX_BYTES = 16L * 1024 * 1024;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SOURCE", description = "A compose file (Compose Specification; v2 and v3 syntax).")
    private Path source;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "The design to write: NAME.topology.json.")
    private Path out;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String outName = out.getFileName() == null ? "" : out.getFileName().toString();
        if (!outName.endsWith(ProjectFile.SUFFIX) || outName.length() == ProjectFile.SUFFIX.length()) {
            err.println("topograph import: the output must be a NAME" + ProjectFile.SUFFIX + " file, not " + out);
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        if (Files.exists(out) && !force) {
            err.println("topograph import: " + out + " exists; pass --force to overwrite it");
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        String name = source.getFileName() == null ? source.toString() : source.getFileName().toString();
        String text;
        try {
            if (Files.size(source) > MAX_BYTES) {
                err.println(name + ": unreadable: larger than 16 MiB; is it a compose file?");
                return TopographCommand.EXIT_UNUSABLE_INPUT;
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(source))).toString();
        } catch (NoSuchFileException e) {
            err.println(name + ": unreadable: no such file: " + source);
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        } catch (CharacterCodingException e) {
            err.println(name + ": unreadable: not UTF-8 text; nothing imported");
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        } catch (IOException e) {
            err.println(name + ": unreadable: " + e.getMessage());
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        String designName = outName.substring(0, outName.length() - ProjectFile.SUFFIX.length());
        ImportResult result = new ComposeImporter().read(text, name, designName);
        if (result.topology().isEmpty()) {
            result.findings().forEach(f -> err.println(f.describe()));
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Topology topology = laidOut(result.topology().get());
        AtomicFiles.write(out, new ProjectFile().write(topology).getBytes(StandardCharsets.UTF_8));

        o.println("Imported " + name + " into " + out + ": " + Words.count(topology.nodes().size(), "node") + ", "
                + Words.count(topology.edges().size(), "edge") + ".");
        if (!result.findings().isEmpty()) {
            o.println();
            o.println("Not decided (" + result.findings().size() + "):");
            result.findings().forEach(f -> o.println("  " + f.describe()));
        }
        if (!result.notes().isEmpty()) {
            o.println();
            o.println("Edges and the lines they came from:");
            for (EdgeNote n : result.notes()) {
                o.println("  " + n.edgeKey() + "  " + n.where() + "  " + n.evidence());
            }
        }
        o.println();
        List<Diagnostic> diagnostics = new Validator().validate(topology);
        ValidateCommand.printText(o, out, diagnostics);
        return 0;
    }

    /**
     * The design laid out as the designer's Auto-layout lays it out (ELK, layered, left to right), so
     * the file opens as a readable drawing.
     */
    static Topology laidOut(Topology t) {
        List<LayeredLayout.Box> boxes = t.nodes().stream()
                .map(n -> new LayeredLayout.Box(n.id(), DrawnNode.WIDTH, DrawnNode.HEIGHT + DrawnNode.roomBelow(n.kind().json())))
                .toList();
        List<LayeredLayout.Link> links = t.edges().stream().map(e -> {
            String label = e.route().or(e::topic).orElse(e.kind() == EdgeKind.HTTP || e.kind() == EdgeKind.GRPC
                    ? e.kind().json() : "");
            return label.isEmpty() ? new LayeredLayout.Link(e.from(), e.to())
                    : new LayeredLayout.Link(e.from(), e.to(), LabelText.width(label), LabelText.HEIGHT);
        }).toList();
        Map<String, Layout> layouts = new LinkedHashMap<>();
        new LayeredLayout().layout(boxes, links)
                .forEach((id, p) -> layouts.put(id, new Layout(Math.round(p[0]), Math.round(p[1]))));
        // The designer's own edit, so the CLI places nodes exactly as Auto-layout would.
        return Edits.moveNodes(layouts).execute(t);
    }
}
