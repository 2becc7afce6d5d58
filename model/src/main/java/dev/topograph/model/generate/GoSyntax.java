package dev.topograph.model.generate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The only way a string from the design reaches generated source: quoted as a Go (or YAML)
 * literal, or turned into an identifier from an already-validated id.
 */
public final class GoSyntax {
    private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private GoSyntax() {
    }

    /** A Go interpreted string literal, as {@code strconv.Quote} would write it for ASCII input. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp > 0x7e) {
                        out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** A double-quoted YAML scalar (JSON-compatible escapes). */
    public static String yamlQuote(String s) {
        return quote(s);
    }

    /** {@code order-events} → {@code OrderEvents}: an exported Go identifier from a DNS-label id. */
    public static String exported(String id) {
        requireId(id);
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String name = out.toString();
        return Character.isDigit(name.charAt(0)) ? "N" + name : name;
    }

    /** {@code order-events} → {@code orderEvents}: an unexported Go identifier. */
    public static String unexported(String id) {
        String e = exported(id);
        return Character.toLowerCase(e.charAt(0)) + e.substring(1);
    }

    /** {@code order-events} → {@code orderevents}: a Go package name. */
    public static String packageName(String id) {
        requireId(id);
        String name = id.replace("-", "");
        return Character.isDigit(name.charAt(0)) ? "p" + name : name;
    }

    /** {@code order-events} → {@code ORDER_EVENTS}: an environment variable name. */
    public static String envName(String id) {
        requireId(id);
        return id.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Guards against an id that slipped past validation reaching code: refuse rather than emit. */
    static void requireId(String id) {
        if (id.length() > 63 || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("refusing to generate code from the unsafe id " + quote(id));
        }
    }
}
