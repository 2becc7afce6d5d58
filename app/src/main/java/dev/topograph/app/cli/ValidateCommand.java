package dev.topograph.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topograph.app.ui.Words;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.file.ProjectFileException;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code topograph validate FILE}: checks a design against the rules of good service boundaries. */
@Command(name = "validate",
        description = "Check a topology against the design rules.%n"
                + "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 file cannot be read.",
        mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file to check.")
    private Path file;

    @Option(names = "--format", description = "text (default) or json.", defaultValue = "text")
    private Format format;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Topology topology;
        try {
            topology = new ProjectFile().load(file);
        } catch (ProjectFileException e) {
            if (format == Format.json) {
                out.println(json.writeValueAsString(unreadable(e)));
            } else {
                spec.commandLine().getErr().println(e.getMessage());
            }
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        List<Diagnostic> diagnostics = new Validator().validate(topology);
        if (format == Format.json) {
            out.println(json.writeValueAsString(report(diagnostics)));
        } else {
            printText(out, diagnostics);
        }
        return Validator.hasErrors(diagnostics) ? 1 : 0;
    }

    private void printText(PrintWriter out, List<Diagnostic> diagnostics) {
        printText(out, file, diagnostics);
    }

    /** Diagnostics as {@code validate} prints them, closed by the file's count of errors and warnings. */
    static void printText(PrintWriter out, Path file, List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            out.println(d.severity().label() + " " + d.code() + " " + String.join(", ", d.elementIds()));
            out.println("    " + d.message());
            d.fix().ifPresent(f -> out.println("    quick fix: " + f.label()));
        }
        long errors = count(diagnostics, Severity.ERROR);
        long warnings = count(diagnostics, Severity.WARNING);
        out.println(file + ": " + Words.count(errors, "error") + ", " + Words.count(warnings, "warning"));
    }

    private ObjectNode report(List<Diagnostic> diagnostics) {
        ObjectNode root = json.createObjectNode();
        root.put("file", file.toString());
        root.put("errors", count(diagnostics, Severity.ERROR));
        root.put("warnings", count(diagnostics, Severity.WARNING));
        ArrayNode list = root.putArray("diagnostics");
        for (Diagnostic d : diagnostics) {
            ObjectNode item = list.addObject();
            item.put("code", d.code());
            item.put("severity", d.severity().label());
            ArrayNode ids = item.putArray("elementIds");
            d.elementIds().forEach(ids::add);
            item.put("message", d.message());
            d.fix().ifPresent(f -> item.put("fix", f.label()));
        }
        return root;
    }

    private ObjectNode unreadable(ProjectFileException e) {
        ObjectNode root = json.createObjectNode();
        root.put("file", file.toString());
        ObjectNode error = root.putObject("error");
        error.put("message", e.problem());
        error.put("path", e.jsonPath());
        e.line().ifPresent(l -> error.put("line", l));
        e.column().ifPresent(c -> error.put("column", c));
        return root;
    }

    private static long count(List<Diagnostic> diagnostics, Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}
