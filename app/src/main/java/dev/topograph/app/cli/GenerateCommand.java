package dev.topograph.app.cli;

import dev.topograph.model.generate.GeneratedFile;
import dev.topograph.model.generate.GenerationException;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.generate.ZipExport;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph generate FILE --out DIR}: writes the Go system of a design. */
@Command(name = "generate",
        description = "Generate the Go microservice system of a topology.%n"
                + "Regenerating keeps your handler files and updates the generated ones.%n"
                + "Exit codes: 0 written, 1 the design has errors, 2 unusable input or output.",
        mixinStandardHelpOptions = true)
final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: the design's name).")
    private Path out;

    @Option(names = "--zip", paramLabel = "ZIP", description = "Write one archive instead of a folder.")
    private Path zip;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Optional<Topology> loaded = Designs.load(file, err);
        if (loaded.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Topology topology = loaded.get();
        List<GeneratedFile> files;
        try {
            files = new Generator().generate(topology);
        } catch (GenerationException e) {
            err.println("topograph generate: " + e.getMessage());
            e.diagnostics().stream().skip(1).forEach(d -> err.println("  " + d));
            return e.diagnostics().isEmpty() ? TopographCommand.EXIT_UNUSABLE_INPUT : 1;
        }
        if (zip != null) {
            new ZipExport().write(files, topology.name(), zip);
            stdout.println("Wrote " + files.size() + " files to " + zip);
            return 0;
        }
        Path target = out != null ? out : Path.of(topology.name());
        TreeWriter.Summary summary = new TreeWriter().write(files, target);
        stdout.println("Generated " + topology.name() + " in " + target + ": " + summary);
        summary.kept().forEach(p -> stdout.println("  kept (yours): " + p));
        summary.changed().forEach(p -> stdout.println("  changed:      " + p));
        stdout.println("Next: cd " + target + " && make build test");
        return 0;
    }
}
