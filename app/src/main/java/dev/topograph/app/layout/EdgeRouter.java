package dev.topograph.app.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes edges between placed boxes as orthogonal lines that go around every box they do not
 * join: each edge leaves its source from a port on the side that faces its target and enters the
 * target on the opposite side, ports spread along a side in the order of the boxes they lead to.
 * The path is the cheapest one (length plus a price per bend, a little more along lines already
 * taken) over the sparse grid of the boxes' sides grown by a margin and the channels between them.
 * Pure and deterministic: the same boxes give the same routes, so a design loaded from a file
 * looks as it did when it was saved, whatever moved its nodes (Auto-Layout or the mouse).
 */
public final class EdgeRouter {
    /** Space kept between a line and a box it passes. */
    static final double MARGIN = 14;
    private static final double BEND = 40;
    /** Past this many boxes, edges are drawn as simple elbows (cost grows with size). */
    static final int MAX_ROUTED_BOXES = 600;
    private static final double REGION_PAD = 160;
    private static final double EPS = 0.5;

    /**
     * A box to route around: its rectangle and room kept free below it (for its live card); lines
     * of other edges keep out of that room, its own may cross it.
     */
    public record Box(String id, Rect rect, double reserveBelow) {
        public Rect footprint() {
            return new Rect(rect.x(), rect.y(), rect.width(), rect.height() + reserveBelow);
        }
    }

    /** An edge to route, by the ids of the boxes it joins. */
    public record Link(String key, String from, String to) {
    }

    enum Side {
        LEFT(-1, 0), RIGHT(1, 0), TOP(0, -1), BOTTOM(0, 1);

        final int dx;
        final int dy;

        Side(int dx, int dy) {
            this.dx = dx;
            this.dy = dy;
        }

        Side opposite() {
            return switch (this) {
                case LEFT -> RIGHT;
                case RIGHT -> LEFT;
                case TOP -> BOTTOM;
                case BOTTOM -> TOP;
            };
        }

        /** The grid direction a line takes leaving through this side (0 +x, 1 -x, 2 +y, 3 -y). */
        int outward() {
            return switch (this) {
                case RIGHT -> 0;
                case LEFT -> 1;
                case BOTTOM -> 2;
                case TOP -> 3;
            };
        }
    }

    private record End(Link link, boolean source, Box box, Box other, Side side) {
    }

    private record Port(double x, double y, Side side, double stubX, double stubY) {
    }

    /** The route of each link whose boxes exist, as a polyline {x0, y0, x1, y1, …} from source to target. */
    public Map<String, double[]> route(List<Box> boxes, List<Link> links) {
        Map<String, Box> byId = new HashMap<>();
        for (Box b : boxes) {
            byId.putIfAbsent(b.id(), b);
        }
        Map<String, List<End>> bySide = new HashMap<>();
        List<Link> routable = new ArrayList<>();
        for (Link l : links) {
            Box a = byId.get(l.from());
            Box b = byId.get(l.to());
            if (a == null || b == null || a == b) {
                continue;
            }
            routable.add(l);
            Side side = side(a, b);
            bySide.computeIfAbsent(a.id() + "/" + side, k -> new ArrayList<>()).add(new End(l, true, a, b, side));
            bySide.computeIfAbsent(b.id() + "/" + side.opposite(), k -> new ArrayList<>())
                    .add(new End(l, false, b, a, side.opposite()));
        }
        Map<String, Port> sourcePorts = new HashMap<>();
        Map<String, Port> targetPorts = new HashMap<>();
        for (List<End> ends : bySide.values()) {
            spread(ends, sourcePorts, targetPorts);
        }
        SpatialIndex<Box> index = new SpatialIndex<>();
        for (Box b : byId.values()) {
            index.add(b.footprint().grow(MARGIN), b);
        }
        SpatialIndex<double[]> taken = new SpatialIndex<>();
        boolean avoid = byId.size() <= MAX_ROUTED_BOXES;
        Map<String, double[]> routes = new HashMap<>();
        for (Link l : routable) {
            Port s = sourcePorts.get(l.key());
            Port t = targetPorts.get(l.key());
            double[] path = avoid ? search(s, t, index, taken, byId.get(l.from()), byId.get(l.to())) : null;
            if (path == null) {
                path = elbow(s, t);
            }
            path = simplify(path);
            routes.put(l.key(), path);
            for (int i = 0; i + 3 < path.length; i += 2) {
                double[] seg = {path[i], path[i + 1], path[i + 2], path[i + 3]};
                taken.add(new Rect(Math.min(seg[0], seg[2]) - 1, Math.min(seg[1], seg[3]) - 1,
                        Math.abs(seg[2] - seg[0]) + 2, Math.abs(seg[3] - seg[1]) + 2), seg);
            }
        }
        return routes;
    }

