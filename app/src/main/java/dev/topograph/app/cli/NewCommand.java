package dev.topograph.app.cli;

import dev.topograph.model.file.AtomicFiles;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.file.ProjectFileException;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code topograph new}: starts a design, empty or from a bundled example, in a code folder of its
 * own ({@code NAME/NAME.topology.json}), where its code is generated the first time it is run.
 */
@Command(name = "new",
        description = "Create a design, an example to start from or an empty one, in a folder of its own: "
                + "NAME/NAME.topology.json. The folder is the design's code folder: Generate, Run and "
                + "`topograph up` write and build its code there. With -o FILE.topology.json, only the file.%n"
                + "Exit codes: 0 written, 2 refused (bad name, file exists, unknown example).",
        mixinStandardHelpOptions = true)
final class NewCommand implements Callable<Integer> {

    /** The examples bundled with the app (from the repository's examples/ folder). */
    static final List<String> EXAMPLES = List.of("shop", "anti-patterns");

    @Spec
    private CommandSpec spec;

    @Option(names = "--example", paramLabel = "NAME", description = "Start from an example: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ExampleNames.class)
    private String example;

    @Parameters(paramLabel = "NAME", arity = "0..1",
            description = "Name of a new empty design (a DNS label such as my-shop); not needed with --example.")
    private String name;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR|FILE",
            description = "The code folder to make (default ./NAME), or a *.topology.json file to write alone.")
    private Path out;

    @Option(names = "--force", description = "Overwrite an existing file.")
    private boolean force;

    static final class ExampleNames extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ExampleNames() {
            super(EXAMPLES);
        }
    }

    @Override
    public Integer call() throws IOException, ProjectFileException {
        PrintWriter err = spec.commandLine().getErr();
        byte[] content;
        String baseName;
        if (example != null) {
            if (!EXAMPLES.contains(example)) {
                err.println("topograph new: unknown example \"" + example + "\"; choose one of " + String.join(", ", EXAMPLES));
                return TopographCommand.EXIT_UNUSABLE_INPUT;
            }
            content = example(example);
            baseName = example;
        } else if (name != null) {
            if (!Names.isId(name)) {
                err.println("topograph new: \"" + name + "\" is not a valid name: " + Names.whyNotId(name));
                return TopographCommand.EXIT_UNUSABLE_INPUT;
            }
            content = new ProjectFile().write(Topology.empty(name)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            baseName = name;
        } else {
            err.println("topograph new: give a NAME for an empty design, or --example " + String.join("|", EXAMPLES));
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Path given = out != null ? out : Path.of(baseName);
        boolean folder = !given.getFileName().toString().endsWith(ProjectFile.SUFFIX);
        Path target = folder ? given.resolve(baseName + ProjectFile.SUFFIX) : given;
        if (Files.exists(target) && !force) {
            err.println("topograph new: " + target + " already exists; use --force to overwrite it");
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        // Prove the bundled bytes are a valid project before handing them to the user.
        new ProjectFile().read(content, baseName + ProjectFile.SUFFIX);
        if (folder) {
            CodeFolder.start(given);
        }
        AtomicFiles.write(target, content);
        spec.commandLine().getOut().println("Wrote " + target + ". Check it with: topograph validate " + target
                + (folder ? "\nIts code goes beside it, in " + given + ": topograph up " + target
                + " generates, builds and runs it; the handlers it writes there are yours to edit." : ""));
        return 0;
    }

    static byte[] example(String name) throws IOException {
        try (InputStream in = NewCommand.class.getResourceAsStream("/examples/" + name + ProjectFile.SUFFIX)) {
            if (in == null) {
                throw new IOException("the example " + name + " is missing from this build");
            }
            return in.readAllBytes();
        }
    }
}
