package dev.topograph.model.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Damaged files (cut short, a character lost, junk typed in, a value of another type, a key too
 * many) either still load or are refused with a {@link ProjectFileException} naming a JSON path;
 * nothing else ever escapes. Where the damage keeps the text JSON, the shipped schema agrees with
 * the loader.
 */
class ProjectFileMutationPropertiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Keys the format knows somewhere, so that added keys sometimes land where they are allowed. */
    private static final List<String> KEYS = List.of("formatVersion", "name", "module", "contexts", "nodes", "edges",
            "id", "kind", "context", "port", "framework", "replicas", "endpoints", "method", "path", "layout", "x", "y",
            "engine", "from", "to", "route", "topic", "colour", "", "$ref");

    private final ProjectFile projectFile = new ProjectFile();

    @Provide
    Arbitrary<String> files() {
        List<String> fixed = Stream.concat(Examples.all().stream().map(Examples::text),
                Stream.of(ProjectFileErrorTest.BASE)).toList();
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(fixed)),
                Tuple.of(1, TopologyArbitraries.topologies().map(projectFile::write)));
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> syntax = Arbitraries.strings().withChars("{}[]\":,\\ \n\t0123456789-+.eE").ofMinLength(1).ofMaxLength(4);
        Arbitrary<String> words = Arbitraries.of("null", "true", "false", "\"\"", "\"x\"", "1e999", "-0", "0.5",
                "\"kind\": \"cache\",", "\\u0000", "\\ud800", "\u00e9", "\ud83d\uded2", "\uFEFF", "//", "/*", "NaN");
        return Arbitraries.oneOf(syntax, words, Arbitraries.strings().ofMinLength(1).ofMaxLength(3));
    }

    @Property(tries = 200)
    void aFileCutShortLoadsOrIsRefusedWithAPath(@ForAll("files") String file, @ForAll @IntRange(min = 0) int cut) {
        loadsOrIsRefusedWithAPath(file.substring(0, cut % file.length()).getBytes(UTF_8));
    }

    @Property(tries = 200)
    void aFileMissingOneCharacterLoadsOrIsRefusedWithAPath(@ForAll("files") String file, @ForAll @IntRange(min = 0) int at) {
        int i = at % file.length();
        loadsOrIsRefusedWithAPath((file.substring(0, i) + file.substring(i + 1)).getBytes(UTF_8));
    }

    @Property(tries = 200)
    void aFileWithJunkTypedInLoadsOrIsRefusedWithAPath(@ForAll("files") String file, @ForAll @IntRange(min = 0) int at,
            @ForAll("junk") String junk) {
        int i = at % (file.length() + 1);
        loadsOrIsRefusedWithAPath((file.substring(0, i) + junk + file.substring(i)).getBytes(UTF_8));
    }

    @Property(tries = 200)
    void aFileWithAByteChangedLoadsOrIsRefusedWithAPath(@ForAll("files") String file, @ForAll @IntRange(min = 0) int at,
            @ForAll byte value) {
        byte[] bytes = file.getBytes(UTF_8);
        bytes[at % bytes.length] = value;
        loadsOrIsRefusedWithAPath(bytes);
    }

    @Property(tries = 200)
    void aNumberTurnedIntoAStringIsRefusedByLoaderAndSchema(@ForAll("files") String file, @ForAll @IntRange(min = 0) int pick)
            throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(file);
        List<Slot> numbers = new ArrayList<>();
        collectSlots(tree, numbers);
        numbers.removeIf(slot -> !slot.get().isNumber());
        Slot number = numbers.get(pick % numbers.size());
        number.set(NODES.textNode(number.get().asText()));
        String mutant = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);

        ProjectFileException e = refusedWithAPath(mutant.getBytes(UTF_8));

        assertThat(e.problem()).startsWith("expected a").contains("found the string");
        assertThat(e.line()).isPresent();
        assertThat(schemaAccepts(mutant)).isFalse();
    }

    @Property(tries = 200)
    void aValueOfAnotherTypeLoadsOrIsRefusedAndTheSchemaAgrees(@ForAll("files") String file, @ForAll Random random)
            throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(file);
        List<Slot> slots = new ArrayList<>();
        collectSlots(tree, slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        slot.set(otherTypeThan(slot.get(), random));
        String mutant = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);

        boolean loads = loadsOrIsRefusedWithAPath(mutant.getBytes(UTF_8));

        assertSchemaAgrees(mutant, loads);
    }

    @Property(tries = 200)
    void aKeyTooManyLoadsOrIsRefusedAndTheSchemaAgrees(@ForAll("files") String file, @ForAll Random random)
            throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(file);
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(tree, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> absent = KEYS.stream().filter(k -> !target.has(k)).toList();
        String key = absent.get(random.nextInt(absent.size()));
        target.set(key, randomValue(random));
        String mutant = MAPPER.writeValueAsString(tree);

        boolean loads = loadsOrIsRefusedWithAPath(mutant.getBytes(UTF_8));

        Statistics.label("loads").collect(loads);
        assertSchemaAgrees(mutant, loads);
    }

    @Property(tries = 100)
    void aNullAnywhereLoadsOrIsRefusedWithAPathAndTheSchemaRefusesIt(@ForAll("files") String file, @ForAll Random random)
            throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(file);
        List<Slot> slots = new ArrayList<>();
        collectSlots(tree, slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        slot.set(NODES.nullNode());
        String mutant = MAPPER.writeValueAsString(tree);

        loadsOrIsRefusedWithAPath(mutant.getBytes(UTF_8));

        assertThat(schemaAccepts(mutant)).isFalse();
    }

    // --- the contract ---

    /** Loads, and then writes and reads back, or is refused with a path; any other exception fails the property. */
    private boolean loadsOrIsRefusedWithAPath(byte[] bytes) {
        Topology topology;
        try {
            topology = projectFile.read(bytes, "mutant.topology.json");
        } catch (ProjectFileException e) {
            assertWellFormed(e, bytes);
            Statistics.label("outcome").collect("refused");
            return false;
        }
        Statistics.label("outcome").collect("loaded");
        String canonical = projectFile.write(topology);
        try {
            assertThat(projectFile.write(projectFile.read(canonical.getBytes(UTF_8), "again"))).isEqualTo(canonical);
        } catch (ProjectFileException e) {
            throw new AssertionError("a loaded file wrote a file that does not load: " + e.getMessage(), e);
        }
        return true;
    }

    private ProjectFileException refusedWithAPath(byte[] bytes) {
        try {
            projectFile.read(bytes, "mutant.topology.json");
        } catch (ProjectFileException e) {
            assertWellFormed(e, bytes);
            return e;
        }
        throw new AssertionError("loaded:\n" + new String(bytes, UTF_8));
    }

    private static void assertWellFormed(ProjectFileException e, byte[] bytes) {
        assertThat(e.jsonPath()).startsWith("$");
        assertThat(e.problem()).isNotBlank();
        assertThat(e.getMessage()).contains(e.jsonPath()).contains(e.problem());
        long lines = 1 + new String(bytes, UTF_8).chars().filter(c -> c == '\n').count();
        e.line().ifPresent(line -> assertThat(line.longValue()).isBetween(1L, lines));
        e.column().ifPresent(column -> assertThat(column).isPositive());
    }

    /**
     * The schema and the loader agree, except where only the loader can look: a reference to an
     * id that no node or context has.
     */
    private static void assertSchemaAgrees(String json, boolean loads) {
        boolean conforms = schemaAccepts(json);
        if (conforms && !loads) {
            ProjectFileException e = refusedSomehow(json);
            assertThat(e.problem()).as("refused by the loader only").matches("no (node|context) has the id .*");
        } else {
            assertThat(conforms).as("the schema accepts what the loader %s:%n%s", loads ? "reads" : "refuses", json)
                    .isEqualTo(loads);
        }
    }

    private static ProjectFileException refusedSomehow(String json) {
        try {
            new ProjectFile().read(json.getBytes(UTF_8), "mutant");
        } catch (ProjectFileException e) {
            return e;
        }
        throw new AssertionError("loaded");
    }

    private static boolean schemaAccepts(String json) {
        return TopologySchemaTest.problems(json).isEmpty();
    }

    // --- tree surgery ---

    /** A place in the tree that holds a value: a member of an object or an element of a list. */
    private record Slot(JsonNode parent, String key, int index) {
        JsonNode get() {
            return parent.isObject() ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void collectSlots(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(k -> {
                slots.add(new Slot(node, k, -1));
                collectSlots(node.get(k), slots);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collectSlots(node.get(i), slots);
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.elements().forEachRemaining(child -> collectObjects(child, objects));
    }

    /** A non-null value whose JSON type differs from the original's (whole and fractional numbers count as two). */
    private static JsonNode otherTypeThan(JsonNode original, Random random) {
        while (true) {
            JsonNode candidate = randomValue(random);
            boolean sameType = candidate.getNodeType() == original.getNodeType()
                    && candidate.isIntegralNumber() == original.isIntegralNumber();
            if (!sameType) {
                return candidate;
            }
        }
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.textNode("x");
            case 1 -> NODES.textNode("");
            case 2 -> NODES.numberNode(random.nextInt(70000) - 100);
            case 3 -> NODES.numberNode(2.5);
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.arrayNode();
            case 6 -> NODES.objectNode();
            default -> NODES.objectNode().put("x", 1).put("y", 2);
        };
    }
}
