package dev.topograph.model.validation;

import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Test fixtures for the validation rules: a terse builder for topologies drawn in code, and
 * shortcuts to run one rule or the whole validator over them.
 */
public final class Topologies {
    private Topologies() {
    }

    /** A new, empty design called {@code test}. */
    public static Builder topology() {
        return new Builder("test");
    }

    /** The diagnostics one rule finds in the topology. */
    public static List<Diagnostic> check(Rule rule, Topology topology) {
        return rule.check(new TopologyGraph(topology));
    }

    /** The diagnostics of the whole validator with the given code. */
    public static List<Diagnostic> validate(Topology topology, String code) {
        return new Validator().validate(topology).stream().filter(d -> d.code().equals(code)).toList();
    }

    /** The codes of the diagnostics, in order. */
    public static List<String> codes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::code).toList();
    }

    /**
     * Builds a topology node by node and edge by edge. Services and gateways get distinct
     * ports from 8080 upward unless one is given; everything is appended in call order.
     */
    public static final class Builder {
        private String name;
        private String module;
        private final List<BoundedContext> contexts = new ArrayList<>();
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();
        private int nextPort = 8080;

        private Builder(String name) {
            this.name = name;
            this.module = "example.com/" + name;
        }

        public Builder name(String newName) {
            this.name = newName;
            return this;
        }

        public Builder module(String newModule) {
            this.module = newModule;
            return this;
        }

        /** A bounded context whose display name is its id. */
        public Builder context(String id) {
            return context(id, id);
        }

        public Builder context(String id, String displayName) {
            contexts.add(new BoundedContext(id, displayName));
            return this;
        }

        public Builder gateway(String id) {
            return node(GatewayNode.of(id, nextPort++));
        }

        public Builder service(String id) {
            return node(ServiceNode.of(id, nextPort++));
        }

        /** A service in a bounded context (which must also be declared with {@link #context}). */
        public Builder service(String id, String context) {
            return node(ServiceNode.of(id, nextPort++).withContext(Optional.of(context)));
        }

        public Builder serviceOnPort(String id, int port) {
            return node(ServiceNode.of(id, port));
        }

        /** A service with endpoints written as Go mux patterns: {@code "GET /orders/{id}"}. */
        public Builder serviceWithEndpoints(String id, String... patterns) {
            List<Endpoint> endpoints = Arrays.stream(patterns).map(p -> {
                int space = p.indexOf(' ');
                return new Endpoint(p.substring(0, space), p.substring(space + 1));
            }).toList();
            return node(ServiceNode.of(id, nextPort++).withEndpoints(endpoints));
        }

        public Builder database(String id) {
            return node(InfraNode.of(id, NodeKind.DATABASE));
        }

        public Builder database(String id, String context) {
            return node(InfraNode.of(id, NodeKind.DATABASE).withContext(Optional.of(context)));
        }

        public Builder cache(String id) {
            return node(InfraNode.of(id, NodeKind.CACHE));
        }

        public Builder cache(String id, String context) {
            return node(InfraNode.of(id, NodeKind.CACHE).withContext(Optional.of(context)));
        }

        public Builder queue(String id) {
            return node(InfraNode.of(id, NodeKind.QUEUE));
        }

        /** A node of any kind, with its default settings. */
        public Builder node(String id, NodeKind kind) {
            return switch (kind) {
                case SERVICE -> service(id);
                case GATEWAY -> gateway(id);
                case QUEUE, CACHE, DATABASE -> node(InfraNode.of(id, kind));
            };
        }

        public Builder node(Node node) {
            nodes.add(node);
            return this;
        }

        /** A gateway route: an http edge carrying a path prefix. */
        public Builder route(String gateway, String service, String prefix) {
            return edge(Edge.route(gateway, service, prefix));
        }

        public Builder http(String from, String to) {
            return edge(Edge.of(from, to, EdgeKind.HTTP));
        }

        public Builder grpc(String from, String to) {
            return edge(Edge.of(from, to, EdgeKind.GRPC));
        }

        /** A chain of http calls through every id in turn. */
        public Builder calls(String... chain) {
            for (int i = 0; i + 1 < chain.length; i++) {
                http(chain[i], chain[i + 1]);
            }
            return this;
        }

        public Builder publish(String service, String queue, String topic) {
            return edge(Edge.topic(service, queue, EdgeKind.PUBLISH, topic));
        }

        public Builder subscribe(String queue, String service, String topic) {
            return edge(Edge.topic(queue, service, EdgeKind.SUBSCRIBE, topic));
        }

        public Builder db(String service, String database) {
            return edge(Edge.of(service, database, EdgeKind.DB));
        }

        public Builder uses(String service, String cache) {
            return edge(Edge.of(service, cache, EdgeKind.CACHE));
        }

        public Builder edge(String from, String to, EdgeKind kind) {
            return edge(Edge.of(from, to, kind));
        }

        /** An edge with an explicit id, which is then how it is known. */
        public Builder edgeWithId(String id, String from, String to, EdgeKind kind) {
            return edge(new Edge(Optional.of(id), from, to, kind, Optional.empty(), Optional.empty()));
        }

        public Builder edge(Edge edge) {
            edges.add(edge);
            return this;
        }

        public Topology build() {
            return new Topology(name, module, contexts, nodes, edges);
        }
    }
}
