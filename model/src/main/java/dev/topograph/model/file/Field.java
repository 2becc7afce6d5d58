package dev.topograph.model.file;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A value in the JSON tree together with where it is ({@code $.nodes[2].port} and its pointer),
 * so that every type check can say exactly what is wrong and where.
 */
record Field(JsonNode value, String path, JsonPointer pointer) {

    Field child(String key) {
        return new Field(value.get(key), path + "." + key, pointer.appendProperty(key));
    }

    Field element(int index) {
        return new Field(value.get(index), path + "[" + index + "]", pointer.appendIndex(index));
    }

    /** The field at a path below this one, whether or not it exists (for error reports). */
    Field at(String key, int index, String member) {
        return new Field(null, path + "." + key + "[" + index + "]." + member,
                pointer.appendProperty(key).appendIndex(index).appendProperty(member));
    }

    Field required(String key) {
        ObjectNode object = object();
        if (!object.has(key) || object.get(key).isNull()) {
            throw bad("missing required key \"" + key + "\"");
        }
        return child(key);
    }

    Optional<Field> optional(String key) {
        ObjectNode object = object();
        if (!object.has(key) || object.get(key).isNull()) {
            return Optional.empty();
        }
        return Optional.of(child(key));
    }

    /** Rejects keys the format does not define here, naming the first stranger and the allowed ones. */
    void allowOnly(String... allowed) {
        List<String> known = Arrays.asList(allowed);
        Iterator<String> names = object().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw child(name).bad("unknown key \"" + name + "\" here; allowed keys are " + String.join(", ", known));
            }
        }
    }

    ObjectNode object() {
        if (value instanceof ObjectNode object) {
            return object;
        }
        throw bad("expected an object, found " + describe());
    }

    List<Field> elements() {
        if (!value.isArray()) {
            throw bad("expected a list, found " + describe());
        }
        List<Field> fields = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            fields.add(element(i));
        }
        return fields;
    }

    String string() {
        if (!value.isTextual()) {
            throw bad("expected a string, found " + describe());
        }
        String text = value.textValue();
        // JSON can escape half a surrogate pair ("\\ud800"); UTF-8 cannot store it, so saving would lose it.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad(String.format("the string holds \\u%04x, half of a UTF-16 surrogate pair, which is not text", (int) c));
            }
        }
        return text;
    }

    int integer() {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw bad("expected a whole number, found " + describe());
        }
        return value.intValue();
    }

    double number() {
        if (!value.isNumber()) {
            throw bad("expected a number, found " + describe());
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw bad("number out of range: " + value);
        }
        return d;
    }

    BadValue bad(String problem) {
        return new BadValue(path, pointer, problem);
    }

    private String describe() {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? "the number " + value : "a number too large: " + value;
        }
        if (value.isNumber()) {
            return "the number " + value;
        }
        if (value.isBoolean()) {
            return "the boolean " + value;
        }
        if (value.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
