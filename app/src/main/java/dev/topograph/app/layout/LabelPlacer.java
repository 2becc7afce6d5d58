package dev.topograph.app.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places each edge's label on its route where it covers no box, no kept-clear area (live-card
 * room, context titles) and no label placed before it: centred on a segment's line first (on a
 * pill, as people label lines), else beside it; among the free places, the middle of a long
 * horizontal segment near the middle of the route wins. When no place is free, the one that
 * covers least is taken (and {@link DrawingCheck} counts it).
 */
public final class LabelPlacer {
    /** Space kept between a label and a box, so it never sits on an arrowhead either. */
    static final double BOX_CLEARANCE = 10;
    private static final double[] ALONG = {0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9};

    /** A label to place on the edge {@code key}. */
    public record Request(String key, double width, double height) {
    }

    /**
     * The label rectangles by edge key. {@code boxes} are kept clear with a margin; {@code clear}
     * (card room, titles) and the labels themselves are kept clear exactly.
     */
    public Map<String, Rect> place(Map<String, double[]> routes, List<Request> requests, List<Rect> boxes,
            List<Rect> clear) {
        SpatialIndex<Rect> blocked = new SpatialIndex<>();
        for (Rect b : boxes) {
            blocked.add(b.grow(BOX_CLEARANCE), b);
        }
        for (Rect c : clear) {
            blocked.add(c, c);
        }
        Map<String, Rect> placed = new HashMap<>();
        for (Request r : requests) {
            double[] route = routes.get(r.key());
            if (route == null || route.length < 4) {
                continue;
            }
            Rect best = null;
            double bestScore = Double.MAX_VALUE;
            Rect leastBad = null;
            double leastCover = Double.MAX_VALUE;
            int segments = route.length / 2 - 1;
            for (Candidate c : candidates(route, r.width(), r.height())) {
                double cover = 0;
                for (Rect o : blocked.rectsOverlapping(c.rect())) {
                    cover += c.rect().overlapArea(o);
                }
                double score = c.penalty() + 6 * Math.abs(c.segment() - (segments - 1) / 2.0);
                if (cover == 0 && score < bestScore) {
                    best = c.rect();
                    bestScore = score;
                }
                if (cover > 0 && cover * 100 + score < leastCover) {
                    leastBad = c.rect();
                    leastCover = cover * 100 + score;
                }
            }
            Rect chosen = best != null ? best : leastBad;
            if (chosen != null) {
                placed.put(r.key(), chosen);
                blocked.add(chosen.grow(2), chosen);
            }
        }
        return placed;
    }

    private record Candidate(Rect rect, double penalty, int segment) {
    }

    private static List<Candidate> candidates(double[] route, double w, double h) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i + 3 < route.length; i += 2) {
            double x1 = route[i];
            double y1 = route[i + 1];
            double x2 = route[i + 2];
            double y2 = route[i + 3];
            double length = Math.hypot(x2 - x1, y2 - y1);
            if (length < 1) {
                continue;
            }
            boolean horizontal = Math.abs(y2 - y1) < Math.abs(x2 - x1);
            // Longer segments read better: a bonus up to 30 for 300 units of line.
            double longer = -Math.min(length, 300) / 10;
            for (double t : ALONG) {
                double cx = x1 + t * (x2 - x1);
                double cy = y1 + t * (y2 - y1);
                double along = 40 * Math.abs(t - 0.5);
                double base = longer + along + (horizontal ? 0 : 12);
                out.add(new Candidate(new Rect(cx - w / 2, cy - h / 2, w, h), base, i / 2));
                // Beside the line, a step further out at a time, when its own place is taken.
                for (int step = 0; step < 3; step++) {
                    double off = step * (h + 3);
                    if (horizontal) {
                        out.add(new Candidate(new Rect(cx - w / 2, cy - h - 3 - off, w, h), base + 18 + 20 * step, i / 2));
                        out.add(new Candidate(new Rect(cx - w / 2, cy + 3 + off, w, h), base + 20 + 20 * step, i / 2));
                    } else {
                        out.add(new Candidate(new Rect(cx + 4, cy - h / 2 - off, w, h), base + 16 + 20 * step, i / 2));
                        out.add(new Candidate(new Rect(cx - 4 - w, cy - h / 2 - off, w, h), base + 18 + 20 * step, i / 2));
                        out.add(new Candidate(new Rect(cx + 4, cy - h / 2 + off, w, h), base + 16 + 20 * step, i / 2));
                        out.add(new Candidate(new Rect(cx - 4 - w, cy - h / 2 + off, w, h), base + 18 + 20 * step, i / 2));
                    }
                }
            }
        }
        return out;
    }
}