    /** The side of {@code a} that faces {@code b}: left or right when there is room across, else top or bottom. */
    static Side side(Box a, Box b) {
        Rect ra = a.rect();
        Rect rb = b.rect();
        double right = rb.x() - ra.maxX();
        double left = ra.x() - rb.maxX();
        double down = rb.y() - a.footprint().maxY();
        double up = ra.y() - b.footprint().maxY();
        if (Math.max(right, left) >= 2 * MARGIN + 8) {
            return right >= left ? Side.RIGHT : Side.LEFT;
        }
        if (Math.max(down, up) >= 2 * MARGIN) {
            return down >= up ? Side.BOTTOM : Side.TOP;
        }
        double best = Math.max(Math.max(right, left), Math.max(down, up));
        if (best == right) {
            return Side.RIGHT;
        }
        if (best == left) {
            return Side.LEFT;
        }
        return best == down ? Side.BOTTOM : Side.TOP;
    }

    /** Spreads the ends on one side of one box along it, in the order of the boxes they lead to. */
    private static void spread(List<End> ends, Map<String, Port> sourcePorts, Map<String, Port> targetPorts) {
        Side side = ends.get(0).side();
        boolean vertical = side == Side.LEFT || side == Side.RIGHT;
        ends.sort(Comparator.<End>comparingDouble(e -> vertical ? e.other().rect().centerY() : e.other().rect().centerX())
                .thenComparing(e -> e.link().key()).thenComparing(End::source));
        Rect r = ends.get(0).box().rect();
        int n = ends.size();
        for (int i = 0; i < n; i++) {
            End e = ends.get(i);
            double t = (i + 1.0) / (n + 1.0);
            double x;
            double y;
            if (vertical) {
                double from = r.y() + Math.min(14, r.height() / 4);
                double to = r.maxY() - Math.min(14, r.height() / 4);
                y = n == 1 ? r.centerY() : from + (to - from) * (n == 1 ? 0.5 : (double) i / (n - 1));
                x = side == Side.LEFT ? r.x() : r.maxX();
            } else {
                x = r.x() + 16 + (r.width() - 24) * t;
                y = side == Side.TOP ? r.y() : r.maxY();
            }
            double stub = MARGIN + (side == Side.BOTTOM ? e.box().reserveBelow() : 0);
            Port p = new Port(x, y, side, x + side.dx * stub, y + side.dy * stub);
            (e.source() ? sourcePorts : targetPorts).put(e.link().key(), p);
        }
    }

    private static double[] elbow(Port s, Port t) {
        boolean horizontal = s.side() == Side.LEFT || s.side() == Side.RIGHT;
        double mx = horizontal ? (s.stubX() + t.stubX()) / 2 : s.stubX();
        double my = horizontal ? s.stubY() : (s.stubY() + t.stubY()) / 2;
        if (horizontal) {
            return new double[] {s.x(), s.y(), s.stubX(), s.stubY(), mx, s.stubY(), mx, t.stubY(), t.stubX(), t.stubY(),
                t.x(), t.y()};
        }
        return new double[] {s.x(), s.y(), s.stubX(), s.stubY(), s.stubX(), my, t.stubX(), my, t.stubX(), t.stubY(),
            t.x(), t.y()};
    }

