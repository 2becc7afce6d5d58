package dev.topograph.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example topologies the README points at: one clean design, one that breaks every rule. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("../examples");

    private static Topology load(String name) throws Exception {
        return new ProjectFile().load(EXAMPLES.resolve(name));
    }

    @Test
    void theShopExampleHasNoProblemAtAll() throws Exception {
        assertThat(new Validator().validate(load("shop.topology.json"))).isEmpty();
    }

    @Test
    void theAntiPatternsExampleBreaksEveryRule() throws Exception {
        List<Diagnostic> found = new Validator().validate(load("anti-patterns.topology.json"));

        for (Rule rule : Validator.RULES) {
            assertThat(found).as("%s (%s)", rule.code(), rule.title())
                    .anySatisfy(d -> {
                        assertThat(d.code()).isEqualTo(rule.code());
                        assertThat(d.severity()).isEqualTo(rule.severity());
                    });
        }
        assertThat(Validator.hasErrors(found)).isTrue();
    }
}
