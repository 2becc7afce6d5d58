package dev.topograph.app.cli;

import dev.topograph.model.generate.CodeFolder;
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

/**
 * {@code topograph generate FILE [--out DIR]}: writes the Go system of a design into its code
 * folder, or brings it up to date there, never overwriting what Topograph did not write.
 */
@Command(name = "generate",
        description = "Generate the Go microservice system of a topology into its code folder, or bring it up to "
                + "date there: generated files follow the design, your files are kept, files the design no longer "
                + "needs are removed (yours, if you changed them, are listed). A file Topograph did not write, or a "
                + "generated file you edited, stops the generation; --force replaces it and keeps a copy (*.orig).%n"
                + "Exit codes: 0 written, 1 the design has errors, 2 unusable input or output, 3 refused: files in "
                + "the way (nothing was written).",
        mixinStandardHelpOptions = true)
final class GenerateCommand implements Callable<Integer> {
    static final int EXIT_REFUSED = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "The code folder (default: the design's own when it has one, else ./NAME).")
    private Path out;

    @Option(names = "--force", description = "Replace files in the way, keeping a copy of each as *.orig.")
    private boolean force;

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
        try {
            if (zip != null) {
                List<GeneratedFile> files = new Generator().generate(topology);
                new ZipExport().write(files, topology.name(), zip);
                stdout.println("Wrote " + files.size() + " files to " + zip);
                return 0;
            }
            CodeFolder folder = new CodeFolder(out != null ? out.toAbsolutePath().normalize()
                    : CodeFolder.of(file).map(CodeFolder::root).orElse(Path.of(topology.name()).toAbsolutePath()));
            TreeWriter.Summary summary = folder.regenerate(topology, Optional.of(file), force);
            stdout.println("Generated " + topology.name() + " in " + folder.root() + ": " + summary);
            summary.lines().forEach(line -> stdout.println("  " + line));
            Path design = folder.designFile(topology);
            if (!design.equals(file.toAbsolutePath().normalize())) {
                stdout.println("The design lives with its code now: " + design + "\nOpen, change and run that file from "
                        + "now on (topograph up " + design + ").");
            }
            stdout.println("Next: cd " + folder.root() + " && make build test");
            return 0;
        } catch (GenerationException e) {
            err.println("topograph generate: " + e.getMessage());
            e.diagnostics().stream().skip(1).forEach(d -> err.println("  " + d));
            return e.diagnostics().isEmpty() ? TopographCommand.EXIT_UNUSABLE_INPUT : 1;
        } catch (TreeWriter.RefusedException e) {
            err.println("topograph generate: " + e.getMessage());
            return EXIT_REFUSED;
        }
    }
}
