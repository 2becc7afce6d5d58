package dev.topograph.model.importer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document as a tree whose every value remembers the line it stood on, which Jackson's
 * {@code readTree} forgets. Anchors, aliases and merge keys ({@code <<: *defaults}) are resolved,
 * since compose files use them for shared settings.
 */
sealed interface Yaml permits Yaml.Scalar, Yaml.Mapping, Yaml.Sequence {

    /** The 1-based line the value starts on. */
    int line();

    /** A plain value: its text as written (numbers and booleans too); empty for null. */
    record Scalar(Optional<String> text, int line) implements Yaml {
    }

    /** One key of a mapping, with the line the key stands on. */
    record Entry(String key, int line, Yaml value) {
    }

    /** A mapping in file order; a key written twice keeps its last value. */
    record Mapping(Map<String, Entry> entries, int line) implements Yaml {
        Optional<Entry> entry(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        Optional<Yaml> get(String key) {
            return entry(key).map(Entry::value);
        }

        Optional<String> text(String key) {
            return get(key).flatMap(Yaml::text);
        }
    }

    /** A list in file order. */
    record Sequence(List<Yaml> items, int line) implements Yaml {
    }

    /** The text of a scalar; empty for null and for mappings and lists. */
    default Optional<String> text() {
        return this instanceof Scalar s ? s.text() : Optional.empty();
    }

    /** A YAML document that cannot be read, with where the reader stopped. */
    final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxException(String message, int line) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /** Reads the first document of {@code text}; an empty document is an empty mapping. */
    static Yaml parse(String text) throws SyntaxException {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Mapping(Map.of(), 1);
            }
            return new Reader((YAMLParser) parser).value();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return Yaml.<Yaml>fail(e.getOriginalMessage(), at == null ? 0 : at.getLineNr());
        } catch (IOException e) {
            return fail(e.getMessage(), 0);
        }
    }

    private static <T> T fail(String message, int line) throws SyntaxException {
        throw new SyntaxException(message == null ? "unreadable YAML" : message.lines().findFirst().orElse(message), line);
    }

    /** Builds the tree from Jackson's token stream, keeping each token's line. */
    final class Reader {
        private final YAMLParser parser;
        private final Map<String, Yaml> anchors = new HashMap<>();

        Reader(YAMLParser parser) {
            this.parser = parser;
        }

        Yaml value() throws IOException, SyntaxException {
            int line = parser.currentTokenLocation().getLineNr();
            String anchor = parser.getObjectId();
            Yaml value;
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                value = mapping(line);
            } else if (token == JsonToken.START_ARRAY) {
                List<Yaml> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value());
                }
                value = new Sequence(List.copyOf(items), line);
            } else if (parser.isCurrentAlias()) {
                Yaml target = anchors.get(parser.getText());
                if (target == null) {
                    return fail("unknown alias *" + parser.getText(), line);
                }
                value = target;
            } else if (token == JsonToken.VALUE_NULL) {
                value = new Scalar(Optional.empty(), line);
            } else {
                value = new Scalar(Optional.of(parser.getText()), line);
            }
            if (anchor != null) {
                anchors.put(anchor, value);
            }
            return value;
        }

        private Mapping mapping(int line) throws IOException, SyntaxException {
            Map<String, Entry> entries = new LinkedHashMap<>();
            List<Yaml> merges = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                Yaml value = value();
                if (key.equals("<<")) {
                    merges.add(value);
                } else {
                    entries.remove(key);
                    entries.put(key, new Entry(key, keyLine, value));
                }
            }
            // Merged keys never override the mapping's own, wherever the merge key stands.
            for (Yaml merge : merges) {
                List<Yaml> sources = merge instanceof Sequence s ? s.items() : List.of(merge);
                for (Yaml source : sources) {
                    if (source instanceof Mapping m) {
                        m.entries().forEach(entries::putIfAbsent);
                    }
                }
            }
            return new Mapping(java.util.Collections.unmodifiableMap(entries), line);
        }
    }
}