    /** The cheapest orthogonal path between the two ports' stubs, or null when none keeps clear of the boxes. */
    private static double[] search(Port s, Port t, SpatialIndex<Box> index, SpatialIndex<double[]> taken, Box from,
            Box to) {
        for (double pad : new double[] {REGION_PAD, 4 * REGION_PAD}) {
            double minX = Math.min(Math.min(s.stubX(), t.stubX()), Math.min(from.rect().x(), to.rect().x())) - pad;
            double minY = Math.min(Math.min(s.stubY(), t.stubY()), Math.min(from.rect().y(), to.rect().y())) - pad;
            double maxX = Math.max(Math.max(s.stubX(), t.stubX()), Math.max(from.rect().maxX(), to.rect().maxX())) + pad;
            double maxY = Math.max(Math.max(s.stubY(), t.stubY()),
                    Math.max(from.footprint().maxY(), to.footprint().maxY())) + pad;
            Rect region = new Rect(minX, minY, maxX - minX, maxY - minY);
            for (double margin : new double[] {MARGIN, 3}) {
                List<Rect> obstacles = new ArrayList<>();
                for (Box b : index.overlapping(region)) {
                    Rect o = b.footprint().grow(b == from || b == to ? MARGIN : margin);
                    obstacles.add(o);
                }
                boolean startsFree = true;
                for (Rect o : obstacles) {
                    if (o.holds(s.stubX(), s.stubY()) || o.holds(t.stubX(), t.stubY())) {
                        startsFree = false;
                    }
                }
                if (!startsFree) {
                    continue;
                }
                double[] path = new Grid(region, obstacles, s, t, taken).shortest();
                if (path != null) {
                    return path;
                }
            }
        }
        return null;
    }

