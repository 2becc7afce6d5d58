package dev.topograph.model.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds where in the original text a JSON pointer lands. Only used on the error path, so the
 * tree can be read without location bookkeeping on the happy path.
 */
final class JsonLocator {
    private final JsonFactory factory;

    JsonLocator(JsonFactory factory) {
        this.factory = factory;
    }

    /** The location of the key (for object members) or value at the pointer, if the text has it. */
    Optional<JsonLocation> locate(String json, JsonPointer target) {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonPointer here = parser.getParsingContext().pathAsPointer();
                boolean keyOrScalarOrStart = token == JsonToken.FIELD_NAME
                        || !(token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY);
                if (keyOrScalarOrStart && here.equals(target)) {
                    return Optional.of(parser.currentTokenLocation());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The text is broken beyond the point we look for: no location to give.
        }
        return Optional.empty();
    }

    /** A place in the text: the JSON pointer of a value and where it starts. */
    record Spot(JsonPointer pointer, JsonLocation location) {
    }

    /** The first number too large for {@code BigDecimal} (an exponent beyond int range), if any. */
    Optional<Spot> unreadableNumber(String json) {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    try {
                        parser.getDecimalValue();
                    } catch (NumberFormatException e) {
                        return Optional.of(new Spot(parser.getParsingContext().pathAsPointer(),
                                parser.currentTokenLocation()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Broken before the number: no location to give.
        }
        return Optional.empty();
    }
}
