package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Where the generated system's metrics are read outside Kubernetes (KubernetesManifestsTest covers
 * the cluster): compose keeps every program's metrics port on its own network and publishes only the
 * ports clients use, and deploy/prometheus.yml scrapes each program there, on its metrics port.
 */
class ScrapeTargetsTest {
    static final List<String> FIXTURES = GeneratedTrees.FIXTURES;

    /** Every service and gateway of a fixture with its public and metrics port. */
    private record Program(String id, int port, int metricsPort) {
    }

    private static List<Program> programs(SystemView system) {
        List<Program> programs = new ArrayList<>();
        system.services().forEach(s -> programs.add(new Program(s.id(), s.port(), s.metricsPort())));
        system.gateways().forEach(g -> programs.add(new Program(g.id(), g.port(), g.metricsPort())));
        return programs;
    }

    private static Map<String, String> files(String fixture) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        GeneratedTrees.generate(fixture).forEach(f -> files.put(f.path(), f.content()));
        return files;
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void composeKeepsEveryMetricsPortOnItsNetworkAndPublishesOnlyThePublicOnes(String fixture) throws Exception {
        SystemView system = SystemView.of(GeneratedTrees.load(fixture));
        JsonNode compose = new YAMLMapper().readTree(files(fixture).get("deploy/compose.yaml"));
        for (Program p : programs(system)) {
            JsonNode service = compose.at("/services/" + p.id());
            assertThat(service.isMissingNode()).as("compose service %s", p.id()).isFalse();
            List<String> published = new ArrayList<>();
            service.path("ports").forEach(port -> published.add(port.asText()));
            assertThat(published).as("%s publishes", p.id()).contains(p.port() + ":" + p.port())
                    .allSatisfy(port -> assertThat(port).doesNotContain(String.valueOf(p.metricsPort())));
            List<String> exposed = new ArrayList<>();
            service.path("expose").forEach(port -> exposed.add(port.asText()));
            assertThat(exposed).as("%s exposes on the compose network", p.id())
                    .containsExactly(String.valueOf(p.metricsPort()));
            assertThat(service.at("/environment/METRICS_PORT").asText()).as("%s METRICS_PORT", p.id())
                    .isEqualTo(String.valueOf(p.metricsPort()));
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void prometheusScrapesEveryProgramOnItsMetricsPort(String fixture) throws Exception {
        SystemView system = SystemView.of(GeneratedTrees.load(fixture));
        JsonNode prometheus = new YAMLMapper().readTree(files(fixture).get("deploy/prometheus.yml"));
        Map<String, List<String>> targets = new LinkedHashMap<>();
        prometheus.path("scrape_configs").forEach(job -> {
            List<String> list = new ArrayList<>();
            job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> list.add(t.asText())));
            targets.put(job.path("job_name").asText(), list);
        });
        Map<String, List<String>> expected = new LinkedHashMap<>();
        programs(system).forEach(p -> expected.put(p.id(), List.of(p.id() + ":" + p.metricsPort())));
        assertThat(targets).isEqualTo(expected);
    }
}
