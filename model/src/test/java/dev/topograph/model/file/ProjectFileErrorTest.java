package dev.topograph.model.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of bad input is refused with a {@link ProjectFileException} that names the JSON path
 * and, where the text has one, the line and column; never with any other exception.
 */
class ProjectFileErrorTest {

    /** A small valid file, one member per line where a test points into it. */
    static final String BASE = """
            {
              "formatVersion": 1,
              "name": "shop",
              "contexts": [
                { "id": "ordering", "name": "Ordering" }
              ],
              "nodes": [
                { "id": "gateway", "kind": "gateway", "port": 8080 },
                { "id": "orders", "kind": "service", "context": "ordering", "port": 8081,
                  "framework": "gin", "replicas": 2,
                  "endpoints": [ { "method": "GET", "path": "/orders" } ] },
                { "id": "orders-db", "kind": "database", "engine": "postgres",
                  "layout": { "x": 10, "y": 20.5 } },
                { "id": "events", "kind": "queue", "engine": "kafka" },
                { "id": "cache", "kind": "cache" }
              ],
              "edges": [
                { "from": "gateway", "to": "orders", "kind": "http", "route": "/orders" },
                { "from": "orders", "to": "orders-db", "kind": "db" },
                { "id": "created", "from": "orders", "to": "events", "kind": "publish", "topic": "order.created" },
                { "from": "events", "to": "orders", "kind": "subscribe" },
                { "from": "orders", "to": "cache", "kind": "cache" }
              ]
            }
            """;

    private final ProjectFile projectFile = new ProjectFile();

    @Test
    void theBaseDocumentLoads() throws ProjectFileException {
        assertThat(projectFile.read(BASE.getBytes(UTF_8), "base").nodes()).hasSize(5);
    }

    @Nested
    class Syntax {

        @Test
        void aTruncatedFileSaysSoAndPointsAtItsEnd() {
            String text = BASE.substring(0, BASE.indexOf("\"port\": 8081,") + "\"port\": 8081,".length());

            ProjectFileException e = rejected(text);

            assertThat(e.problem()).contains("truncated");
            assertThat(e.jsonPath()).isEqualTo("$.nodes[1].port");
            assertAt(e, lastLine(text), lastLineLength(text) + 1);
        }

