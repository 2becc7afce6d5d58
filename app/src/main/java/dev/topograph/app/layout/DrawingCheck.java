package dev.topograph.app.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counts what makes a diagram hard to read: labels over boxes, labels over labels (context titles
 * included) and edges drawn through a box they do not join. A laid-out design should have none.
 */
public final class DrawingCheck {
    private DrawingCheck() {
    }

    /** The three counts. */
    public record Overlaps(int labelOverNode, int labelOverLabel, int edgeThroughNode) {
        public int total() {
            return labelOverNode + labelOverLabel + edgeThroughNode;
        }

        @Override
        public String toString() {
            return "label/node " + labelOverNode + ", label/label " + labelOverLabel + ", edge through node "
                    + edgeThroughNode;
        }
    }

    /** An edge as drawn: the boxes it joins, its polyline and its label (null when it has none). */
    public record DrawnLine(String from, String to, double[] points, Rect label) {
    }

    /**
     * @param boxes  every node's box, by id
     * @param lines  every edge as drawn
     * @param titles other labels that must stay uncovered (context titles)
     */
    public static Overlaps count(Map<String, Rect> boxes, List<DrawnLine> lines, List<Rect> titles) {
        int labelNode = 0;
        int labelLabel = 0;
        int through = 0;
        List<Rect> labels = new ArrayList<>();
        for (DrawnLine l : lines) {
            if (l.label() != null) {
                labels.add(l.label());
            }
        }
        for (Rect label : labels) {
            for (Rect box : boxes.values()) {
                if (label.overlaps(box)) {
                    labelNode++;
                }
            }
            for (Rect title : titles) {
                if (label.overlaps(title)) {
                    labelLabel++;
                }
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (labels.get(i).overlaps(labels.get(j))) {
                    labelLabel++;
                }
            }
        }
        for (DrawnLine l : lines) {
            for (Map.Entry<String, Rect> box : boxes.entrySet()) {
                if (box.getKey().equals(l.from()) || box.getKey().equals(l.to())) {
                    continue;
                }
                double[] p = l.points();
                for (int i = 0; i + 3 < p.length; i += 2) {
                    if (box.getValue().crossedBy(p[i], p[i + 1], p[i + 2], p[i + 3])) {
                        through++;
                        break;
                    }
                }
            }
        }
        return new Overlaps(labelNode, labelLabel, through);
    }
}
