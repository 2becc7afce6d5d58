package dev.topograph.app.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The labels of one series, sorted by name so that the same set written in another order is the
 * same value. Names are distinct.
 */
public record Labels(List<Label> pairs) {
    /** No labels at all, as on {@code go_goroutines 9}. */
    public static final Labels NONE = new Labels(List.of());

    public Labels {
        Objects.requireNonNull(pairs, "pairs");
        if (!isSortedByName(pairs)) {
            List<Label> sorted = new ArrayList<>(pairs);
            sorted.sort(Comparator.comparing(Label::name));
            pairs = sorted;
        }
        pairs = List.copyOf(pairs);
        for (int i = 1; i < pairs.size(); i++) {
            if (pairs.get(i).name().equals(pairs.get(i - 1).name())) {
                throw new IllegalArgumentException("label " + pairs.get(i).name() + " appears twice");
            }
        }
    }

    /** Labels from alternating names and values: {@code Labels.of("code", "200", "method", "GET")}. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        List<Label> pairs = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(new Label(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new Labels(pairs);
    }

    /** The value of the label with this name. */
    public Optional<String> get(String name) {
        for (Label label : pairs) {
            if (label.name().equals(name)) {
                return Optional.of(label.value());
            }
        }
        return Optional.empty();
    }

    /** These labels but the one with this name, e.g. a bucket's labels without {@code le}. */
    public Labels without(String name) {
        List<Label> kept = new ArrayList<>(pairs.size());
        for (Label label : pairs) {
            if (!label.name().equals(name)) {
                kept.add(label);
            }
        }
        return kept.size() == pairs.size() ? this : new Labels(kept);
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** Name to value, in name order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Label label : pairs) {
            map.put(label.name(), label.value());
        }
        return Collections.unmodifiableMap(map);
    }

    /** As the text format writes them, escapes included: {@code {code="200",method="GET"}}, or nothing. */
    @Override
    public String toString() {
        if (pairs.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        for (Label label : pairs) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(label.name()).append("=\"");
            String value = label.value();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '"' -> text.append("\\\"");
                    case '\n' -> text.append("\\n");
                    default -> text.append(c);
                }
            }
            text.append('"');
        }
        return text.append('}').toString();
    }

    private static boolean isSortedByName(List<Label> pairs) {
        for (int i = 1; i < pairs.size(); i++) {
            if (pairs.get(i - 1).name().compareTo(pairs.get(i).name()) > 0) {
                return false;
            }
        }
        return true;
    }
}
