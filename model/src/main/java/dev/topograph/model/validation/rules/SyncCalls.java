package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Node;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The graph of synchronous calls, shared by the cycle and call-chain rules. */
final class SyncCalls {
    private SyncCalls() {
    }

    /**
     * Groups of nodes that reach each other through synchronous calls (Tarjan's strongly
     * connected components, iterative so deep graphs cannot overflow the stack), each in call order
     * from its first node in file order.
     */
    static List<List<String>> cycles(TopologyGraph graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (Node start : graph.nodes()) {
            if (index.containsKey(start.id())) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start.id(), 0});
            index.put(start.id(), counter[0]);
            low.put(start.id(), counter[0]++);
            stack.push(start.id());
            onStack.add(start.id());
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                List<Edge> calls = graph.syncCalls(v);
                int i = (Integer) frame[1];
                if (i < calls.size()) {
                    frame[1] = i + 1;
                    String w = calls.get(i).to();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        String parent = (String) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        List<String> component = new ArrayList<>();
                        String w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (!w.equals(v));
                        if (component.size() > 1) {
                            components.add(callOrder(graph, Set.copyOf(component)));
                        }
                    }
                }
            }
        }
        return components;
    }

    /** Walks the component along its calls from its first node in file order. */
    private static List<String> callOrder(TopologyGraph graph, Set<String> members) {
        String first = graph.nodes().stream().map(Node::id).filter(members::contains).findFirst().orElseThrow();
        List<String> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(first);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (!seen.add(v)) {
                continue;
            }
            order.add(v);
            List<Edge> calls = graph.syncCalls(v);
            for (int i = calls.size() - 1; i >= 0; i--) {
                if (members.contains(calls.get(i).to())) {
                    todo.push(calls.get(i).to());
                }
            }
        }
        return order;
    }

    /** The call from the last node of the cycle back to an earlier one: the one to break. */
    static Edge closingEdge(TopologyGraph graph, List<String> cycle) {
        Set<String> members = Set.copyOf(cycle);
        for (int i = cycle.size() - 1; i >= 0; i--) {
            for (Edge e : graph.syncCalls(cycle.get(i))) {
                if (members.contains(e.to()) && cycle.indexOf(e.to()) < i) {
                    return e;
                }
            }
        }
        return graph.syncCalls(cycle.get(0)).stream().filter(e -> members.contains(e.to())).findFirst().orElseThrow();
    }
}
