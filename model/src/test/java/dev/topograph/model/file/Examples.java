package dev.topograph.model.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example topologies in the repository's {@code examples/} folder (tests run in {@code model/}). */
final class Examples {
    static final Path DIR = Path.of("..", "examples");

    private Examples() {
    }

    /** Every {@code *.topology.json} example, sorted; never empty, so no test passes by seeing none. */
    static List<Path> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> examples = files.filter(p -> p.getFileName().toString().endsWith(ProjectFile.SUFFIX))
                    .sorted().toList();
            assertThat(examples).as("examples in %s", DIR.toAbsolutePath()).isNotEmpty();
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path example) {
        try {
            return Files.readAllBytes(example);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path example) {
        return new String(bytes(example), java.nio.charset.StandardCharsets.UTF_8);
    }
}
