package dev.topograph.app.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rectangles in buckets of a coarse grid, so that "what lies near here" costs a few buckets, not every rectangle. */
final class SpatialIndex<T> {
    private static final double CELL = 240;

    private record Entry<T>(Rect rect, T value) {
    }

    private final Map<Long, List<Entry<T>>> cells = new HashMap<>();

    void add(Rect r, T value) {
        Entry<T> e = new Entry<>(r, value);
        forCells(r, key -> cells.computeIfAbsent(key, k -> new ArrayList<>()).add(e));
    }

    /** The values whose rectangles overlap {@code r}, each once. */
    List<T> overlapping(Rect r) {
        List<T> found = new ArrayList<>();
        List<Entry<T>> seen = new ArrayList<>();
        forCells(r, key -> {
            for (Entry<T> e : cells.getOrDefault(key, List.of())) {
                if (e.rect().overlaps(r) && !containsSame(seen, e)) {
                    seen.add(e);
                    found.add(e.value());
                }
            }
        });
        return found;
    }

    /** The rectangles that overlap {@code r}, each once. */
    List<Rect> rectsOverlapping(Rect r) {
        List<Rect> found = new ArrayList<>();
        List<Entry<T>> seen = new ArrayList<>();
        forCells(r, key -> {
            for (Entry<T> e : cells.getOrDefault(key, List.of())) {
                if (e.rect().overlaps(r) && !containsSame(seen, e)) {
                    seen.add(e);
                    found.add(e.rect());
                }
            }
        });
        return found;
    }

    private static <T> boolean containsSame(List<Entry<T>> seen, Entry<T> e) {
        for (Entry<T> s : seen) {
            if (s == e) {
                return true;
            }
        }
        return false;
    }

    private static void forCells(Rect r, java.util.function.LongConsumer action) {
        long x0 = (long) Math.floor(r.x() / CELL);
        long x1 = (long) Math.floor(r.maxX() / CELL);
        long y0 = (long) Math.floor(r.y() / CELL);
        long y1 = (long) Math.floor(r.maxY() / CELL);
        for (long cx = x0; cx <= x1; cx++) {
            for (long cy = y0; cy <= y1; cy++) {
                action.accept(cx * 1_000_003L + cy);
            }
        }
    }
}
