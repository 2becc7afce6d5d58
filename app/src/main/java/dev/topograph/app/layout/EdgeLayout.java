package dev.topograph.app.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The drawing of a design's edges from its nodes' places: routes around the nodes
 * ({@link EdgeRouter}) and labels where they cover nothing ({@link LabelPlacer}). What the screen,
 * the PNG and the SVG export all draw; worked out once per change of the design, never per frame.
 */
public final class EdgeLayout {
    /** An edge to lay out: the boxes it joins and its label text (empty for none). */
    public record Line(String key, String from, String to, String label) {
    }

    private EdgeLayout() {
    }

    /**
     * The path of every edge whose boxes exist, by key. {@code titles} are labels already on the
     * drawing (context titles) that edge labels must leave uncovered.
     */
    public static Map<String, EdgePath> of(List<EdgeRouter.Box> boxes, List<Line> lines, List<Rect> titles) {
        List<EdgeRouter.Link> links = new ArrayList<>(lines.size());
        List<LabelPlacer.Request> requests = new ArrayList<>();
        for (Line l : lines) {
            links.add(new EdgeRouter.Link(l.key(), l.from(), l.to()));
            if (!l.label().isEmpty()) {
                requests.add(new LabelPlacer.Request(l.key(), LabelText.width(l.label()), LabelText.HEIGHT));
            }
        }
        Map<String, double[]> routes = new EdgeRouter().route(boxes, links);
        List<Rect> rects = new ArrayList<>(boxes.size());
        List<Rect> clear = new ArrayList<>(titles);
        for (EdgeRouter.Box b : boxes) {
            rects.add(b.rect());
            if (b.reserveBelow() > 0) {
                clear.add(new Rect(b.rect().x(), b.rect().maxY(), b.rect().width(), b.reserveBelow()));
            }
        }
        Map<String, Rect> labels = new LabelPlacer().place(routes, requests, rects, clear);
        Map<String, EdgePath> paths = new HashMap<>();
        routes.forEach((key, points) -> paths.put(key, new EdgePath(points, labels.get(key))));
        return paths;
    }

    /** The box of a context's title, drawn at 13 px bold from its top-left corner. */
    public static Rect titleOf(double contextX, double contextY, String name) {
        return new Rect(contextX + 8, contextY + 6, name.length() * 8.2 + 10, 22);
    }
}
