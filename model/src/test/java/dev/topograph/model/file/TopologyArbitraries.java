package dev.topograph.model.file;

import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.Framework;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random valid topologies for property tests: every node kind, engine and framework, ids that are
 * DNS-1123 labels, layouts with any finite coordinate, contexts, and edges only between the node
 * kinds their kind may join, with optional ids, routes and topics. Free text (names, paths,
 * routes, topics) is any Unicode, so that escaping is exercised too.
 */
final class TopologyArbitraries {
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** jqwik favours short lists; a topology test wants as many big ones as small ones. */
    private static final RandomDistribution UNIFORM = RandomDistribution.uniform();

    private TopologyArbitraries() {
    }

    /*
     * Nodes depend on the contexts and edges on the nodes. Drafts completed once all parts exist do
     * that without flatMap; and the lists have no edge cases, because jqwik mixes them in so often
     * (the empty list above all) that half the topologies would otherwise be empty.
     */
    static Arbitrary<Topology> topologies() {
        return Combinators.combine(text(), text(), contexts(),
                        nodeDrafts().list().ofMaxSize(12).withSizeDistribution(UNIFORM).edgeCases(c -> c.none()),
                        edgeDrafts().list().ofMaxSize(15).withSizeDistribution(UNIFORM).edgeCases(c -> c.none()))
                .as((name, module, contexts, nodeDrafts, edgeDrafts) -> {
                    List<String> contextIds = contexts.stream().map(BoundedContext::id).toList();
                    Map<String, Node> nodes = new LinkedHashMap<>();
                    nodeDrafts.forEach(draft -> {
                        Node node = draft.apply(contextIds);
                        nodes.putIfAbsent(node.id(), node);
                    });
                    List<Link> links = links(List.copyOf(nodes.values()));
                    List<Edge> edges = links.isEmpty() ? List.of()
                            : edgeDrafts.stream().map(draft -> draft.complete(links)).toList();
                    return new Topology(name, module, contexts, List.copyOf(nodes.values()), edges);
                });
    }

    /** A DNS-1123 label: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most 63 characters. */
    static Arbitrary<String> ids() {
        Arbitrary<Character> alnum = Arbitraries.chars().with(ALNUM);
        Arbitrary<String> single = alnum.map(String::valueOf);
        Arbitrary<String> longer = Combinators.combine(alnum, Arbitraries.strings().withChars(ALNUM + "-").ofMaxLength(61), alnum)
                .as((first, middle, last) -> first + middle + last);
        return Arbitraries.oneOf(single, longer);
    }

    /** Any Unicode text without lone surrogates (which UTF-8 cannot carry): quotes, backslashes, controls, emoji. */
    static Arbitrary<String> text() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0x00, 0x1F)),
                Tuple.of(1, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        Arbitrary<String> anyText = codePoints.list().ofMaxSize(16).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
        Arbitrary<String> usual = Arbitraries.of("shop", "example.com/shop", "/orders", "/orders/{id}",
                "order.created", "Ordering", "", "\"", "\\", "/", "\u2028");
        return Arbitraries.frequencyOf(Tuple.of(3, anyText), Tuple.of(1, usual));
    }

    /** Canvas coordinates: whole numbers, fractions, and any finite double at all, -0.0 included. */
    static Arbitrary<Double> coordinates() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(-5000, 5000).map(Integer::doubleValue)),
                Tuple.of(3, Arbitraries.doubles().between(-1e6, 1e6).ofScale(6)),
                Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite)),
                Tuple.of(1, Arbitraries.of(0.0, -0.0, 0.1, 1e-7, 1e15, 1e15 + 0.5, 1e21, -Double.MAX_VALUE,
                        Double.MIN_VALUE, Double.MIN_NORMAL)));
    }

    static Arbitrary<Layout> layouts() {
        return Combinators.combine(coordinates(), coordinates()).as(Layout::new);
    }

    private static Arbitrary<List<BoundedContext>> contexts() {
        return Combinators.combine(ids(), text()).as(BoundedContext::new).list().ofMaxSize(4)
                .withSizeDistribution(UNIFORM).uniqueElements(BoundedContext::id);
    }

    /** A node still to be put in one of the contexts there will be, or in none. */
    private static Arbitrary<Function<List<String>, Node>> nodeDrafts() {
        Arbitrary<Integer> contextChoice = Arbitraries.integers().between(-2, 3);
        Arbitrary<Optional<Layout>> layout = layouts().optional(0.8);
        Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
        Arbitrary<Endpoint> endpoint = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE"), text()), text())
                .as(Endpoint::new);
        Arbitrary<Function<List<String>, Node>> service = Combinators.combine(ids(), contextChoice, port,
                        Arbitraries.of(Framework.class), Arbitraries.integers().between(1, ServiceNode.MAX_REPLICAS),
                        endpoint.list().ofMaxSize(4), layout)
                .as((id, c, p, framework, replicas, endpoints, l) -> contexts -> new ServiceNode(id, pick(contexts, c), p,
                        framework, replicas, endpoints, l));
        Arbitrary<Function<List<String>, Node>> gateway = Combinators.combine(ids(), contextChoice, port, layout)
                .as((id, c, p, l) -> contexts -> new GatewayNode(id, pick(contexts, c), p, l));
        Arbitrary<Function<List<String>, Node>> infra = Combinators.combine(ids(), contextChoice,
                        Arbitraries.of(Engine.class), layout)
                .as((id, c, engine, l) -> contexts -> new InfraNode(id, engine.kind(), pick(contexts, c), engine, l));
        return Arbitraries.frequencyOf(Tuple.of(3, service), Tuple.of(1, gateway), Tuple.of(3, infra));
    }

    /** Negative choices and choices past the end mean no context. */
    private static Optional<String> pick(List<String> contextIds, int choice) {
        return choice >= 0 && choice < contextIds.size() ? Optional.of(contextIds.get(choice)) : Optional.empty();
    }

    private record Link(String from, String to, EdgeKind kind) {
    }

    /** Every edge the nodes allow: each pair of nodes with each edge kind that may join their kinds. */
    private static List<Link> links(List<Node> nodes) {
        List<Link> links = new ArrayList<>();
        for (Node from : nodes) {
            for (Node to : nodes) {
                EdgeKind.between(from.kind(), to.kind()).forEach(kind -> links.add(new Link(from.id(), to.id(), kind)));
            }
        }
        return links;
    }

    /** An edge still to be laid along one of the links there will be. */
    private record EdgeDraft(int link, Optional<String> id, Optional<String> routeOrTopic) {
        Edge complete(List<Link> links) {
            Link l = links.get(link % links.size());
            boolean message = l.kind() == EdgeKind.PUBLISH || l.kind() == EdgeKind.SUBSCRIBE;
            return new Edge(id, l.from(), l.to(), l.kind(),
                    l.kind().isSynchronous() ? routeOrTopic : Optional.empty(),
                    message ? routeOrTopic : Optional.empty());
        }
    }

    private static Arbitrary<EdgeDraft> edgeDrafts() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), ids().optional(0.3),
                text().optional(0.6)).as(EdgeDraft::new);
    }
}
