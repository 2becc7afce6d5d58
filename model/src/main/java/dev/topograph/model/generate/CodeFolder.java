package dev.topograph.model.generate;

import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A design's code folder (DESIGN.md §4): the root of its generated tree, where the design itself
 * sits as {@code NAME.topology.json}, and where Run ▶, {@code up} and {@code deploy} build the
 * user's code. A folder is one when Topograph's manifest is in it, or, for a tree generated before
 * there was one, a {@code go.work} Topograph wrote.
 */
public record CodeFolder(Path root) {

    /** The code folder a design file lives in; empty when the design has none yet. */
    public static Optional<CodeFolder> of(Path designFile) {
        Path parent = designFile.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            return Optional.empty();
        }
        return isCodeFolder(parent) ? Optional.of(new CodeFolder(parent)) : Optional.empty();
    }

    /** Whether {@code folder} is the root of a tree Topograph generated. */
    public static boolean isCodeFolder(Path folder) {
        if (Manifest.isIn(folder)) {
            return true;
        }
        Path work = folder.resolve("go.work");
        try {
            return Files.isRegularFile(work) && Files.readString(work, StandardCharsets.UTF_8)
                    .contains(TreeWriter.GENERATED_MARKER);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Marks an empty (or new) folder as the code folder of a design that has not been generated
     * yet: an empty manifest, so the first Run ▶ or {@code up} generates into it.
     */
    public static CodeFolder start(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (!Manifest.isIn(folder)) {
            dev.topograph.model.file.AtomicFiles.write(folder.resolve(Manifest.PATH),
                    Manifest.empty().json().getBytes(StandardCharsets.UTF_8));
        }
        return new CodeFolder(folder.toAbsolutePath().normalize());
    }

    /**
     * Where a design's code goes when the user chooses {@code chosen}: the folder itself when it is
     * new, empty, named after the design, or a code folder that holds no other design; else a folder
     * named after the design inside it, so choosing a busy folder (the home folder) never scatters a
     * system across it, nor mixes one design's code into another's.
     */
    public static Path placeFor(Path chosen, String designName) throws IOException {
        Path folder = chosen.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder) || designName.equals(String.valueOf(folder.getFileName()))) {
            return folder;
        }
        if (isCodeFolder(folder)) {
            return holdsAnotherDesign(folder, designName) ? folder.resolve(designName) : folder;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty() ? folder : folder.resolve(designName);
        }
    }

    private static boolean holdsAnotherDesign(Path folder, String designName) throws IOException {
        String ours = designName + dev.topograph.model.file.ProjectFile.SUFFIX;
        boolean other = false;
        try (java.nio.file.DirectoryStream<Path> designs = Files.newDirectoryStream(folder,
                "*" + dev.topograph.model.file.ProjectFile.SUFFIX)) {
            for (Path design : designs) {
                if (design.getFileName().toString().equals(ours)) {
                    return false;
                }
                other = true;
            }
        }
        return other;
    }

    /** Where the design of {@code topology} sits in this folder. */
    public Path designFile(Topology topology) {
        return root.resolve(Generator.designFileName(topology));
    }

    /**
     * Regenerates the design's code in place: generated parts brought up to date, the user's files
     * kept (see {@link TreeWriter}). The design file is written too when {@code designFile} is not
     * the one in this folder (a design generated here for the first time).
     *
     * @throws GenerationException         when the design cannot be generated (errors, unsupported engine)
     * @throws TreeWriter.RefusedException when files are in the way and {@code force} is off; nothing was written
     */
    public TreeWriter.Summary regenerate(Topology topology, Optional<Path> designFile, boolean force)
            throws GenerationException, IOException {
        return new TreeWriter().write(files(topology, designFile), root, force);
    }

    /** What {@link #regenerate} would do, writing nothing. */
    public TreeWriter.Summary preview(Topology topology, Optional<Path> designFile) throws GenerationException, IOException {
        return new TreeWriter().preview(files(topology, designFile), root);
    }

    private List<GeneratedFile> files(Topology topology, Optional<Path> designFile) throws GenerationException {
        List<GeneratedFile> files = new ArrayList<>(new Generator().generate(topology));
        Path here = designFile(topology);
        if (designFile.map(f -> !f.toAbsolutePath().normalize().equals(here)).orElse(true)) {
            files.add(Generator.designFile(topology));
        }
        return files;
    }
}
