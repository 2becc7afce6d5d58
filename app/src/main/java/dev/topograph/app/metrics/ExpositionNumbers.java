package dev.topograph.app.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Numbers as the text format writes them: the syntax of Go's {@code strconv.ParseFloat} and
 * {@code ParseInt}, which the format names. Checked here by hand because {@link Double#parseDouble}
 * accepts more ({@code 1d}, {@code Infinity}, surrounding spaces) and {@link Long#parseLong} throws.
 */
final class ExpositionNumbers {
    /** Integers of at most this many digits are exact as a double and need no Double.parseDouble. */
    private static final int EXACT_DIGITS = 15;

    private ExpositionNumbers() {
    }

    /**
     * A float in Go's syntax as Prometheus reads it: decimal with optional exponent,
     * {@code Inf}/{@code Infinity} with optional sign, {@code NaN}, the words in any case. Empty
     * when the text is not one, or when it is too large for a double (Go's ErrRange). Hexadecimal
     * floats and underscores, which Go would read, are refused as Prometheus's own parser
     * (expfmt) refuses them.
     */
    static OptionalDouble parseFloat(String s, int from, int to) {
        if (from >= to) {
            return OptionalDouble.empty();
        }
        int i = from;
        boolean negative = false;
        char first = s.charAt(i);
        if (first == '+' || first == '-') {
            negative = first == '-';
            i++;
        }
        int rest = to - i;
        if ((rest == 3 || rest == 8) && s.regionMatches(true, i, "infinity", 0, rest)) {
            return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (rest == 3 && i == from && s.regionMatches(true, i, "nan", 0, 3)) {
            return OptionalDouble.of(Double.NaN);
        }
        int integerStart = i;
        long integer = 0;
        while (i < to && isDigit(s.charAt(i))) {
            integer = integer * 10 + (s.charAt(i) - '0');
            i++;
        }
        int integerDigits = i - integerStart;
        if (i == to && integerDigits > 0 && integerDigits <= EXACT_DIGITS) {
            return OptionalDouble.of(negative ? -(double) integer : integer);
        }
        int fractionDigits = 0;
        if (i < to && s.charAt(i) == '.') {
            i++;
            int fractionStart = i;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
            }
            fractionDigits = i - fractionStart;
        }
        if (integerDigits + fractionDigits == 0) {
            return OptionalDouble.empty();
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i = exponentEnd(s, i + 1, to);
        }
        return i == to ? finite(Double.parseDouble(s.substring(from, to))) : OptionalDouble.empty();
    }

    /** A timestamp: a decimal int64 with optional sign, as Go's {@code ParseInt(s, 10, 64)} reads it. */
    static OptionalLong parseTimestamp(String s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i == to) {
            return OptionalLong.empty();
        }
        // accumulate negatively, as Long.parseLong does, so that Long.MIN_VALUE fits
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long beforeLastDigit = limit / 10;
        long result = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return OptionalLong.empty();
            }
            int digit = c - '0';
            if (result < beforeLastDigit) {
                return OptionalLong.empty();
            }
            result *= 10;
            if (result < limit + digit) {
                return OptionalLong.empty();
            }
            result -= digit;
        }
        return OptionalLong.of(negative ? result : -result);
    }

    /** Where an exponent's optional sign and digits end; -1 when there are no digits. */
    private static int exponentEnd(String s, int i, int to) {
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digitsStart = i;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
        }
        return i == digitsStart ? -1 : i;
    }

    /** Go refuses a finite literal that rounds to infinity; so does the format. */
    private static OptionalDouble finite(double value) {
        return Double.isInfinite(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