    /** Drops points that lie on the straight line through their neighbours. */
    static double[] simplify(double[] p) {
        List<Double> out = new ArrayList<>();
        int n = p.length / 2;
        for (int i = 0; i < n; i++) {
            double x = p[2 * i];
            double y = p[2 * i + 1];
            int m = out.size() / 2;
            if (m > 0 && Math.abs(out.get(2 * m - 2) - x) < 1e-6 && Math.abs(out.get(2 * m - 1) - y) < 1e-6) {
                continue;
            }
            if (m >= 2) {
                double ax = out.get(2 * m - 4);
                double ay = out.get(2 * m - 3);
                double bx = out.get(2 * m - 2);
                double by = out.get(2 * m - 1);
                boolean collinear = (Math.abs(ax - bx) < 1e-6 && Math.abs(bx - x) < 1e-6)
                        || (Math.abs(ay - by) < 1e-6 && Math.abs(by - y) < 1e-6);
                if (collinear) {
                    out.set(2 * m - 2, x);
                    out.set(2 * m - 1, y);
                    continue;
                }
            }
            out.add(x);
            out.add(y);
        }
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    /** The sparse grid of one search: lines along the obstacles' sides, the ports' stubs and the channels between. */
    private static final class Grid {
        private final double[] xs;
        private final double[] ys;
        private final boolean[] xMid;
        private final boolean[] yMid;
        private final int nx;
        private final int ny;
        private final boolean[] pointBlocked;
        private final boolean[] hBlocked;
        private final boolean[] vBlocked;
        private final boolean[] hTaken;
        private final boolean[] vTaken;
        private final Port s;
        private final Port t;

        Grid(Rect region, List<Rect> obstacles, Port s, Port t, SpatialIndex<double[]> taken) {
            this.s = s;
            this.t = t;
            List<Double> x = new ArrayList<>(List.of(region.x(), region.maxX(), s.stubX(), t.stubX()));
            List<Double> y = new ArrayList<>(List.of(region.y(), region.maxY(), s.stubY(), t.stubY()));
            for (Rect o : obstacles) {
                x.add(clamp(o.x(), region.x(), region.maxX()));
                x.add(clamp(o.maxX(), region.x(), region.maxX()));
                y.add(clamp(o.y(), region.y(), region.maxY()));
                y.add(clamp(o.maxY(), region.y(), region.maxY()));
            }
            double[][] gx = withChannels(x);
            double[][] gy = withChannels(y);
            xs = gx[0];
            ys = gy[0];
            xMid = new boolean[xs.length];
            yMid = new boolean[ys.length];
            for (int i = 0; i < xs.length; i++) {
                xMid[i] = gx[1][i] > 0;
            }
            for (int j = 0; j < ys.length; j++) {
                yMid[j] = gy[1][j] > 0;
            }
            nx = xs.length;
            ny = ys.length;
            pointBlocked = new boolean[nx * ny];
            hBlocked = new boolean[nx * ny];
            vBlocked = new boolean[nx * ny];
            hTaken = new boolean[nx * ny];
            vTaken = new boolean[nx * ny];
            for (Rect o : obstacles) {
                int ia = firstAbove(xs, o.x());
                int ib = lastBelow(xs, o.maxX());
                int ja = firstAbove(ys, o.y());
                int jb = lastBelow(ys, o.maxY());
                for (int j = Math.max(0, ja - 1); j <= Math.min(ny - 1, jb + 1); j++) {
                    for (int i = Math.max(0, ia - 1); i <= Math.min(nx - 1, ib + 1); i++) {
                        int at = j * nx + i;
                        if (o.holds(xs[i], ys[j])) {
                            pointBlocked[at] = true;
                        }
                        if (i + 1 < nx && o.holds((xs[i] + xs[i + 1]) / 2, ys[j])) {
                            hBlocked[at] = true;
                        }
                        if (j + 1 < ny && o.holds(xs[i], (ys[j] + ys[j + 1]) / 2)) {
                            vBlocked[at] = true;
                        }
                    }
                }
            }
            for (double[] seg : taken.overlapping(region)) {
                mark(seg);
            }
        }

        /** Marks the grid's pieces that lie on a line an earlier edge already takes. */
        private void mark(double[] seg) {
            if (Math.abs(seg[1] - seg[3]) < EPS) {
                int j = find(ys, seg[1]);
                if (j < 0) {
                    return;
                }
                double a = Math.min(seg[0], seg[2]);
                double b = Math.max(seg[0], seg[2]);
                for (int i = 0; i + 1 < nx; i++) {
                    if (xs[i] >= a - EPS && xs[i + 1] <= b + EPS) {
                        hTaken[j * nx + i] = true;
                    }
                }
            } else if (Math.abs(seg[0] - seg[2]) < EPS) {
                int i = find(xs, seg[0]);
                if (i < 0) {
                    return;
                }
                double a = Math.min(seg[1], seg[3]);
                double b = Math.max(seg[1], seg[3]);
                for (int j = 0; j + 1 < ny; j++) {
                    if (ys[j] >= a - EPS && ys[j + 1] <= b + EPS) {
                        vTaken[j * nx + i] = true;
                    }
                }
            }
        }

        double[] shortest() {
            int si = find(xs, s.stubX());
            int sj = find(ys, s.stubY());
            int ti = find(xs, t.stubX());
            int tj = find(ys, t.stubY());
            if (si < 0 || sj < 0 || ti < 0 || tj < 0) {
                return null;
            }
            int states = nx * ny * 4;
            double[] cost = new double[states];
            Arrays.fill(cost, Double.MAX_VALUE);
            int[] prev = new int[states];
            Arrays.fill(prev, -1);
            Heap open = new Heap(Math.min(states, 1 << 16));
            int startDir = s.side().outward();
            int arriveDir = t.side().opposite().outward();
            int start = ((sj * nx) + si) * 4 + startDir;
            cost[start] = 0;
            open.push(start, heuristic(si, sj, ti, tj));
            int goal = -1;
            double best = Double.MAX_VALUE;
            while (!open.isEmpty()) {
                double f = open.peekKey();
                int state = open.pop();
                if (f >= best) {
                    break;
                }
                int dir = state & 3;
                int cell = state >> 2;
                int i = cell % nx;
                int j = cell / nx;
                double c = cost[state];
                if (f - heuristic(i, j, ti, tj) > c + 1e-9) {
                    continue;
                }
                if (i == ti && j == tj) {
                    double total = c + (dir == arriveDir ? 0 : BEND);
                    if (total < best) {
                        best = total;
                        goal = state;
                    }
                    continue;
                }
                for (int nd = 0; nd < 4; nd++) {
                    if ((nd ^ 1) == dir) {
                        continue; // no turning back
                    }
                    int ni = i + (nd == 0 ? 1 : nd == 1 ? -1 : 0);
                    int nj = j + (nd == 2 ? 1 : nd == 3 ? -1 : 0);
                    if (ni < 0 || nj < 0 || ni >= nx || nj >= ny || pointBlocked[nj * nx + ni]) {
                        continue;
                    }
                    double length;
                    boolean along;
                    boolean used;
                    if (nd < 2) {
                        int e = j * nx + Math.min(i, ni);
                        if (hBlocked[e]) {
                            continue;
                        }
                        length = Math.abs(xs[ni] - xs[i]);
                        along = !yMid[j];
                        used = hTaken[e];
                    } else {
                        int e = Math.min(j, nj) * nx + i;
                        if (vBlocked[e]) {
                            continue;
                        }
                        length = Math.abs(ys[nj] - ys[j]);
                        along = !xMid[i];
                        used = vTaken[e];
                    }
                    double step = length * (1 + (along ? 0.05 : 0) + (used ? 0.6 : 0)) + (nd == dir ? 0 : BEND);
                    int next = ((nj * nx) + ni) * 4 + nd;
                    if (c + step < cost[next]) {
                        cost[next] = c + step;
                        prev[next] = state;
                        open.push(next, c + step + heuristic(ni, nj, ti, tj));
                    }
                }
            }
            if (goal < 0) {
                return null;
            }
            List<double[]> points = new ArrayList<>();
            for (int st = goal; st >= 0; st = prev[st]) {
                int cell = st >> 2;
                points.add(new double[] {xs[cell % nx], ys[cell / nx]});
            }
            double[] path = new double[2 * points.size() + 4];
            path[0] = s.x();
            path[1] = s.y();
            int k = 2;
            for (int p = points.size() - 1; p >= 0; p--) {
                path[k++] = points.get(p)[0];
                path[k++] = points.get(p)[1];
            }
            path[k++] = t.x();
            path[k] = t.y();
            return path;
        }

        private double heuristic(int i, int j, int ti, int tj) {
            return Math.abs(xs[i] - xs[ti]) + Math.abs(ys[j] - ys[tj]);
        }

        private static double clamp(double v, double lo, double hi) {
            return Math.max(lo, Math.min(hi, v));
        }

        /** Sorted distinct coordinates, with the middle of each gap between them added as a channel (flag 1). */
        private static double[][] withChannels(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            List<double[]> out = new ArrayList<>();
            for (double d : v) {
                if (out.isEmpty() || d - out.get(out.size() - 1)[0] > EPS) {
                    if (!out.isEmpty() && d - out.get(out.size() - 1)[0] > 4 * MARGIN) {
                        out.add(new double[] {(d + out.get(out.size() - 1)[0]) / 2, 1});
                    }
                    out.add(new double[] {d, 0});
                }
            }
            double[][] r = new double[2][out.size()];
            for (int i = 0; i < out.size(); i++) {
                r[0][i] = out.get(i)[0];
                r[1][i] = out.get(i)[1];
            }
            return r;
        }

        private static int find(double[] a, double v) {
            int lo = 0;
            int hi = a.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Math.abs(a[mid] - v) <= EPS) {
                    return mid;
                }
                if (a[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -1;
        }

        private static int firstAbove(double[] a, double v) {
            int i = Arrays.binarySearch(a, v);
            return i >= 0 ? i + 1 : -i - 1;
        }

        private static int lastBelow(double[] a, double v) {
            int i = Arrays.binarySearch(a, v);
            return i >= 0 ? i - 1 : -i - 2;
        }
    }

    /** A binary min-heap of states by key. */
    private static final class Heap {
        private int[] states;
        private double[] keys;
        private int size;

        Heap(int capacity) {
            states = new int[Math.max(16, capacity)];
            keys = new double[states.length];
        }

        boolean isEmpty() {
            return size == 0;
        }

        double peekKey() {
            return keys[0];
        }

        void push(int state, double key) {
            if (size == states.length) {
                states = Arrays.copyOf(states, 2 * size);
                keys = Arrays.copyOf(keys, 2 * size);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (keys[parent] <= key) {
                    break;
                }
                states[i] = states[parent];
                keys[i] = keys[parent];
                i = parent;
            }
            states[i] = state;
            keys[i] = key;
        }

        int pop() {
            int top = states[0];
            size--;
            int last = states[size];
            double key = keys[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                states[i] = states[child];
                keys[i] = keys[child];
                i = child;
            }
            states[i] = last;
            keys[i] = key;
            return top;
        }
    }
}
