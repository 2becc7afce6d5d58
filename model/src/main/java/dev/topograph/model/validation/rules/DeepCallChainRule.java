package dev.topograph.model.validation.rules;

import dev.topograph.model.command.Refactorings;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.QuickFix;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TOPO021: a request should not wait on a chain of more than {@value #MAX_HOPS} synchronous
 * calls; latencies add up and availabilities multiply. Cycles are TOPO020's and are skipped here.
 */
public final class DeepCallChainRule implements Rule {
    public static final int MAX_HOPS = 3;

    @Override
    public String code() {
        return "TOPO021";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String title() {
        return "Synchronous call chain deeper than " + MAX_HOPS + " hops";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        Set<String> cyclic = new HashSet<>();
        SyncCalls.cycles(graph).forEach(cyclic::addAll);
        Map<String, Integer> depth = new HashMap<>();
        Map<String, Edge> next = new HashMap<>();
        for (Node n : graph.nodes()) {
            if (!cyclic.contains(n.id())) {
                measure(graph, n.id(), cyclic, depth, next);
            }
        }
        List<Diagnostic> found = new ArrayList<>();
        for (Node root : graph.nodes()) {
            boolean isRoot = !cyclic.contains(root.id())
                    && graph.incoming(root.id()).stream().noneMatch(e -> e.kind().isSynchronous() && graph.isWellFormed(e));
            if (!isRoot || depth.getOrDefault(root.id(), 0) <= MAX_HOPS) {
                continue;
            }
            List<String> chain = new ArrayList<>();
            List<Edge> hops = new ArrayList<>();
            chain.add(root.id());
            for (String v = root.id(); next.containsKey(v); v = next.get(v).to()) {
                hops.add(next.get(v));
                chain.add(next.get(v).to());
            }
            String message = "A request waits on " + hops.size() + " synchronous calls in a row ("
                    + String.join(" → ", chain) + "): latencies add up and every hop can fail it. "
                    + "Consider a queue for work that need not finish before the answer.";
            // The first hop past the limit: breaking it brings this chain within the limit in one fix.
            Edge breakAt = hops.get(MAX_HOPS);
            boolean fixable = graph.node(breakAt.from()).map(n -> n.kind() == NodeKind.SERVICE).orElse(false);
            found.add(fixable
                    ? problem(chain, message, new QuickFix("Replace " + breakAt.from() + " → " + breakAt.to()
                            + " with a queue", Refactorings.replaceCallWithQueue(breakAt.key())))
                    : problem(chain, message));
        }
        return found;
    }

    /** Longest chain of calls from {@code start}, iteratively (post-order), memoised in {@code depth}. */
    private static void measure(TopologyGraph graph, String start, Set<String> cyclic,
            Map<String, Integer> depth, Map<String, Edge> next) {
        if (depth.containsKey(start)) {
            return;
        }
        Deque<String> stack = new ArrayDeque<>();
        Set<String> expanded = new HashSet<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            String v = stack.peek();
            if (depth.containsKey(v)) {
                stack.pop();
                continue;
            }
            List<Edge> calls = graph.syncCalls(v).stream().filter(e -> !cyclic.contains(e.to())).toList();
            if (expanded.add(v)) {
                for (Edge e : calls) {
                    if (!depth.containsKey(e.to())) {
                        stack.push(e.to());
                    }
                }
                continue;
            }
            stack.pop();
            int best = 0;
            for (Edge e : calls) {
                int d = 1 + depth.getOrDefault(e.to(), 0);
                if (d > best) {
                    best = d;
                    next.put(v, e);
                }
            }
            depth.put(v, best);
        }
    }
}
