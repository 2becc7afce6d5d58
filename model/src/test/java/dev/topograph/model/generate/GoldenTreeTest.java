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
 */
class GoldenTreeTest {
    static final List<String> FIXTURES = GeneratedTrees.FIXTURES;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void generatedTreeMatchesTheGoldenFiles(String fixture) throws Exception {
        List<GeneratedFile> files = GeneratedTrees.generate(fixture);
        Path golden = GeneratedTrees.GOLDEN.resolve(fixture);
        if (Boolean.getBoolean("golden.update")) {
            deleteTree(golden);
            new TreeWriter().write(files, golden);
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
