package dev.topograph.model.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.importer.ImportFinding.Kind;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ComposeImporterTest {

    private static ImportResult importResource(String name) throws IOException {
        try (InputStream in = ComposeImporterTest.class.getResourceAsStream("/importer/" + name)) {
            return new ComposeImporter().read(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, "imported");
        }
    }

    private static List<String> nodes(Topology t) {
        return t.nodes().stream().map(n -> n.id() + " " + n.kind().json()
                + (n instanceof InfraNode i ? " " + i.engine().json() : "")
                + n.listenPort().map(p -> " :" + p).orElse("")).toList();
    }

    private static List<String> findings(ImportResult r, Kind kind) {
        return r.findings().stream().filter(f -> f.kind() == kind).map(ImportFinding::describe).toList();
    }

    @Test
    void realWorldShapedFileGivesKindsFromImagesAndPortsFromPortVariablesAndPorts() throws IOException {
        Topology t = importResource("boutique.compose.yaml").topology().orElseThrow();

        assertThat(nodes(t)).containsExactly(
                "frontend gateway :80", "web service :3000", "api service :8080", "productcatalog service :3550",
                "cart service :7070", "emailer service :8081", "reporter service :9090",
                "orders-db database postgres", "redis cache redis", "nats queue nats");
    }

    @Test
    void edgesComeFromAddressesTopicsAndDependsOnWithTheirKinds() throws IOException {
        ImportResult r = importResource("boutique.compose.yaml");

        assertThat(r.topology().orElseThrow().edges()).extracting(Edge::key).containsExactlyInAnyOrder(
                "frontend->web:http", "frontend->api:http",
                "web->api:http",
                "api->productcatalog:grpc", "api->cart:grpc", "api->orders-db:db", "api->nats:publish:order.created",
                "productcatalog->orders-db:db", "productcatalog->redis:cache",
                "cart->redis:cache",
                "nats->emailer:subscribe:order.created");
    }

    @Test
    void everyEdgeNotesTheLineItCameFrom() throws IOException {
        ImportResult r = importResource("boutique.compose.yaml");

        assertThat(r.note("api->productcatalog:grpc").orElseThrow())
                .isEqualTo(new EdgeNote("api->productcatalog:grpc", "boutique.compose.yaml", 36,
                        "PRODUCT_CATALOG_SERVICE_ADDR=productcatalog:3550"));
        assertThat(r.note("cart->redis:cache").orElseThrow().evidence()).isEqualTo("REDIS_HOST=redis");
        assertThat(r.note("frontend->web:http").orElseThrow().where()).isEqualTo("boutique.compose.yaml:18");
        assertThat(r.notes()).hasSize(r.topology().orElseThrow().edges().size());
    }

    @Test
    void whatCannotBeDecidedIsReportedWithFileAndLine() throws IOException {
        ImportResult r = importResource("boutique.compose.yaml");

        assertThat(findings(r, Kind.UNCLASSIFIED)).containsExactly(
                "boutique.compose.yaml:90: unclassified: mailhog: runs mailhog, which no Topograph node kind or engine "
                        + "stands for: left out; draw it by hand if services depend on it",
                "boutique.compose.yaml:93: unclassified: sidecar: has neither image nor build: what runs there cannot be told");
        assertThat(String.join("\n", findings(r, Kind.UNRESOLVED)))
                .contains("boutique.compose.yaml:18: unresolved: frontend: routes to web under a path prefix")
                .contains("boutique.compose.yaml:41: unresolved: api: PAYMENTS_URL=https://api.stripe.com/v1: "
                        + "api.stripe.com is not a service of this file (an outside system?)")
                .contains("boutique.compose.yaml:68: unresolved: emailer: SMTP_ADDR=mailhog:1025: points at mailhog, "
                        + "which was left out")
                .contains("boutique.compose.yaml:75: unresolved: reporter: EVENTS_TOPIC=order.created: names a topic, "
                        + "but not whether reporter publishes or consumes it")
                .contains("boutique.compose.yaml:74: unresolved: reporter: uses the queue nats, but nothing names a topic")
                .contains("boutique.compose.yaml:76: unresolved: reporter: WAREHOUSE_ADDR=warehouse:9000: warehouse "
                        + "is not a service of this file");
        assertThat(findings(r, Kind.ADJUSTED)).contains(
                "boutique.compose.yaml:78: adjusted: orders_db: imported as \"orders-db\": ids are DNS labels, unique");
    }

    @Test
    void validationShowsTheExistingSystemsBoundaryProblems() throws IOException {
        Topology t = importResource("boutique.compose.yaml").topology().orElseThrow();

        List<Diagnostic> diagnostics = new Validator().validate(t);

        assertThat(diagnostics.stream().map(d -> d.code() + " " + String.join(",", d.elementIds()))
                .collect(Collectors.toList()))
                .contains("TOPO010 orders-db,api,productcatalog", "TOPO010 redis,productcatalog,cart")
                .anyMatch(s -> s.startsWith("TOPO051"));
    }

    @Test
    void aFileThatIsNotYamlIsOneLineWithItsLineAndNothingImported() throws IOException {
        ImportResult r = importResource("not-yaml.compose.yaml");

        assertThat(r.topology()).isEmpty();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.UNREADABLE);
            assertThat(f.line()).isPositive();
            assertThat(f.describe()).startsWith("not-yaml.compose.yaml:" + f.line() + ": unreadable: not YAML: ")
                    .doesNotContain("\n").doesNotContain("Exception");
        });
    }

    @Test
    void anUnknownVersionAndAServiceWithNothingToRunAreReportedAndTheRestImported() throws IOException {
        ImportResult r = importResource("future-version.compose.yaml");

        assertThat(nodes(r.topology().orElseThrow())).containsExactly("api service :8080", "db database postgres");
        assertThat(r.topology().orElseThrow().edges()).extracting(Edge::key).containsExactly("api->db:db");
        assertThat(r.findings()).extracting(ImportFinding::describe).containsExactly(
                "future-version.compose.yaml:1: adjusted: version: unknown compose version \"9\": read as the Compose "
                        + "Specification (v2 and v3 syntax); check what was imported",
                "future-version.compose.yaml:10: unclassified: ghost: has neither image nor build: what runs there "
                        + "cannot be told");
    }

    @Test
    void aYamlFileThatIsNotComposeSaysSo() {
        ImportResult r = new ComposeImporter().read("- just\n- a list\n", "list.yaml", "x");

        assertThat(r.topology()).isEmpty();
        assertThat(r.findings()).extracting(ImportFinding::describe)
                .containsExactly("list.yaml:1: unreadable: not a compose file: its top level is not a mapping; nothing imported");
    }

    @Test
    void anchorsAndMergeKeysAreResolved() {
        String compose = """
                x-db-env: &dbenv
                  DATABASE_URL: postgres://db/app
                services:
                  api:
                    image: acme/api
                    environment: *dbenv
                    ports: ["8000:9000/tcp"]
                  db:
                    image: docker.io/library/mariadb:11
                """;
        ImportResult r = new ComposeImporter().read(compose, "c.yaml", "x");

        assertThat(nodes(r.topology().orElseThrow())).containsExactly("api service :9000", "db database mysql");
        assertThat(r.topology().orElseThrow().edges()).extracting(Edge::key).containsExactly("api->db:db");
    }

    @Test
    void twoServicesOnOnePortAreGivenDistinctPortsAndToldSo() {
        String compose = """
                services:
                  a:
                    image: acme/a
                    ports: ["8080"]
                  b:
                    image: acme/b
                    ports: ["8080"]
                """;
        ImportResult r = new ComposeImporter().read(compose, "c.yaml", "x");

        assertThat(r.topology().orElseThrow().nodes()).map(Node::listenPort).map(p -> p.orElseThrow())
                .containsExactly(8080, 8081);
        assertThat(r.findings()).extracting(ImportFinding::describe).singleElement().asString()
                .startsWith("c.yaml:5: adjusted: b: listens on 8080 like another service: given 8081");
    }
}
