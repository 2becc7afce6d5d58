package dev.topograph.app.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The first compiler error of real {@code go build} output (Go 1.26, run in services/items), as a node shows it. */
class BuildErrorsTest {
    private static final Path ROOT = Path.of("/home/ann/tiny");
    private static final String MODULE = "services/items";

    @Test
    void aTypeErrorIsTheFirstErrorWithItsPathInTheTreeAndNoColumn() {
        String output = """
                # example.com/tiny/services/items/internal/handlers
                internal/handlers/get_items.go:15:3: declared and not used: items
                internal/handlers/get_items.go:20:37: undefined: foo
                """;
        assertThat(BuildErrors.firstError(output, ROOT, MODULE))
                .contains("services/items/internal/handlers/get_items.go:15: declared and not used: items");
    }

    @Test
    void aSyntaxErrorInTheMainPackage() {
        String output = """
                # example.com/tiny/services/items/cmd/items
                cmd/items/broken.go:3:14: syntax error: unexpected {, expected )
                """;
        assertThat(BuildErrors.firstError(output, ROOT, MODULE))
                .contains("services/items/cmd/items/broken.go:3: syntax error: unexpected {, expected )");
    }

    @Test
    void theFirstOfManyErrorsNotTheTooManyErrorsLine() {
        StringBuilder output = new StringBuilder("# example.com/tiny/services/items/internal/handlers\n");
        for (int i = 0; i < 10; i++) {
            output.append("internal/handlers/get_items.go:").append(20 + i).append(":7: undefined: undefined").append(i)
                    .append('\n');
        }
        output.append("internal/handlers/get_items.go:29:7: too many errors\n");
        assertThat(BuildErrors.firstError(output.toString(), ROOT, MODULE))
                .contains("services/items/internal/handlers/get_items.go:20: undefined: undefined0");
    }

    @Test
    void aMissingModuleKeepsItsFirstLineOnly() {
        String output = """
                internal/handlers/get_items.go:10:2: no required module provides package github.com/nope/missing; to add it:
                \tgo get github.com/nope/missing
                """;
        assertThat(BuildErrors.firstError(output, ROOT, MODULE)).contains("services/items/internal/handlers/get_items.go:10: "
                + "no required module provides package github.com/nope/missing; to add it:");
    }

    @Test
    void aMultiLineErrorKeepsItsFirstLine() {
        String output = """
                # example.com/tiny/services/items/internal/handlers
                internal/handlers/get_items.go:29:15: cannot use impl{} (value of struct type impl) as iface value in variable declaration: impl does not implement iface (missing method M)
                \t\thave m()
                \t\twant M()
                """;
        assertThat(BuildErrors.firstError(output, ROOT, MODULE)).hasValueSatisfying(e -> assertThat(e)
                .startsWith("services/items/internal/handlers/get_items.go:29: cannot use impl{}")
                .endsWith("(missing method M)"));
    }

    @Test
    void anErrorInTheSharedPlatformModuleIsShownWhereItIsInTheTree() {
        String output = """
                # example.com/tiny/platform/httpx
                ../../platform/httpx/encode.go:60:28: cannot use "x" (untyped string constant) as int value in return statement
                """;
        assertThat(BuildErrors.firstError(output, ROOT, MODULE)).contains(
                "platform/httpx/encode.go:60: cannot use \"x\" (untyped string constant) as int value in return statement");
    }

    @Test
    void aBrokenGoModNamesItsLine() {
        String output = """
                go: cannot load module . listed in go.work file: errors parsing go.mod:
                go.mod:108: unknown directive: bogus
                """;
        assertThat(BuildErrors.firstError(output, ROOT, MODULE)).contains("services/items/go.mod:108: unknown directive: bogus");
    }

    @Test
    void dotSlashVetPrefixesAndAbsolutePathsAreAllTreeRelative() {
        assertThat(BuildErrors.firstError("vet: ./internal/handlers/get_items.go:25:43: fmt.Sprintf format %d has arg "
                + "\"x\" of wrong type string\n", ROOT, MODULE))
                .contains("services/items/internal/handlers/get_items.go:25: fmt.Sprintf format %d has arg \"x\" of wrong type string");
        assertThat(BuildErrors.firstError("/home/ann/tiny/services/items/go.mod:3: unknown directive: x", ROOT, MODULE))
                .contains("services/items/go.mod:3: unknown directive: x");
        assertThat(BuildErrors.firstError("/elsewhere/go.work:3: unknown directive: x", ROOT, MODULE))
                .contains("/elsewhere/go.work:3: unknown directive: x");
    }

    @Test
    void outputWithoutAPositionHasNoFirstErrorButASummary() {
        String output = """
                go build ./cmd/items in services/items
                go: downloading github.com/nope/missing v1.0.0
                go: github.com/nope/missing@v1.0.0: reading https://proxy.golang.org/...: 404 Not Found
                """;
        assertThat(BuildErrors.firstError(output, ROOT, MODULE)).isEmpty();
        assertThat(BuildErrors.summary(output, ROOT, MODULE, "the build failed"))
                .isEqualTo("go: github.com/nope/missing@v1.0.0: reading https://proxy.golang.org/...: 404 Not Found");
        assertThat(BuildErrors.summary("", ROOT, MODULE, "the build failed")).isEqualTo("the build failed");
    }
}
