package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every golden tree passes the ecosystem's own validators: its deploy/compose.yaml loads in
 * compose-spec's loader as {@code docker compose -f deploy/compose.yaml} would load it (project
 * folder deploy/, variables interpolated, paths resolved, the model checked for consistency),
 * and every service's api/openapi.yaml validates in kin-openapi. A running service's /metrics is
 * linted with promlint in {@link ShopEndToEndTest}. The checker is built once, see
 * {@link EcosystemValidators}.
 */
class EcosystemValidatorsTest {
    static final List<String> FIXTURES = GeneratedTrees.FIXTURES;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void theComposeFileLoadsInComposeSpecsLoader(String fixture) throws Exception {
        assumeTrue(EcosystemValidators.require(), "go is not on PATH");
        Path tree = GeneratedTrees.GOLDEN.resolve(fixture);
        EcosystemValidators.Outcome outcome = EcosystemValidators.run(tree, "compose", List.of("deploy/compose.yaml"));
        System.out.printf("compose-go on %s/deploy/compose.yaml: %.2f s%n", fixture, outcome.seconds());
        assertThat(outcome.output()).as("compose-go's findings in %s", fixture).isBlank();
        assertThat(outcome.exitCode()).isZero();
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyServiceContractValidatesAsOpenApi3(String fixture) throws Exception {
        assumeTrue(EcosystemValidators.require(), "go is not on PATH");
        Path tree = GeneratedTrees.GOLDEN.resolve(fixture);
        List<String> contracts;
        try (Stream<Path> services = Files.list(tree.resolve("services"))) {
            contracts = services.map(s -> s.resolve("api/openapi.yaml")).filter(Files::exists).sorted()
                    .map(c -> tree.relativize(c).toString()).toList();
        }
        assertThat(contracts).as("services with an OpenAPI contract in %s", fixture).isNotEmpty();
        EcosystemValidators.Outcome outcome = EcosystemValidators.run(tree, "openapi", contracts);
        System.out.printf("kin-openapi on %d contracts of %s: %.2f s%n", contracts.size(), fixture, outcome.seconds());
        assertThat(outcome.output()).as("kin-openapi's findings in %s", fixture).isBlank();
        assertThat(outcome.exitCode()).isZero();
    }

    /** The checks can fail: each reports a broken input with where it is and what is wrong. */
    @Test
    void eachCheckReportsABrokenInputPreciselyAndExitsNonZero(@TempDir Path dir) throws Exception {
        assumeTrue(EcosystemValidators.require(), "go is not on PATH");
        Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(dir.resolve("deploy/compose.yaml"), """
                name: broken
                services:
                  api:
                    image: example/api
                    ports: ["${API_PORT}:8080"]
                """);
        Files.writeString(dir.resolve("openapi.yaml"), """
                openapi: 3.1.0
                info:
                  title: broken
                  version: 1.0.0
                paths:
                  /items/{id}:
                    get:
                      responses:
                        "200":
                          description: OK
                """);
        Files.writeString(dir.resolve("scrape.txt"), """
                # TYPE request_latency_ms gauge
                request_latency_ms 3
                """);

        EcosystemValidators.Outcome compose = EcosystemValidators.run(dir, "compose", List.of("deploy/compose.yaml"));
        assertThat(compose.exitCode()).isEqualTo(1);
        assertThat(compose.output()).contains("deploy/compose.yaml: warning: The \"API_PORT\" variable is not set");

        EcosystemValidators.Outcome openapi = EcosystemValidators.run(dir, "openapi", List.of("openapi.yaml"));
        assertThat(openapi.exitCode()).isEqualTo(1);
        assertThat(openapi.output()).contains("openapi.yaml:6: ").contains("must define exactly all path parameters");

        EcosystemValidators.Outcome promlint = EcosystemValidators.run(dir, "promlint", List.of("scrape.txt"));
        assertThat(promlint.exitCode()).isEqualTo(1);
        assertThat(promlint.output()).contains("scrape.txt: request_latency_ms: no help text")
                .contains("scrape.txt: request_latency_ms: metric names should not contain abbreviated units");
    }
}
