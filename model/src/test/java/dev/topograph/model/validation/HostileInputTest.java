package dev.topograph.model.validation;

import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strings an attacker (or a careless paste) could put in a design. Each must be stopped as a
 * TOPO001 error before it reaches a template; the whole validator runs, so no other rule may
 * trip over them either.
 */
class HostileInputTest {

    static Stream<String> hostileIds() {
        return Stream.of(
                "../../x",
                "a\"; os.Exit(1) //",
                "{{.}}",
                "a".repeat(64),
                "sérvice",
                "",
                "-orders",
                "orders-",
                "Orders",
                "or ders",
                "orders\n",
                "orders/x",
                "or.ders",
                "or_ders",
                "${HOME}",
                "$(rm -rf ~)",
                "<script>",
                "ｏｒｄｅｒｓ",
                "\u043erders", // Cyrillic о
                "orders\u0000",
                "\u202eorders",
                "💥");
    }

    static Stream<String> hostilePaths() {
        return Stream.of(
                "/a/../b",
                "/..",
                "/./x",
                "/x/..",
                "/..%2f",
                "/%2e%2e/x",
                "orders",
                "",
                "/a b",
                "/{{.}}",
                "/x\"; os.Exit(1) //",
                "/sérvice",
                "//",
                "/a//b",
                "/a?b=1",
                "/a#x",
                "/" + "a".repeat(200),
                "/orders/{id",
                "/orders/{1d}",
                "/orders/{id}x",
                "/orders/{$}",
                "/orders/{id}/lines/{id}",
                "/orders\n",
                "\\orders");
    }

    static Stream<String> hostileRoutes() {
        return Stream.of("/..", "/a/../b", "/a/.", "../x", "/a b", "/{id}", "", "orders", "/a?x", "/sérvice",
                "/a\"; os.Exit(1) //", "/{{.}}", "//", "/orders//", "/" + "a".repeat(200));
    }

    static Stream<String> hostileTopics() {
        return Stream.of("order created", "", "order..created", ".order", "order.", "a\"b", "{{.}}", "sérvice",
                "a/b", "*", ">", "order.*", "order.>", "$SYS.x", "order\ncreated", "t".repeat(201));
    }

    static Stream<String> hostileMethods() {
        return Stream.of("get", "TRACE", "CONNECT", "GET /x", "", "G\u0000ET", "GET\"");
    }

    static Stream<String> hostileDisplayNames() {
        return Stream.of("", " Sales", "{{.}}", "a\"b", "Ünïcode", "A".repeat(64), "Sales\n", "<b>Sales</b>", "Sales; DROP");
    }

    static Stream<String> hostileModules() {
        return Stream.of("../x", "example.com/../x", "example.com/./x", "Example.com/x", "example.com/a b", "",
                "{{.}}", "example.com/x\"", "/abs/path", "example.com//x", "example.com/sérvice");
    }

    /** The whole validator's TOPO001 diagnostics must include an error about the value, on the given ids. */
    private static void assertRejected(Topology t, String value, List<String> elementIds) {
        List<Diagnostic> found = new Validator().validate(t);
        assertThat(found).filteredOn(d -> d.code().equals("TOPO001"))
                .as("TOPO001 for %s", Names.show(value))
                .anySatisfy(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.ERROR);
                    assertThat(d.elementIds()).isEqualTo(elementIds);
                    assertThat(d.message()).contains(Names.show(value)).contains("not valid");
                });
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void hostileServiceIdsAreRejected(String id) {
        Topology t = topology().gateway("gw").service(id).route("gw", id, "/x").build();

        assertRejected(t, id, List.of(id));
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void hostileIdsAreRejectedOnEveryKindOfNode(String id) {
        for (NodeKind kind : NodeKind.values()) {
            assertRejected(topology().node(id, kind).build(), id, List.of(id));
        }
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void hostileContextIdsAreRejected(String id) {
        Topology t = topology().context(id, "Sales").service("orders", id).build();

        assertRejected(t, id, List.of(id));
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void hostileEdgeIdsAreRejected(String id) {
        Topology t = topology().service("a").service("b").edgeWithId(id, "a", "b", EdgeKind.HTTP).build();

        assertRejected(t, id, List.of(id));
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void hostileTopologyNamesAreRejected(String name) {
        Topology t = topology().name(name).module("example.com/shop").build();

        assertRejected(t, name, List.of());
    }

    @ParameterizedTest
    @MethodSource("hostilePaths")
    void hostileEndpointPathsAreRejected(String path) {
        Topology t = topology().serviceWithEndpoints("orders", "GET " + path).build();

        assertRejected(t, path, List.of("orders"));
    }

    @ParameterizedTest
    @MethodSource("hostileRoutes")
    void hostileRoutesAreRejected(String route) {
        Edge edge = Edge.route("gw", "orders", route);
        Topology t = topology().gateway("gw").service("orders").edge(edge).build();

        assertRejected(t, route, List.of(edge.key()));
    }

    @ParameterizedTest
    @MethodSource("hostileTopics")
    void hostileTopicsAreRejected(String topic) {
        Edge publish = Edge.topic("orders", "q", EdgeKind.PUBLISH, topic);
        Edge subscribe = Edge.topic("q", "billing", EdgeKind.SUBSCRIBE, topic);
        Topology t = topology().service("orders").service("billing").queue("q").edge(publish).edge(subscribe).build();

        assertRejected(t, topic, List.of(publish.key()));
        assertRejected(t, topic, List.of(subscribe.key()));
    }

    @ParameterizedTest
    @MethodSource("hostileMethods")
    void hostileHttpMethodsAreRejected(String method) {
        Topology t = topology().node(ServiceNode.of("orders", 8081)
                .withEndpoints(List.of(new Endpoint(method, "/orders")))).build();

        assertRejected(t, method, List.of("orders"));
    }

    @ParameterizedTest
    @MethodSource("hostileDisplayNames")
    void hostileContextNamesAreRejected(String name) {
        Topology t = topology().context("sales", name).build();

        assertRejected(t, name, List.of("sales"));
    }

    @ParameterizedTest
    @MethodSource("hostileModules")
    void hostileModulePathsAreRejected(String module) {
        Topology t = topology().module(module).build();

        assertRejected(t, module, List.of());
    }

    @ParameterizedTest
    @EnumSource(value = EdgeKind.class, names = {"PUBLISH", "SUBSCRIBE"})
    void aHostileTopicIsRejectedEvenOnAnEdgeThatCannotExist(EdgeKind kind) {
        Edge edge = new Edge(Optional.empty(), "a", "b", kind, Optional.empty(), Optional.of("{{.}}"));
        Topology t = topology().service("a").service("b").edge(edge).build();

        assertRejected(t, "{{.}}", List.of(edge.key()));
    }
}
