package dev.topograph.model.file;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;

/**
 * Builds the canonical text of a project file: two-space indent, one member or element per
 * line, {@code "key": value}, {@code []} for empty lists, a trailing newline. The same
 * topology always gives the same bytes, so files diff well in git.
 */
final class CanonicalJson {
    private final StringBuilder out = new StringBuilder(4096);
    private int depth;
    private boolean first = true;

    CanonicalJson beginObject() {
        return open('{');
    }

    CanonicalJson endObject() {
        return close('}');
    }

    CanonicalJson beginArray(String key) {
        name(key);
        return openAfterName('[');
    }

    CanonicalJson beginArrayElementObject() {
        separator();
        return openAfterName('{');
    }

    CanonicalJson beginObject(String key) {
        name(key);
        return openAfterName('{');
    }

    CanonicalJson endArray() {
        return close(']');
    }

    CanonicalJson field(String key, String value) {
        name(key);
        quote(value);
        return this;
    }

    CanonicalJson field(String key, long value) {
        name(key);
        out.append(value);
        return this;
    }

    CanonicalJson field(String key, double value) {
        name(key);
        out.append(number(value));
        return this;
    }

    @Override
    public String toString() {
        return out.toString() + "\n";
    }

    /** Integral numbers without a fraction; others in plain (never exponent) notation. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private CanonicalJson open(char bracket) {
        if (depth > 0) {
            separator();
        }
        return openAfterName(bracket);
    }

    private CanonicalJson openAfterName(char bracket) {
        out.append(bracket);
        depth++;
        first = true;
        return this;
    }

    private CanonicalJson close(char bracket) {
        depth--;
        if (!first) {
            newline();
        }
        out.append(bracket);
        first = false;
        return this;
    }

    private void name(String key) {
        separator();
        quote(key);
        out.append(": ");
    }

    private void separator() {
        if (!first) {
            out.append(',');
        }
        first = false;
        newline();
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    private void quote(String value) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        out.append('"');
    }
}
