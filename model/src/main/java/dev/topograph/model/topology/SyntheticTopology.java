package dev.topograph.model.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Large, valid-shaped topologies for benchmarks and stress tests: gateways route to services,
 * services call later services (no cycles), publish to queues that other services subscribe to,
 * and own one store each. The same size and seed always give the same topology.
 */
public final class SyntheticTopology {
    private SyntheticTopology() {
    }

    public static Topology generate(int nodeCount, int edgeCount, long seed) {
        Random random = new Random(seed);
        int gateways = Math.max(1, nodeCount / 100);
        int queues = Math.max(1, nodeCount / 10);
        int stores = Math.max(1, nodeCount * 3 / 10);
        int services = Math.max(1, nodeCount - gateways - queues - stores);
        List<BoundedContext> contexts = new ArrayList<>();
        for (int c = 0; c < Math.max(1, services / 20); c++) {
            contexts.add(new BoundedContext("ctx-" + c, "Context " + c));
        }
        List<Node> nodes = new ArrayList<>(nodeCount);
        List<Edge> edges = new ArrayList<>(edgeCount);
        int columns = (int) Math.ceil(Math.sqrt(nodeCount));
        int port = 20000;
        for (int g = 0; g < gateways; g++) {
            nodes.add(new GatewayNode("gw-" + g, Optional.empty(), port++, at(nodes.size(), columns)));
        }
        for (int s = 0; s < services; s++) {
            List<Endpoint> endpoints = List.of(new Endpoint("GET", "/s" + s), new Endpoint("POST", "/s" + s));
            nodes.add(new ServiceNode("svc-" + s, Optional.of(contexts.get(s % contexts.size()).id()), port++,
                    Framework.NETHTTP, 1, endpoints, at(nodes.size(), columns)));
        }
        for (int q = 0; q < queues; q++) {
            nodes.add(new InfraNode("queue-" + q, NodeKind.QUEUE, Optional.empty(), Engine.NATS, at(nodes.size(), columns)));
        }
        for (int d = 0; d < stores; d++) {
            NodeKind kind = d % 2 == 0 ? NodeKind.DATABASE : NodeKind.CACHE;
            nodes.add(new InfraNode("store-" + d, kind, Optional.empty(), Engine.defaultFor(kind).orElseThrow(),
                    at(nodes.size(), columns)));
        }
        for (int s = 0; s < services && edges.size() < edgeCount; s++) {
            if (s < stores) {
                NodeKind kind = s % 2 == 0 ? NodeKind.DATABASE : NodeKind.CACHE;
                edges.add(Edge.of("svc-" + s, "store-" + s, kind == NodeKind.DATABASE ? EdgeKind.DB : EdgeKind.CACHE));
            }
            edges.add(Edge.route("gw-" + (s % gateways), "svc-" + s, "/s" + s));
        }
        for (int q = 0; q < queues && edges.size() + 1 < edgeCount; q++) {
            String topic = "topic." + q;
            edges.add(Edge.topic("svc-" + random.nextInt(services), "queue-" + q, EdgeKind.PUBLISH, topic));
            edges.add(Edge.topic("queue-" + q, "svc-" + random.nextInt(services), EdgeKind.SUBSCRIBE, topic));
        }
        while (edges.size() < edgeCount && services > 1) {
            int from = random.nextInt(services - 1);
            int to = from + 1 + random.nextInt(Math.min(5, services - from - 1));
            edges.add(new Edge(Optional.of("call-" + edges.size()), "svc-" + from, "svc-" + to, EdgeKind.HTTP,
                    Optional.empty(), Optional.empty()));
        }
        return new Topology("synthetic", "example.com/synthetic", contexts, nodes, edges);
    }

    private static Optional<Layout> at(int index, int columns) {
        return Optional.of(new Layout((index % columns) * 200.0, (index / columns) * 120.0));
    }
}
