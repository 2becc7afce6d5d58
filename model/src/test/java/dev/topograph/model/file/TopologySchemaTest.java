package dev.topograph.model.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import dev.topograph.model.validation.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schema that ships with the format accepts what {@link ProjectFile} reads and refuses what it refuses. */
class TopologySchemaTest {

    static final String RESOURCE = "topology-v1.schema.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(VersionFlag.V202012);
    static final JsonSchema SCHEMA = FACTORY.getSchema(schemaTree());

    static JsonNode schemaTree() {
        try (InputStream in = ProjectFile.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("%s next to ProjectFile on the class path", RESOURCE).isNotNull();
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's findings on a document, as {@code path: message}. */
    static Set<String> problems(String json) {
        try {
            return SCHEMA.validate(MAPPER.readTree(json)).stream()
                    .map(m -> m.getInstanceLocation() + ": " + m.getMessage())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> examples() {
        return Examples.all();
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        Set<ValidationMessage> problems = metaSchema.validate(schemaTree());

        assertThat(problems).isEmpty();
        assertThat(schemaTree().path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleConformsToTheSchema(Path example) {
        assertThat(problems(Examples.text(example))).isEmpty();
    }

    @Test
    void theSmallestFileTheLoaderReadsConforms() {
        assertThat(problems("{\"formatVersion\": 1, \"name\": \"x\"}")).isEmpty();
    }

    @Test
    void idsThatBreakTheNamingRuleStillConformBecauseValidationReportsThemAsTopo001() throws ProjectFileException {
        String json = ProjectFileErrorTest.replaceOnce(ProjectFileErrorTest.BASE, "\"id\": \"orders-db\"", "\"id\": \"Orders_DB\"")
                .replace("\"to\": \"orders-db\"", "\"to\": \"Orders_DB\"");

        assertThat(problems(json)).isEmpty();
        assertThat(new ProjectFile().read(json.getBytes(UTF_8), "ids").node("Orders_DB")).isPresent();
    }

    /** The documented id pattern ({@code $defs/dns1123Label}) is the one validation enforces. */
    @ParameterizedTest
    @ValueSource(strings = {"a", "orders", "orders-db", "a1", "0", "9-9", "a--b", "Orders", "orders_db", "-a", "a-",
        "", "a.b", "ö", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123",
        "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234"})
    void theDocumentedIdPatternAgreesWithValidation(String id) {
        JsonSchema label = FACTORY.getSchema(schemaTree().path("$defs").path("dns1123Label"));

        boolean conforms = label.validate(MAPPER.getNodeFactory().textNode(id)).isEmpty();

        assertThat(conforms).as("%s", id).isEqualTo(Names.isId(id));
    }

    /** Each document is wrong in one way; the loader and the schema both refuse it and name the same place. */
    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            "port": 8081                    | "port": "8081"                               | $.nodes[1].port      | string port
            "port": 8080                    | "port": 0                                    | $.nodes[0].port      | port out of range
            "replicas": 2                   | "replicas": 1001                             | $.nodes[1].replicas  | too many replicas
            "replicas": 2                   | "replicas": 1.5                              | $.nodes[1].replicas  | fractional replicas
            "name": "shop",                 | "name": "shop", "colour": 1,                 | $                    | unknown top-level key
            "port": 8081,                   | "port": 8081, "engine": "redis",             | $.nodes[1]           | service with engine
            "kind": "gateway",              | "kind": "gateway", "framework": "gin",       | $.nodes[0]           | gateway with framework
            "engine": "postgres",           | "engine": "postgres", "port": 5432,          | $.nodes[2]           | database with port
            "engine": "kafka"               | "engine": "redis"                            | $.nodes[3].engine    | queue with cache engine
            "framework": "gin"              | "framework": "fiber"                         | $.nodes[1].framework | unknown framework
            "id": "cache", "kind": "cache"  | "id": "cache", "kind": "search"              | $.nodes[4].kind      | unknown node kind
            "kind": "db"                    | "kind": "sql"                                | $.edges[1].kind      | unknown edge kind
            "kind": "db"                    | "kind": "db", "route": "/x"                  | $.edges[1]           | db edge with route
            "kind": "http", "route": "/orders" | "kind": "http", "route": "/orders", "topic": "t" | $.edges[0]   | http edge with topic
            "kind": "publish",              | "kind": "publish", "route": "/x",            | $.edges[2]           | publish edge with route
            "y": 20.5                       | "y": 20.5, "z": 1                            | $.nodes[2].layout    | layout with z
            "y": 20.5                       | "y": "20.5"                                  | $.nodes[2].layout.y  | string coordinate
            "x": 10,                        | ''                                           | $.nodes[2].layout    | layout without x
            "name": "Ordering"              | "name": "Ordering", "colour": 1              | $.contexts[0]        | context with colour
            "path": "/orders"               | "path": "/orders", "handler": "h"            | $.nodes[1].endpoints[0] | endpoint with handler
            "method": "GET",                | ''                                           | $.nodes[1].endpoints[0] | endpoint without method
            "formatVersion": 1,             | ''                                           | $                    | no formatVersion
            "formatVersion": 1,             | "formatVersion": 2,                          | $.formatVersion      | format version 2
            "formatVersion": 1,             | "formatVersion": 0,                          | $.formatVersion      | format version 0
            "name": "shop",                 | ''                                           | $                    | no name
            "id": "gateway",                | ''                                           | $.nodes[0]           | node without id
            , "port": 8080                  | ''                                           | $.nodes[0]           | gateway without port
            "from": "gateway",              | ''                                           | $.edges[0]           | edge without from
            "to": "orders-db",              | "to": ["orders-db"],                         | $.edges[1].to        | edge to a list
            { "id": "ordering", "name": "Ordering" } | "ordering"                          | $.contexts[0]        | context not an object
            """)
    void aDocumentTheLoaderRefusesTheSchemaRefusesToo(String original, String replacement, String path, String why) {
        String json = ProjectFileErrorTest.replaceOnce(ProjectFileErrorTest.BASE, original, replacement);

        Set<String> problems = problems(json);

        assertThat(loads(json)).as("the loader reads it").isFalse();
        assertThat(problems).as("schema problems").isNotEmpty()
                .anySatisfy(p -> assertThat(p).startsWith(path + ": "));
    }

    @Test
    void theBaseDocumentOfTheErrorTestsConforms() {
        assertThat(problems(ProjectFileErrorTest.BASE)).isEmpty();
    }

    private static boolean loads(String json) {
        try {
            new ProjectFile().read(json.getBytes(UTF_8), "doc");
            return true;
        } catch (ProjectFileException e) {
            return false;
        }
    }
}
