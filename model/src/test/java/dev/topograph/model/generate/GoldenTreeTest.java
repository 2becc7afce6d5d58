package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every fixture generates exactly its committed golden tree. After an intended change to the
 * templates, regenerate the trees with {@code ./mvnw -pl model test -Dtest=GoldenTreeTest
 * -Dgolden.update=true} and review the diff like any other code.
 *
 * <p>What every tree shares is kept once: the platform module lives only in the first fixture's
 * golden tree (the others must generate it identically but for their module path), and of the
 * identical go.sum files only the platform's is kept (every other must equal it).
 */
class GoldenTreeTest {
    static final List<String> FIXTURES = GeneratedTrees.FIXTURES;

    /** The fixture whose golden tree holds the shared platform module. */
    static final String REFERENCE = FIXTURES.get(0);

    /** Whether a generated file is kept in this fixture's golden tree. */
    static boolean kept(String fixture, GeneratedFile f) {
        if (f.path().startsWith("platform/")) {
            return fixture.equals(REFERENCE);
        }
        return !f.path().endsWith("/go.sum");
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void sharedFilesAreTheSameInEveryTree(String fixture) throws Exception {
        List<GeneratedFile> files = GeneratedTrees.generate(fixture);
        Path reference = GeneratedTrees.GOLDEN.resolve(REFERENCE);
        String goSum = Files.readString(reference.resolve("platform/go.sum"), StandardCharsets.UTF_8);
        String referenceModule = GeneratedTrees.load(REFERENCE).module();
        String module = GeneratedTrees.load(fixture).module();
        for (GeneratedFile f : files) {
            if (f.path().endsWith("go.sum")) {
                assertThat(f.content()).as("%s/%s equals platform/go.sum", fixture, f.path()).isEqualTo(goSum);
            } else if (f.path().startsWith("platform/")) {
                String expected = Files.readString(reference.resolve(f.path()), StandardCharsets.UTF_8)
                        .replace(referenceModule + "/platform", module + "/platform");
                assertThat(f.content()).as("%s/%s", fixture, f.path()).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void generatedTreeMatchesTheGoldenFiles(String fixture) throws Exception {
        List<GeneratedFile> files = GeneratedTrees.generate(fixture).stream().filter(f -> kept(fixture, f)).toList();
        Path golden = GeneratedTrees.GOLDEN.resolve(fixture);
        if (Boolean.getBoolean("golden.update")) {
            deleteTree(golden);
            for (GeneratedFile f : files) {
                Path target = golden.resolve(f.path());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.content(), StandardCharsets.UTF_8);
            }
        }
        assertThat(relativeFiles(golden)).containsExactlyElementsOf(files.stream().map(GeneratedFile::path).toList());
        for (GeneratedFile f : files) {
            assertThat(Files.readString(golden.resolve(f.path()), StandardCharsets.UTF_8))
                    .as("%s/%s (regenerate with -Dgolden.update=true if the change is intended)", fixture, f.path())
                    .isEqualTo(f.content());
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void generationIsDeterministic(String fixture) throws Exception {
        assertThat(GeneratedTrees.generate(fixture)).isEqualTo(GeneratedTrees.generate(fixture));
    }

    static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