        @Test
        void aFileCutInsideAStringIsTruncatedToo() {
            String text = BASE.substring(0, BASE.indexOf("order.created") + 3);

            ProjectFileException e = rejected(text);

            assertThat(e.problem()).contains("truncated");
            assertThat(e.jsonPath()).startsWith("$.edges[2]");
            assertThat(e.line()).contains(lastLine(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n\n", "\t \r\n"})
        void anEmptyFileIsRefusedAsEmpty(String text) {
            ProjectFileException e = rejected(text);

            assertThat(e.problem()).contains("empty");
            assertThat(e.jsonPath()).isEqualTo("$");
        }

        @Test
        void bytesThatAreNotUtf8AreRefusedBeforeParsing() {
            byte[] bytes = BASE.replace("Ordering", "Ordering\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

            ProjectFileException e = rejected(bytes);

            assertThat(e.problem()).contains("not UTF-8");
            assertThat(e.jsonPath()).isEqualTo("$");
        }

        @Test
        void utf16IsNotUtf8EvenWhenEveryCharacterIsAscii() {
            for (var charset : List.of(java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.StandardCharsets.UTF_16)) {
                ProjectFileException e = rejected(BASE.getBytes(charset));

                assertThat(e.problem()).as("%s", charset).contains("not UTF-8");
                assertThat(e.jsonPath()).isEqualTo("$");
            }
        }

        @Test
        void aUtf8ByteOrderMarkIsSkipped() throws ProjectFileException {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] bytes = (new String(bom, UTF_8) + BASE).getBytes(UTF_8);

            assertThat(projectFile.read(bytes, "bom").name()).isEqualTo("shop");
        }

        @Test
        void aKeyGivenTwiceIsRefusedWhereItAppearsAgain() {
            String text = BASE.replace("\"name\": \"shop\",", "\"name\": \"shop\",\n  \"name\": \"shop2\",");

            ProjectFileException e = rejected(text);

            assertThat(e.problem()).contains("twice").contains("name");
            assertThat(e.jsonPath()).isEqualTo("$.name");
            // Jackson reports a duplicate just after the key, not at its start.
            int key = text.indexOf("\"name\": \"shop2\"");
            assertThat(e.line()).contains(lineOf(text, "\"name\": \"shop2\""));
            assertThat(e.column()).hasValueSatisfying(c -> assertThat(c).isBetween(column(text, key),
                    column(text, key + "\"name\"".length())));
        }

        @Test
        void aKeyGivenTwiceInANodeNamesTheNode() {
            String text = replaceOnce(BASE, "\"port\": 8080 }", "\"port\": 8080, \"port\": 8090 }");

            ProjectFileException e = rejected(text);

            assertThat(e.problem()).contains("twice").contains("port");
            assertThat(e.jsonPath()).isEqualTo("$.nodes[0].port");
            assertThat(e.line()).contains(lineOf(text, "\"port\": 8090"));
        }

        @Test
        void textAfterTheDocumentIsRefused() {
            String text = BASE + "{}\n";

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$");
            assertThat(e.line()).contains(lineOf(text, "{}"));
        }

        @Test
        void brokenSyntaxPointsAtTheBadCharacter() {
            String text = replaceOnce(BASE, "\"replicas\": 2,", "\"replicas\": 2,,");

            ProjectFileException e = rejected(text);

            assertThat(e.problem()).startsWith("not valid JSON");
            assertThat(e.jsonPath()).startsWith("$.nodes[1]");
            assertAtIndex(e, text, text.indexOf(",,") + 1);
        }

        @Test
        void syntaxErrorColumnsCountCharactersNotBytes() {
            String text = replaceOnce(BASE, "\"name\": \"Ordering\" }", "\"name\": \"Bestellübersicht ✓\" ]");

            ProjectFileException e = rejected(text);

            assertThat(e.problem()).startsWith("not valid JSON");
            assertAtIndex(e, text, text.indexOf("✓\" ]") + 3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "42", "\"shop\"", "null", "true"})
        void aDocumentThatIsNotAnObjectIsRefused(String text) {
            ProjectFileException e = rejected(text);

            assertThat(e.problem()).startsWith("expected an object");
            assertThat(e.jsonPath()).isEqualTo("$");
            assertAt(e, 1, 1);
        }
    }

    @Nested
    class Types {

        @Test
        void aPortGivenAsAStringNamesThePathLineAndColumn() {
            String text = replaceOnce(BASE, "\"port\": 8081", "\"port\": \"8081\"");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.nodes[1].port");
            assertThat(e.problem()).isEqualTo("expected a whole number, found the string \"8081\"");
            assertAt(e, text, "\"port\": \"8081\"", 0);
            assertThat(e.getMessage()).isEqualTo("bad.topology.json:" + e.line().orElseThrow() + ":"
                    + e.column().orElseThrow() + ": $.nodes[1].port: " + e.problem());
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', textBlock = """
                "name": "shop"                 | "name": 7                    | $.name                      | expected a string
                { "id": "ordering", "name": "Ordering" } | "ordering"     | $.contexts[0]               | expected an object
                "contexts": [                  | "contexts": 3, "module": [   | $.module                    | expected a string
                "port": 8080                   | "port": 80.5                 | $.nodes[0].port             | expected a whole number
                "port": 8080                   | "port": 99999999999          | $.nodes[0].port             | expected a whole number, found a number too large
                "replicas": 2                  | "replicas": true             | $.nodes[1].replicas         | expected a whole number
                "framework": "gin"             | "framework": ["gin"]         | $.nodes[1].framework        | expected a string
                "endpoints": [ { "method": "GET", "path": "/orders" } ] | "endpoints": {"a": 1} | $.nodes[1].endpoints | expected a list
                "method": "GET"                | "method": {}                 | $.nodes[1].endpoints[0].method | expected a string
                "x": 10                        | "x": "10"                    | $.nodes[2].layout.x         | expected a number
                "y": 20.5                      | "y": null                    | $.nodes[2].layout           | missing required key "y"
                "engine": "kafka"              | "engine": 1                  | $.nodes[3].engine           | expected a string
                "to": "orders-db"              | "to": false                  | $.edges[1].to               | expected a string
                "topic": "order.created"       | "topic": 1.5                 | $.edges[2].topic            | expected a string
                "route": "/orders"             | "route": ["/orders"]         | $.edges[0].route            | expected a string
                """)
        void aValueOfTheWrongTypeNamesItsPath(String original, String replacement, String path, String problem) {
            String text = replaceOnce(BASE, original, replacement);

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo(path);
            assertThat(e.problem()).startsWith(problem);
            assertThat(e.line()).isPresent();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\\ud800", "a\\udfffb", "\\udc00\\ud800"})
        void aStringWithHalfASurrogatePairIsRefusedBecauseSavingWouldLoseIt(String escaped) {
            String text = replaceOnce(BASE, "\"topic\": \"order.created\"", "\"topic\": \"" + escaped + "\"");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.edges[2].topic");
            assertThat(e.problem()).contains("half of a UTF-16 surrogate pair");
            assertAt(e, text, "\"topic\"", 0);
        }

        @Test
        void aWholeSurrogatePairIsText() throws ProjectFileException {
            String text = replaceOnce(BASE, "\"name\": \"shop\"", "\"name\": \"\\ud83d\\uded2 shop\"");

            assertThat(projectFile.read(text.getBytes(UTF_8), "emoji").name()).isEqualTo("\ud83d\uded2 shop");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                "x": 10      | 1e9999999999      | $.nodes[2].layout.x
                "y": 20.5    | -0.5E-99999999999 | $.nodes[2].layout.y
                "port": 8080 | 80e2147483648     | $.nodes[0].port
                """)
        void aNumberWithAnExponentBeyondAnyDecimalIsOutOfRange(String original, String number, String path) {
            String key = original.substring(0, original.indexOf(':') + 2);
            String text = replaceOnce(BASE, original, key + number);

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo(path);
            assertThat(e.problem()).startsWith("number out of range");
            assertAt(e, text, number, 0);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                "port": 8080     | "port": 0        | $.nodes[0].port     | port must be between 1 and 65535
                "port": 8080     | "port": 65536    | $.nodes[0].port     | port must be between 1 and 65535
                "replicas": 2    | "replicas": 0    | $.nodes[1].replicas | replicas must be between 1 and 1000
                "replicas": 2    | "replicas": 1001 | $.nodes[1].replicas | replicas must be between 1 and 1000
                "x": 10          | "x": 1e400       | $.nodes[2].layout.x | number out of range
                """)
        void aNumberOutOfRangeNamesItsPath(String original, String replacement, String path, String problem) {
            String text = replaceOnce(BASE, original, replacement);

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo(path);
            assertThat(e.problem()).startsWith(problem);
            assertAt(e, text, replacement, 0);
        }
    }

    @Nested
    class UnknownKeys {

        @Test
        void anUnknownTopLevelKeyIsNamedWithTheAllowedOnes() {
            String text = replaceOnce(BASE, "\"name\": \"shop\",", "\"name\": \"shop\",\n  \"colour\": \"blue\",");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.colour");
            assertThat(e.problem()).contains("unknown key \"colour\"").contains("formatVersion, name, module");
            assertAt(e, text, "\"colour\"", 0);
        }

        /** Each kind refuses a key that another kind has, so no kind silently reads a neighbour's settings. */
        @ParameterizedTest(name = "{3}")
        @CsvSource(delimiter = '|', textBlock = """
                "port": 8081,              | "port": 8081, "engine": "redis",        | $.nodes[1].engine    | service with engine
                "kind": "gateway",         | "kind": "gateway", "framework": "gin",  | $.nodes[0].framework | gateway with framework
                "kind": "gateway",         | "kind": "gateway", "replicas": 2,       | $.nodes[0].replicas  | gateway with replicas
                "engine": "postgres",      | "engine": "postgres", "port": 5432,     | $.nodes[2].port      | database with port
                "engine": "kafka"          | "engine": "kafka", "endpoints": []      | $.nodes[3].endpoints | queue with endpoints
                "id": "cache", "kind": "cache" | "id": "cache", "kind": "cache", "replicas": 3 | $.nodes[4].replicas | cache with replicas
                "id": "cache", "kind": "cache" | "id": "cache", "kind": "cache", "Engine": "redis" | $.nodes[4].Engine | keys are case-sensitive
                """)
        void aNodeRefusesKeysItsKindDoesNotHave(String original, String replacement, String path, String why) {
            String text = replaceOnce(BASE, original, replacement);

            ProjectFileException e = rejected(text);

            String key = path.substring(path.lastIndexOf('.') + 1);
            assertThat(e.jsonPath()).isEqualTo(path);
            assertThat(e.problem()).startsWith("unknown key \"" + key + "\"");
            assertAt(e, text, "\"" + key + "\"", occurrencesBefore(text, replacement, "\"" + key + "\""));
        }

        @ParameterizedTest(name = "{3}")
        @CsvSource(delimiter = '|', textBlock = """
                "kind": "http", "route": "/orders" | "kind": "http", "route": "/orders", "topic": "t" | $.edges[0].topic  | http edge with topic
                "kind": "db"                       | "kind": "db", "route": "/x"                     | $.edges[1].route  | db edge with route
                "kind": "publish",                 | "kind": "publish", "route": "/x",               | $.edges[2].route  | publish edge with route
                "kind": "subscribe"                | "kind": "subscribe", "port": 1                  | $.edges[3].port   | subscribe edge with port
                "to": "cache", "kind": "cache"     | "to": "cache", "kind": "cache", "weight": 2     | $.edges[4].weight | cache edge with weight
                """)
        void anEdgeRefusesKeysItsKindDoesNotHave(String original, String replacement, String path, String why) {
            String text = replaceOnce(BASE, original, replacement);

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo(path);
            assertThat(e.problem()).startsWith("unknown key");
            assertThat(e.line()).contains(lineOf(text, replacement));
        }

        @Test
        void aLayoutRefusesAThirdCoordinate() {
            String text = replaceOnce(BASE, "\"y\": 20.5 }", "\"y\": 20.5, \"z\": 1 }");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.nodes[2].layout.z");
            assertThat(e.problem()).isEqualTo("unknown key \"z\" here; allowed keys are x, y");
            assertAt(e, text, "\"z\"", 0);
        }

        @Test
        void columnsCountCharactersNotBytes() {
            String text = replaceOnce(BASE, "\"name\": \"Ordering\"", "\"name\": \"Bestellübersicht ✓ 🛒\", \"colour\": 1");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.contexts[0].colour");
            assertAt(e, text, "\"colour\"", 0);
        }

        @Test
        void aContextAndAnEndpointRefuseUnknownKeys() {
            String inContext = replaceOnce(BASE, "\"name\": \"Ordering\"", "\"name\": \"Ordering\", \"colour\": 1");
            String inEndpoint = replaceOnce(BASE, "\"path\": \"/orders\"", "\"path\": \"/orders\", \"handler\": \"h\"");

            assertThat(rejected(inContext).jsonPath()).isEqualTo("$.contexts[0].colour");
            assertThat(rejected(inEndpoint).jsonPath()).isEqualTo("$.nodes[1].endpoints[0].handler");
        }
    }

    @Nested
    class MissingKeys {

        @ParameterizedTest(name = "{2} in {1}")
        @CsvSource(delimiter = '|', textBlock = """
                "name": "shop",                                 | $                     | name
                "formatVersion": 1,                             | $                     | formatVersion
                "id": "gateway",                                | $.nodes[0]            | id
                "kind": "gateway",                              | $.nodes[0]            | kind
                , "port": 8080                                  | $.nodes[0]            | port
                "port": 8081,                                   | $.nodes[1]            | port
                "x": 10,                                        | $.nodes[2].layout     | x
                "method": "GET",                                | $.nodes[1].endpoints[0] | method
                "id": "ordering",                               | $.contexts[0]         | id
                "from": "gateway",                              | $.edges[0]            | from
                "to": "orders-db",                              | $.edges[1]            | to
                "kind": "publish",                              | $.edges[2]            | kind
                """)
        void aMissingRequiredKeyNamesTheObjectAndTheKey(String removed, String path, String key) {
            String text = replaceOnce(BASE, removed, "");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo(path);
            assertThat(e.problem()).isEqualTo("missing required key \"" + key + "\"");
            assertThat(e.line()).isPresent();
        }

        @Test
        void theMissingKeyOfANodeIsReportedWhereTheNodeBegins() {
            String text = replaceOnce(BASE, ", \"port\": 8080", "");

            ProjectFileException e = rejected(text);

            assertAt(e, text, "{ \"id\": \"gateway\"", 0);
        }

        @Test
        void aRequiredKeySetToNullCountsAsMissing() {
            ProjectFileException e = rejected(replaceOnce(BASE, "\"name\": \"shop\"", "\"name\": null"));

            assertThat(e.jsonPath()).isEqualTo("$");
            assertThat(e.problem()).isEqualTo("missing required key \"name\"");
        }

        @Test
        void optionalKeysMayBeLeftOutAndGetTheirDefaults() throws ProjectFileException {
            var topology = projectFile.read("""
                    {"formatVersion": 1, "name": "tiny", "nodes": [{"id": "a", "kind": "service", "port": 1}]}
                    """.getBytes(UTF_8), "tiny");

            assertThat(topology.module()).isEqualTo("example.com/tiny");
            assertThat(topology.contexts()).isEmpty();
            assertThat(topology.edges()).isEmpty();
            assertThat(projectFile.write(topology)).contains("\"framework\": \"nethttp\"", "\"replicas\": 1",
                    "\"endpoints\": []");
        }
    }

    @Nested
    class References {

        @Test
        void anEdgeFromAMissingNodeNamesItsFromKey() {
            String text = replaceOnce(BASE, "{ \"from\": \"orders\", \"to\": \"orders-db\"",
                    "{ \"from\": \"billing\", \"to\": \"orders-db\"");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.edges[1].from");
            assertThat(e.problem()).isEqualTo("no node has the id \"billing\"");
            assertAt(e, text, "\"from\": \"billing\"", 0);
        }

        @Test
        void anEdgeToAMissingNodeNamesItsToKey() {
            String text = replaceOnce(BASE, "\"to\": \"cache\"", "\"to\": \"sessions\"");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.edges[4].to");
            assertThat(e.problem()).contains("\"sessions\"");
            assertAt(e, text, "\"to\": \"sessions\"", 0);
        }

        @Test
        void aNodeInAMissingContextNamesItsContextKey() {
            String text = replaceOnce(BASE, "\"id\": \"cache\", \"kind\": \"cache\"",
                    "\"id\": \"cache\", \"kind\": \"cache\", \"context\": \"billing\"");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.nodes[4].context");
            assertThat(e.problem()).startsWith("no context has the id \"billing\"");
            assertAt(e, text, "\"context\": \"billing\"", 0);
        }

        @Test
        void idsAreCaseSensitive() {
            ProjectFileException e = rejected(replaceOnce(BASE, "\"to\": \"cache\"", "\"to\": \"Cache\""));

            assertThat(e.jsonPath()).isEqualTo("$.edges[4].to");
        }
    }

    @Nested
    class Versions {

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void anOlderVersionWithoutAMigrationIsUnknown(int version) {
            String text = replaceOnce(BASE, "\"formatVersion\": 1", "\"formatVersion\": " + version);

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.formatVersion");
            assertThat(e.problem()).startsWith("unknown format version " + version);
            assertAt(e, text, "\"formatVersion\"", 0);
        }

        @ParameterizedTest
        @ValueSource(ints = {2, 99})
        void aNewerVersionAsksForANewerTopograph(int version) {
            String text = replaceOnce(BASE, "\"formatVersion\": 1", "\"formatVersion\": " + version);

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.formatVersion");
            assertThat(e.problem()).contains("format version " + version).contains("update Topograph");
            assertAt(e, text, "\"formatVersion\"", 0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"1\"", "1.0", "1.5", "null", "[1]"})
        void aVersionThatIsNotAWholeNumberIsRefused(String version) {
            ProjectFileException e = rejected(replaceOnce(BASE, "\"formatVersion\": 1", "\"formatVersion\": " + version));

            assertThat(e.jsonPath()).startsWith("$");
            assertThat(e.problem()).containsAnyOf("expected a whole number", "missing required key \"formatVersion\"");
        }
    }

    @Nested
    class Kinds {

        @Test
        void anUnknownNodeKindListsTheKnownOnes() {
            String text = replaceOnce(BASE, "\"id\": \"cache\", \"kind\": \"cache\"", "\"id\": \"cache\", \"kind\": \"search\"");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.nodes[4].kind");
            assertThat(e.problem()).isEqualTo(
                    "unknown node kind \"search\"; use service, gateway, queue, cache or database");
            assertAt(e, text, "\"kind\": \"search\"", 0);
        }

        @Test
        void anUnknownEdgeKindListsTheKnownOnes() {
            String text = replaceOnce(BASE, "\"kind\": \"db\"", "\"kind\": \"sql\"");

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo("$.edges[1].kind");
            assertThat(e.problem()).startsWith("unknown edge kind \"sql\"");
            assertAt(e, text, "\"kind\": \"sql\"", 0);
        }

        @Test
        void kindsAreCaseSensitive() {
            assertThat(rejected(replaceOnce(BASE, "\"kind\": \"gateway\"", "\"kind\": \"Gateway\"")).jsonPath())
                    .isEqualTo("$.nodes[0].kind");
        }

        @ParameterizedTest(name = "{1}")
        @CsvSource(delimiter = '|', textBlock = """
                "engine": "kafka"    | "engine": "redis"     | $.nodes[3].engine | unknown queue engine "redis"; use one of nats, rabbitmq, kafka
                "engine": "postgres" | "engine": "oracle"    | $.nodes[2].engine | unknown database engine "oracle"; use one of postgres, mysql, sqlite
                "id": "cache", "kind": "cache" | "id": "cache", "kind": "cache", "engine": "nats" | $.nodes[4].engine | unknown cache engine "nats"; use one of redis, memcached
                "framework": "gin"   | "framework": "fiber"  | $.nodes[1].framework | unknown framework "fiber"; use one of nethttp, gin, echo
                "framework": "gin"   | "framework": "Echo"   | $.nodes[1].framework | unknown framework "Echo"; use one of nethttp, gin, echo
                """)
        void anEngineOrFrameworkOfAnotherKindIsUnknown(String original, String replacement, String path, String problem) {
            String text = replaceOnce(BASE, original, replacement);

            ProjectFileException e = rejected(text);

            assertThat(e.jsonPath()).isEqualTo(path);
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.line()).contains(lineOf(text, replacement));
        }
    }

    @Nested
    class Loading {

        @Test
        void aMissingFileIsAProjectFileException(@TempDir Path dir) {
            Path file = dir.resolve("gone.topology.json");

            ProjectFileException e = refusedToLoad(file);

            assertThat(e.source()).isEqualTo("gone.topology.json");
            assertThat(e.problem()).startsWith("no such file");
        }

        @Test
        void aFolderIsAProjectFileException(@TempDir Path dir) {
            ProjectFileException e = refusedToLoad(dir);

            assertThat(e.problem()).startsWith("cannot read");
        }

        @Test
        void loadNamesTheFileInTheMessage(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("bad.topology.json");
            Files.writeString(file, replaceOnce(BASE, "\"port\": 8080", "\"port\": \"80\""));

            ProjectFileException e = refusedToLoad(file);

            assertThat(e.getMessage()).startsWith("bad.topology.json:8:").contains("$.nodes[0].port");
        }

        @Test
        void anUnknownFrameworkNamesTheFileTheFieldAndTheChoices(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("fiber.topology.json");
            Files.writeString(file, replaceOnce(BASE, "\"framework\": \"gin\"", "\"framework\": \"fiber\""));

            ProjectFileException e = refusedToLoad(file);

            assertThat(e.getMessage()).isEqualTo("fiber.topology.json:10:7: $.nodes[1].framework: "
                    + "unknown framework \"fiber\"; use one of nethttp, gin, echo");
        }

        private ProjectFileException refusedToLoad(Path file) {
            try {
                new ProjectFile().load(file);
            } catch (ProjectFileException e) {
                return e;
            }
            return fail("loaded %s", file);
        }
    }

    // --- helpers ---

    private ProjectFileException rejected(String text) {
        return rejected(text.getBytes(UTF_8));
    }

    private ProjectFileException rejected(byte[] bytes) {
        try {
            projectFile.read(bytes, "bad.topology.json");
        } catch (ProjectFileException e) {
            return e;
        }
        return fail("read without complaint:%n%s", new String(bytes, UTF_8));
    }

    /** Replaces the one occurrence of {@code target}, so that a test never passes by changing nothing. */
    static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertThat(at).as("%s occurs in the document", target).isNotNegative();
        assertThat(text.indexOf(target, at + 1)).as("%s occurs only once", target).isNegative();
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    private static void assertAt(ProjectFileException e, int line, int column) {
        assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(Optional.of(line));
        assertThat(e.column()).as("column of %s", e.getMessage()).isEqualTo(Optional.of(column));
    }

    /** Asserts the error is reported at the start of the {@code skip}-th (0-based) occurrence of {@code marker}. */
    private static void assertAt(ProjectFileException e, String text, String marker, int skip) {
        int at = -1;
        for (int i = 0; i <= skip; i++) {
            at = text.indexOf(marker, at + 1);
            assertThat(at).as("occurrence %d of %s", i, marker).isNotNegative();
        }
        assertAtIndex(e, text, at);
    }

    private static void assertAtIndex(ProjectFileException e, String text, int index) {
        int line = 1 + (int) text.substring(0, index).chars().filter(c -> c == '\n').count();
        assertAt(e, line, column(text, index));
    }

    /** One-based column of a character index, counted in chars as an editor shows it. */
    private static int column(String text, int index) {
        return index - text.lastIndexOf('\n', index - 1);
    }

    private static int occurrencesBefore(String text, String region, String marker) {
        int regionAt = text.indexOf(region);
        int count = 0;
        for (int at = text.indexOf(marker); at >= 0 && at < regionAt; at = text.indexOf(marker, at + 1)) {
            count++;
        }
        return count;
    }

    private static int lineOf(String text, String marker) {
        int at = text.indexOf(marker);
        assertThat(at).as("%s occurs in the document", marker).isNotNegative();
        return 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    }

    private static int lastLine(String text) {
        return 1 + (int) text.chars().filter(c -> c == '\n').count();
    }

    private static int lastLineLength(String text) {
        return text.length() - text.lastIndexOf('\n') - 1;
    }
}
