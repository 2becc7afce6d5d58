package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.Framework;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration suite: a design is generated, the user edits files that are theirs, the design
 * changes, and the tree is regenerated in place. After every change, nothing is refused, every
 * line the user wrote is still there byte for byte, and the tree is formatted, vetted, built and
 * tested by the real Go toolchain, without the user touching a file of theirs.
 *
 * <p>Scenarios are data ({@link Scenario}): a name, the files the user edits first, and the design
 * change. They run in chains, each on one tree, the way a design evolves; a chain stops at its first
 * failure, since every later step stands on it. To keep the suite fast, Go vets, builds and tests
 * only the modules whose files (or whose replaced modules' files) differ from every state that
 * passed before, anywhere in the suite: identical bytes give identical results. Needs {@code go} on
 * PATH; CI ({@code CI=true}) fails without it, elsewhere the suite is skipped.
 * {@code -Dregeneration.chains=events,grpc} runs only the chains named.
 */
class RegenerationSuiteTest {
    private static final String MODULE = "example.com/mig";

    /** Modules (by the hash of everything their build reads) that passed vet, build and test. */
    private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();
    private static final Map<String, Long> MILLIS = new LinkedHashMap<>();
    private static final Map<String, Long> COMMAND_MILLIS = new ConcurrentHashMap<>();
    private static long suiteStart;

    @TempDir
    static Path work;

    /**
     * One design change.
     *
     * @param edits   user-owned files (relative to the code folder) the user edits before the change
     * @param orphans user files the change leaves unused: they stay, and are reported
     * @param setAside user files the change leaves unable to work where they are (a gRPC method's file,
     *     SQL for the engine the database had before): moved (key) to a folder nothing builds or runs
     *     (value), and reported there
     * @param removed files the change must take away (generated, or the user's and never edited)
     * @param outdated user files kept though the design now means them for something else: reported
     */
    record Scenario(String name, List<String> edits, UnaryOperator<Topology> change, List<String> orphans,
            Map<String, String> setAside, List<String> removed, List<String> outdated) {

        static Scenario of(String name, List<String> edits, UnaryOperator<Topology> change) {
            return new Scenario(name, edits, change, List.of(), Map.of(), List.of(), List.of());
        }

        Scenario orphaning(String... paths) {
            return new Scenario(name, edits, change, List.of(paths), setAside, removed, outdated);
        }

        Scenario outdating(String... paths) {
            return new Scenario(name, edits, change, orphans, setAside, removed, List.of(paths));
        }

        /** The user's files the change leaves unable to work, each to {@code _orphaned/} beside it. */
        Scenario settingAside(String... paths) {
            Map<String, String> moves = new LinkedHashMap<>(setAside);
            for (String p : paths) {
                int slash = p.lastIndexOf('/');
                moves.put(p, p.substring(0, slash + 1) + "_orphaned" + p.substring(slash));
            }
            return new Scenario(name, edits, change, orphans, moves, removed, outdated);
        }

        /** Like {@link #settingAside}, to a name of its own ({@code _orphaned/} already has one). */
        Scenario settingAsideAs(String path, String to) {
            Map<String, String> moves = new LinkedHashMap<>(setAside);
            moves.put(path, to);
            return new Scenario(name, edits, change, orphans, moves, removed, outdated);
        }

        Scenario removing(String... paths) {
            return new Scenario(name, edits, change, orphans, setAside, List.of(paths), outdated);
        }
    }

    /** A starting design and the changes made to it one after another, on one tree. */
    record Chain(String name, Topology start, List<Scenario> steps) {
    }

    // ---------------------------------------------------------------- the designs and their changes

    private static final String ORDERS_H = "services/orders/internal/handlers/";
    private static final String SHIPPING_H = "services/shipping/internal/handlers/";
    private static final String BILLING_H = "services/billing/internal/handlers/";
    private static final String INVOICING_H = "services/invoicing/internal/handlers/";
    private static final String STOCK_H = "services/stock/internal/handlers/";
    private static final String PRICING_H = "services/pricing/internal/handlers/";
    private static final String ORDERS_SQL = "services/orders/internal/store/migrations/001_items.sql";
    private static final String ORDERS_SQL_ASIDE = "services/orders/internal/store/migrations/_orphaned/";

    /**
     * gw → orders (net/http, postgres, publishes order.created on nats) and shipping (gin, subscribes
     * to order.created).
     */
    static Topology shop() {
        return new Topology("mig", MODULE, List.of(),
                List.of(GatewayNode.of("gw", 9200),
                        service("orders", 9201, Framework.NETHTTP, "GET /orders", "POST /orders", "GET /orders/{id}"),
                        service("shipping", 9202, Framework.GIN, "GET /shipments", "POST /shipments"),
                        InfraNode.of("orders-db", NodeKind.DATABASE),
                        InfraNode.of("bus", NodeKind.QUEUE)),
                List.of(Edge.route("gw", "orders", "/orders"),
                        Edge.route("gw", "shipping", "/shipments"),
                        Edge.of("orders", "orders-db", EdgeKind.DB),
                        Edge.topic("orders", "bus", EdgeKind.PUBLISH, "order.created"),
                        Edge.topic("bus", "shipping", EdgeKind.SUBSCRIBE, "order.created")));
    }

    /** The shop with a cache for orders: every kind of data store in use. */
    static Topology shopWithCache() {
        return both(addNode(InfraNode.of("orders-cache", NodeKind.CACHE)),
                addEdge(Edge.of("orders", "orders-cache", EdgeKind.CACHE))).apply(shop());
    }

    /** gw → checkout -grpc→ stock; pricing on its own. */
    static Topology grpc() {
        return new Topology("mig", MODULE, List.of(),
                List.of(GatewayNode.of("gw", 9200),
                        service("checkout", 9211, Framework.NETHTTP, "POST /checkout", "GET /checkout/{id}"),
                        service("stock", 9212, Framework.GIN, "GET /stock", "POST /stock", "GET /stock/{sku}"),
                        service("pricing", 9213, Framework.NETHTTP, "GET /prices/{sku}")),
                List.of(Edge.route("gw", "checkout", "/checkout"),
                        Edge.route("gw", "pricing", "/prices"),
                        Edge.of("checkout", "stock", EdgeKind.GRPC)));
    }

    static List<Chain> chains() {
        return List.of(
                new Chain("endpoints", shop(), List.of(
                        Scenario.of("add a PUT endpoint", List.of(ORDERS_H + "get_orders.go"),
                                addEndpoint("orders", "PUT /orders/{id}")),
                        Scenario.of("add a PATCH endpoint", List.of(ORDERS_H + "put_orders_by_id.go"),
                                addEndpoint("orders", "PATCH /orders/{id}")),
                        Scenario.of("add a DELETE endpoint to a gin service", List.of(SHIPPING_H + "get_shipments.go"),
                                addEndpoint("shipping", "DELETE /shipments/{id}")),
                        Scenario.of("add a GET item endpoint to a gin service", List.of(SHIPPING_H + "post_shipments.go"),
                                addEndpoint("shipping", "GET /shipments/{id}")),
                        Scenario.of("add a POST endpoint on a new collection", List.of(),
                                addEndpoint("orders", "POST /returns")),
                        Scenario.of("rename an endpoint's path", List.of(ORDERS_H + "post_orders.go"),
                                renameEndpoint("orders", "GET /orders/{id}", "GET /orders/{orderId}"))
                                .removing(ORDERS_H + "get_orders_by_id.go"),
                        // Same handler, same file; but the code the user kept reads r.PathValue("orderId").
                        Scenario.of("rename an edited endpoint's wildcard", List.of(ORDERS_H + "get_orders_by_order_id.go"),
                                renameEndpoint("orders", "GET /orders/{orderId}", "GET /orders/{order_id}"))
                                .outdating(ORDERS_H + "get_orders_by_order_id.go"),
                        Scenario.of("rename an edited PUT endpoint", List.of(ORDERS_H + "put_orders_by_id.go"),
                                renameEndpoint("orders", "PUT /orders/{id}", "PUT /orders/{orderId}"))
                                .orphaning(ORDERS_H + "put_orders_by_id.go"),
                        Scenario.of("change an edited endpoint's method", List.of(ORDERS_H + "patch_orders_by_id.go"),
                                renameEndpoint("orders", "PATCH /orders/{id}", "DELETE /orders/{id}"))
                                .orphaning(ORDERS_H + "patch_orders_by_id.go"),
                        Scenario.of("remove an edited DELETE endpoint", List.of(SHIPPING_H + "delete_shipments_by_id.go"),
                                removeEndpoint("shipping", "DELETE /shipments/{id}"))
                                .orphaning(SHIPPING_H + "delete_shipments_by_id.go"),
                        Scenario.of("remove an untouched endpoint", List.of(),
                                removeEndpoint("shipping", "GET /shipments/{id}"))
                                .removing(SHIPPING_H + "get_shipments_by_id.go"),
                        Scenario.of("remove a service's last endpoints", List.of(SHIPPING_H + "on_order_created.go"),
                                both(removeEndpoint("shipping", "GET /shipments"),
                                        removeEndpoint("shipping", "POST /shipments"),
                                        removeEdge("gw->shipping:http")))
                                .orphaning(SHIPPING_H + "get_shipments.go", SHIPPING_H + "post_shipments.go"))),
                new Chain("events", shop(), List.of(
                        // The case: nobody edited anything (it broke with "c.handleShipDeparted undefined").
                        Scenario.of("add a subscription to an existing subscriber nobody edited", List.of(),
                                both(addEdge(Edge.topic("orders", "bus", EdgeKind.PUBLISH, "ship.departed")),
                                        addEdge(Edge.topic("bus", "shipping", EdgeKind.SUBSCRIBE, "ship.departed")))),
                        Scenario.of("add a second subscriber to a topic", List.of(SHIPPING_H + "on_order_created.go"),
                                both(addNode(service("billing", 9203, Framework.NETHTTP, "GET /invoices")),
                                        addEdge(Edge.topic("bus", "billing", EdgeKind.SUBSCRIBE, "order.created")))),
                        Scenario.of("subscribe to a topic from a second queue", List.of(SHIPPING_H + "on_order_created.go"),
                                both(addNode(new InfraNode("bus2", NodeKind.QUEUE, Optional.empty(), Engine.RABBITMQ,
                                                Optional.empty())),
                                        addEdge(Edge.topic("orders", "bus2", EdgeKind.PUBLISH, "order.created")),
                                        addEdge(Edge.topic("bus2", "shipping", EdgeKind.SUBSCRIBE, "order.created")))),
                        Scenario.of("rename an edited subscription", List.of(BILLING_H + "on_order_created.go"),
                                both(removeEdge("bus->billing:subscribe:order.created"),
                                        addEdge(Edge.topic("bus", "billing", EdgeKind.SUBSCRIBE, "ship.departed"))))
                                .orphaning(BILLING_H + "on_order_created.go"),
                        Scenario.of("rename a topic on publish and subscribe", List.of(SHIPPING_H + "on_ship_departed.go"),
                                both(renameTopic("orders->bus:publish:ship.departed", "ship.left"),
                                        renameTopic("bus->shipping:subscribe:ship.departed", "ship.left"),
                                        renameTopic("bus->billing:subscribe:ship.departed", "ship.left")))
                                .orphaning(SHIPPING_H + "on_ship_departed.go"),
                        Scenario.of("remove a service's last subscription", List.of(BILLING_H + "on_ship_left.go"),
                                removeEdge("bus->billing:subscribe:ship.left"))
                                .orphaning(BILLING_H + "on_ship_left.go"),
                        Scenario.of("add a topic on publish", List.of(ORDERS_H + "post_orders.go"),
                                addEdge(Edge.topic("orders", "bus", EdgeKind.PUBLISH, "order.paid"))),
                        Scenario.of("rename a topic on publish", List.of(),
                                renameTopic("orders->bus:publish:order.paid", "order.settled")),
                        Scenario.of("remove a topic on publish", List.of(ORDERS_H + "get_orders.go"),
                                removeEdge("orders->bus:publish:order.settled")),
                        Scenario.of("add a publish edge to a service that published nothing",
                                List.of(SHIPPING_H + "post_shipments.go"),
                                addEdge(Edge.topic("shipping", "bus2", EdgeKind.PUBLISH, "shipment.sent"))),
                        Scenario.of("remove a subscribe edge of a topic another queue still delivers", List.of(),
                                removeEdge("bus2->shipping:subscribe:order.created")),
                        Scenario.of("remove a publish edge", List.of(SHIPPING_H + "post_shipments.go"),
                                both(removeEdge("shipping->bus2:publish:shipment.sent"),
                                        removeEdge("orders->bus2:publish:order.created"), removeNode("bus2"))))),
                new Chain("engines", shopWithCache(), List.of(
                        Scenario.of("swap the queue engine nats to rabbitmq", List.of(SHIPPING_H + "on_order_created.go"),
                                engine("bus", Engine.RABBITMQ)),
                        Scenario.of("swap the queue engine rabbitmq to kafka", List.of(ORDERS_H + "post_orders.go"),
                                engine("bus", Engine.KAFKA)),
                        Scenario.of("swap the queue engine kafka to nats", List.of(), engine("bus", Engine.NATS)),
                        Scenario.of("swap the cache engine redis to memcached", List.of(ORDERS_H + "get_orders.go"),
                                engine("orders-cache", Engine.MEMCACHED)),
                        Scenario.of("swap the cache engine memcached to redis", List.of(),
                                engine("orders-cache", Engine.REDIS)),
                        // The user's SQL is for the engine it was written for: set aside, and a fresh one written.
                        Scenario.of("swap the database engine postgres to mysql", List.of(ORDERS_SQL),
                                engine("orders-db", Engine.MYSQL)).settingAside(ORDERS_SQL),
                        Scenario.of("swap the database engine mysql to sqlite",
                                List.of(ORDERS_SQL, ORDERS_H + "get_orders_by_id.go"), engine("orders-db", Engine.SQLITE))
                                .settingAsideAs(ORDERS_SQL, ORDERS_SQL_ASIDE + "001_items_2.sql"),
                        Scenario.of("swap the database engine sqlite to postgres", List.of(ORDERS_SQL),
                                engine("orders-db", Engine.POSTGRES))
                                .settingAsideAs(ORDERS_SQL, ORDERS_SQL_ASIDE + "001_items_3.sql"),
                        Scenario.of("remove a cache edge", List.of(ORDERS_H + "get_orders.go"),
                                both(removeEdge("orders->orders-cache:cache"), removeNode("orders-cache"))),
                        Scenario.of("add a cache edge", List.of(SHIPPING_H + "get_shipments.go"),
                                both(addNode(new InfraNode("shipping-cache", NodeKind.CACHE, Optional.empty(),
                                                Engine.MEMCACHED, Optional.empty())),
                                        addEdge(Edge.of("shipping", "shipping-cache", EdgeKind.CACHE)))),
                        Scenario.of("remove a db edge", List.of(ORDERS_SQL, ORDERS_H + "post_orders.go"),
                                both(removeEdge("orders->orders-db:db"), removeNode("orders-db")))
                                .settingAsideAs(ORDERS_SQL, ORDERS_SQL_ASIDE + "001_items_4.sql")
                                .orphaning(ORDERS_SQL_ASIDE + "001_items.sql"),
                        Scenario.of("add a db edge", List.of(SHIPPING_H + "on_order_created.go"),
                                both(addNode(new InfraNode("shipping-db", NodeKind.DATABASE, Optional.empty(),
                                                Engine.SQLITE, Optional.empty())),
                                        addEdge(Edge.of("shipping", "shipping-db", EdgeKind.DB)))),
                        // SQLite migrations run in go test: the user's index must apply.
                        Scenario.of("change the port of a service with an edited migration",
                                List.of("services/shipping/internal/store/migrations/001_items.sql"),
                                mapService("shipping", s -> s.withPort(9302))))),
                new Chain("services", shop(), List.of(
                        Scenario.of("add a service", List.of(ORDERS_H + "get_orders.go"),
                                addNode(service("billing", 9203, Framework.NETHTTP, "GET /invoices", "POST /invoices"))),
                        Scenario.of("add a gateway route", List.of(BILLING_H + "get_invoices.go"),
                                addEdge(Edge.route("gw", "billing", "/invoices"))),
                        Scenario.of("remove a gateway route", List.of(SHIPPING_H + "get_shipments.go"),
                                removeEdge("gw->shipping:http")),
                        Scenario.of("add an http edge", List.of(ORDERS_H + "post_orders.go"),
                                addEdge(Edge.of("orders", "billing", EdgeKind.HTTP))),
                        Scenario.of("remove an http edge", List.of(BILLING_H + "post_invoices.go"),
                                removeEdge("orders->billing:http")),
                        Scenario.of("change a port", List.of(ORDERS_H + "get_orders_by_id.go"),
                                mapService("orders", s -> s.withPort(9301))),
                        Scenario.of("change replicas", List.of(), mapService("orders", s -> s.withReplicas(3))),
                        Scenario.of("add a bounded context", List.of(SHIPPING_H + "post_shipments.go"),
                                both(t -> t.withContexts(List.of(new BoundedContext("ordering", "Ordering"))),
                                        t -> t.mapNode("orders", n -> n.withContext(Optional.of("ordering"))))),
                        Scenario.of("move a service into another context", List.of(ORDERS_H + "get_orders.go"),
                                both(t -> t.withContexts(List.of(new BoundedContext("ordering", "Ordering"),
                                                new BoundedContext("fulfilment", "Fulfilment"))),
                                        t -> t.mapNode("orders", n -> n.withContext(Optional.of("fulfilment"))))),
                        Scenario.of("add a nested endpoint whose wildcard has another name", List.of(),
                                addEndpoint("orders", "GET /orders/{orderId}/lines")),
                        Scenario.of("swap the framework net/http to gin", List.of(ORDERS_H + "post_orders.go"),
                                mapService("orders", s -> s.withFramework(Framework.GIN))),
                        Scenario.of("swap the framework gin to net/http", List.of(SHIPPING_H + "on_order_created.go"),
                                mapService("shipping", s -> s.withFramework(Framework.NETHTTP)))
                                .removing("services/shipping/internal/server/routes_test.go"),
                        Scenario.of("swap the framework gin to echo", List.of(ORDERS_H + "get_orders_by_id.go"),
                                mapService("orders", s -> s.withFramework(Framework.ECHO))),
                        Scenario.of("add an item endpoint to an echo service", List.of(ORDERS_H + "get_orders.go"),
                                addEndpoint("orders", "PUT /orders/{id}")),
                        Scenario.of("swap the framework echo to net/http", List.of(ORDERS_H + "put_orders_by_id.go"),
                                mapService("orders", s -> s.withFramework(Framework.NETHTTP)))
                                .removing("services/orders/internal/server/routes_test.go"),
                        Scenario.of("rename an edited service", List.of(BILLING_H + "get_invoices.go"),
                                renameService("billing", "invoicing"))
                                .orphaning(BILLING_H + "get_invoices.go"),
                        Scenario.of("remove an edited service", List.of(INVOICING_H + "post_invoices.go"),
                                both(removeEdge("gw->invoicing:http"), removeNode("invoicing")))
                                .orphaning(INVOICING_H + "post_invoices.go"),
                        Scenario.of("remove the gateway", List.of(ORDERS_H + "get_orders.go"),
                                both(removeEdge("gw->orders:http"), removeNode("gw")))
                                .removing("gateway/go.mod"))),
                new Chain("grpc", grpc(), List.of(
                        Scenario.of("add an endpoint served over gRPC", List.of(STOCK_H + "grpc_get_stock.go"),
                                addEndpoint("stock", "PUT /stock/{sku}")),
                        Scenario.of("rename an edited endpoint served over gRPC",
                                List.of(STOCK_H + "grpc_get_stock_by_sku.go"),
                                renameEndpoint("stock", "GET /stock/{sku}", "GET /stock/{code}"))
                                .removing(STOCK_H + "get_stock_by_sku.go")
                                .settingAside(STOCK_H + "grpc_get_stock_by_sku.go"),
                        Scenario.of("remove an edited endpoint served over gRPC",
                                List.of(STOCK_H + "grpc_put_stock_by_sku.go", STOCK_H + "put_stock_by_sku.go"),
                                removeEndpoint("stock", "PUT /stock/{sku}"))
                                .orphaning(STOCK_H + "put_stock_by_sku.go")
                                .settingAside(STOCK_H + "grpc_put_stock_by_sku.go"),
                        Scenario.of("add a grpc edge", List.of(PRICING_H + "get_prices_by_sku.go"),
                                addEdge(Edge.of("stock", "pricing", EdgeKind.GRPC))),
                        Scenario.of("add an http edge to a service served over gRPC", List.of(),
                                addEdge(Edge.of("checkout", "pricing", EdgeKind.HTTP))),
                        Scenario.of("rename an edited service served over gRPC",
                                List.of(PRICING_H + "grpc_get_prices_by_sku.go"), renameService("pricing", "prices"))
                                .orphaning(PRICING_H + "get_prices_by_sku.go")
                                .settingAside(PRICING_H + "grpc_get_prices_by_sku.go"),
                        Scenario.of("remove a grpc edge", List.of(STOCK_H + "grpc_post_stock.go"),
                                removeEdge("checkout->stock:grpc"))
                                .settingAside(STOCK_H + "grpc_post_stock.go", STOCK_H + "grpc_get_stock.go")
                                .removing(STOCK_H + "grpc_get_stock_by_code.go", STOCK_H + "grpc.go"))));
    }

    // ---------------------------------------------------------------- running them

    @TestFactory
    Stream<DynamicNode> everyDesignChangeRegeneratesATreeThatBuildsAndKeepsTheUsersCode() {
        boolean hasGo = run(Path.of("."), List.of("go", "version")).exitCode() == 0;
        if (!hasGo && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("go is not on PATH; CI must install Go to check generated code");
        }
        assumeTrue(hasGo, "go is not on PATH");
        suiteStart = System.nanoTime();
        Set<String> only = Set.of(System.getProperty("regeneration.chains", "").split(","));
        return chains().stream().filter(c -> only.equals(Set.of("")) || only.contains(c.name())).map(chain -> {
            Tree tree = new Tree(work.resolve(chain.name()));
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("generate",
                    () -> tree.step("generate " + chain.name(), () -> tree.start(chain.start()))));
            for (Scenario s : chain.steps()) {
                tests.add(DynamicTest.dynamicTest(s.name(), () -> tree.step(s.name(), () -> tree.apply(s))));
            }
            return DynamicContainer.dynamicContainer(chain.name(), tests);
        });
    }

    @AfterAll
    static void report() {
        if (MILLIS.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("regeneration suite, seconds per step:\n");
        MILLIS.forEach((name, ms) -> out.append(String.format("  %6.1f  %s%n", ms / 1000.0, name)));
        out.append(String.format("  %6.1f  in all (%d steps)%n", (System.nanoTime() - suiteStart) / 1e9, MILLIS.size()));
        COMMAND_MILLIS.forEach((c, ms) -> out.append(String.format("  %6.1f  of which %s%n", ms / 1000.0, c)));
        System.out.print(out);
    }

    /** One code folder as a design evolves, with what the user wrote in it. */
    private static final class Tree {
        private final Path root;
        private Topology design;
        private boolean broken;
        /** Every file the user edited, with what it must still hold. */
        private final Map<String, String> edited = new TreeMap<>();
        /** Per module folder with a gRPC API: the hash of its protos when last generated. */
        private final Map<Path, String> generated = new HashMap<>();

        Tree(Path root) {
            this.root = root;
        }

        interface Body {
            void run() throws Exception;
        }

        void step(String name, Body body) throws Exception {
            Assumptions.assumeFalse(broken, "an earlier step of this chain failed");
            long start = System.nanoTime();
            broken = true;
            body.run();
            broken = false;
            synchronized (MILLIS) {
                MILLIS.put(root.getFileName() + ": " + name, (System.nanoTime() - start) / 1_000_000);
            }
        }

        void start(Topology topology) throws Exception {
            Files.createDirectories(root);
            write(topology);
            checkGo();
        }

        void apply(Scenario s) throws Exception {
            for (String file : s.edits()) {
                edit(file, s.name());
            }
            TreeWriter.Summary summary = write(s.change().apply(design));
            for (Map.Entry<String, String> move : s.setAside().entrySet()) {
                String mine = edited.remove(move.getKey());
                assertThat(mine).as("files set aside are ones the user edited").isNotNull();
                Path from = root.resolve(move.getKey());
                // Gone, or Topograph's fresh file for the changed purpose.
                assertThat(Files.exists(from) ? Files.readString(from, StandardCharsets.UTF_8) : "")
                        .as("%s, which could no longer work, is out of the build", move.getKey()).isNotEqualTo(mine);
                edited.put(move.getValue(), mine);
            }
            edited.forEach((path, content) -> assertThat(root.resolve(path))
                    .as("%s holds what the user wrote", path).exists().content(StandardCharsets.UTF_8).isEqualTo(content));
            assertThat(summary.orphaned()).extracting(TreeWriter.Orphan::path).containsAll(s.orphans())
                    .containsAll(s.setAside().values());
            assertThat(summary.outdated()).extracting(TreeWriter.Outdated::path).containsAll(s.outdated());
            for (String gone : s.removed()) {
                assertThat(root.resolve(gone)).as("%s is no longer needed", gone).doesNotExist();
            }
            checkGo();
        }

        /** The user's edit: a comment and a helper function (or an index, in SQL) at the end of the file. */
        private void edit(String path, String scenario) throws IOException {
            Path file = root.resolve(path);
            assertThat(file).as("the user's file %s", path).exists();
            String slug = scenario.replaceAll("[^A-Za-z0-9]+", " ").trim();
            String ident = Arrays.stream(slug.split(" "))
                    .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).reduce("mine", String::concat);
            String addition = path.endsWith(".sql")
                    ? "\n-- mine: " + scenario + "\nCREATE INDEX " + ident.toLowerCase() + " ON items (created_at);\n"
                    : "\n// mine: " + scenario + "\nfunc " + ident + "() string {\n\treturn \"" + slug + "\"\n}\n";
            String content = Files.readString(file, StandardCharsets.UTF_8) + addition;
            Files.writeString(file, content, StandardCharsets.UTF_8);
            edited.put(path, content);
        }

        private TreeWriter.Summary write(Topology next) throws Exception {
            CodeFolder folder = new CodeFolder(root);
            Path designFile = folder.designFile(next);
            new ProjectFile().save(next, designFile);
            try {
                TreeWriter.Summary summary = folder.regenerate(next, Optional.of(designFile), false);
                design = next;
                return summary;
            } catch (TreeWriter.RefusedException e) {
                return fail("regeneration refused:\n" + e.getMessage());
            }
        }

        /** gofmt over the tree; go generate where protos changed; vet, build and test where anything did. */
        private void checkGo() throws IOException {
            Result fmt = run(root, List.of("gofmt", "-l", "."));
            assertThat(fmt.output()).as("gofmt -l lists unformatted files").isBlank();
            List<Path> modules;
            try (Stream<Path> walk = Files.walk(root)) {
                modules = walk.filter(p -> p.getFileName().toString().equals("go.mod")).map(Path::getParent)
                        .sorted().toList();
            }
            for (Path module : modules) {
                Path api = module.resolve("api");
                if (Files.isRegularFile(api.resolve("generate.go"))) {
                    String protos = hash(api, p -> p.toString().endsWith(".proto"));
                    if (!protos.equals(generated.get(module))) {
                        Result r = run(module, List.of("go", "generate", "./..."));
                        assertThat(r.exitCode()).as("go generate ./... in %s:%n%s", root.relativize(module), r.output())
                                .isZero();
                        generated.put(module, protos);
                    }
                }
            }
            // One go command over every module to check, from the workspace root: each command loads
            // the workspace once, however many modules it covers.
            Map<Path, String> toCheck = new TreeMap<>();
            for (Path module : modules) {
                String key = buildKey(module);
                if (!PASSED.contains(key)) {
                    toCheck.put(module, key);
                }
            }
            if (toCheck.isEmpty()) {
                return;
            }
            List<String> patterns = toCheck.keySet().stream().map(m -> "./" + root.relativize(m) + "/...").toList();
            // go test builds every package, tested or not, and links each main into its test binary:
            // go build would only link the mains again, so it runs only for a main without a test.
            List<String> untestedMains = new ArrayList<>();
            for (Path module : toCheck.keySet()) {
                try (Stream<Path> walk = Files.walk(module)) {
                    walk.filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go"))
                            .filter(p -> p.getParent().getParent().getFileName().toString().equals("cmd"))
                            .map(Path::getParent).distinct()
                            .filter(dir -> !hasTest(dir))
                            .forEach(dir -> untestedMains.add("./" + root.relativize(dir)));
                }
            }
            List<List<String>> commands = new ArrayList<>();
            commands.add(List.of("go", "vet"));
            if (!untestedMains.isEmpty()) {
                commands.add(List.of("go", "build"));
            }
            // Vetted fully just before: go test's own subset of vet would be work done twice.
            commands.add(List.of("go", "test", "-count=1", "-vet=off"));
            for (List<String> command : commands) {
                List<String> full = new ArrayList<>(command);
                full.addAll(command.get(1).equals("build") ? untestedMains : patterns);
                Result r = run(root, full);
                assertThat(r.exitCode()).as("%s:%n%s", String.join(" ", full), r.output()).isZero();
            }
            PASSED.addAll(toCheck.values());
        }

        /**
         * The hash of what a module's build and tests read: its Go files, module files, embedded SQL
         * and protos, and those of the modules it replaces with folders.
         */
        private String buildKey(Path module) throws IOException {
            StringBuilder key = new StringBuilder(hash(module, RegenerationSuiteTest::readByGo));
            for (String line : Files.readAllLines(module.resolve("go.mod"))) {
                int arrow = line.indexOf("=> ../");
                if (line.startsWith("replace ") && arrow > 0) {
                    Path replaced = module.resolve(line.substring(arrow + 3).trim()).normalize();
                    key.append(' ').append(root.relativize(replaced)).append('=')
                            .append(hash(replaced, RegenerationSuiteTest::readByGo));
                }
            }
            return root.relativize(module) + " " + Manifest.hash(key.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean readByGo(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".go") || name.equals("go.mod") || name.equals("go.sum") || name.endsWith(".sql")
                || name.endsWith(".proto");
    }

    private static boolean hasTest(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.toString().endsWith("_test.go"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String hash(Path dir, java.util.function.Predicate<Path> which) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(which).sorted().toList()) {
                all.append(dir.relativize(p)).append(' ').append(Manifest.hash(Files.readAllBytes(p))).append('\n');
            }
        }
        return Manifest.hash(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, List<String> command) {
        long start = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            // Static builds, as the launcher and the Dockerfiles make them: one shared build cache.
            builder.environment().put("CGO_ENABLED", "0");
            Process p = builder.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            COMMAND_MILLIS.merge(String.join(" ", command.subList(0, 2)), (System.nanoTime() - start) / 1_000_000,
                    Long::sum);
            return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    // ---------------------------------------------------------------- design changes

    static ServiceNode service(String id, int port, Framework framework, String... endpoints) {
        return ServiceNode.of(id, port).withFramework(framework)
                .withEndpoints(Arrays.stream(endpoints).map(RegenerationSuiteTest::endpoint).toList());
    }

    private static Endpoint endpoint(String pattern) {
        String[] parts = pattern.split(" ", 2);
        return new Endpoint(parts[0], parts[1]);
    }

    @SafeVarargs
    static UnaryOperator<Topology> both(UnaryOperator<Topology>... changes) {
        return t -> {
            for (UnaryOperator<Topology> c : changes) {
                t = c.apply(t);
            }
            return t;
        };
    }

    static UnaryOperator<Topology> mapService(String id, UnaryOperator<ServiceNode> change) {
        return t -> {
            assertThat(t.node(id)).as("service %s", id).isPresent();
            return t.mapNode(id, n -> change.apply((ServiceNode) n));
        };
    }

    static UnaryOperator<Topology> addEndpoint(String service, String pattern) {
        return mapService(service, s -> {
            List<Endpoint> eps = new ArrayList<>(s.endpoints());
            eps.add(endpoint(pattern));
            return s.withEndpoints(eps);
        });
    }

    static UnaryOperator<Topology> removeEndpoint(String service, String pattern) {
        return mapService(service, s -> {
            assertThat(s.endpoints()).as("%s's endpoints", service).contains(endpoint(pattern));
            return s.withEndpoints(s.endpoints().stream().filter(e -> !e.equals(endpoint(pattern))).toList());
        });
    }

    static UnaryOperator<Topology> renameEndpoint(String service, String from, String to) {
        return mapService(service, s -> {
            assertThat(s.endpoints()).as("%s's endpoints", service).contains(endpoint(from));
            return s.withEndpoints(s.endpoints().stream().map(e -> e.equals(endpoint(from)) ? endpoint(to) : e).toList());
        });
    }

    static UnaryOperator<Topology> addNode(Node node) {
        return t -> {
            List<Node> nodes = new ArrayList<>(t.nodes());
            nodes.add(node);
            return t.withNodes(nodes);
        };
    }

    /** Removes a node; every edge still touching it must have been removed first. */
    static UnaryOperator<Topology> removeNode(String id) {
        return t -> {
            assertThat(t.edges()).as("edges of %s", id).noneMatch(e -> e.touches(id));
            return t.withNodes(t.nodes().stream().filter(n -> !n.id().equals(id)).toList());
        };
    }

    static UnaryOperator<Topology> addEdge(Edge edge) {
        return t -> {
            List<Edge> edges = new ArrayList<>(t.edges());
            edges.add(edge);
            return t.withEdges(edges);
        };
    }

    static UnaryOperator<Topology> removeEdge(String key) {
        return t -> {
            assertThat(t.edge(key)).as("edge %s", key).isPresent();
            return t.withEdges(t.edges().stream().filter(e -> !e.key().equals(key)).toList());
        };
    }

    static UnaryOperator<Topology> renameTopic(String key, String topic) {
        return t -> {
            assertThat(t.edge(key)).as("edge %s", key).isPresent();
            return t.mapEdge(key, e -> e.withTopic(Optional.of(topic)));
        };
    }

    static UnaryOperator<Topology> engine(String id, Engine engine) {
        return t -> t.mapNode(id, n -> ((InfraNode) n).withEngine(engine));
    }

    /** A rename is a remove and an add: the node gets a new id, and its edges follow it. */
    static UnaryOperator<Topology> renameService(String from, String to) {
        return t -> t.mapNode(from, n -> n.withId(to)).withEdges(t.edges().stream()
                .map(e -> e.withEnds(e.from().equals(from) ? to : e.from(), e.to().equals(from) ? to : e.to())).toList());
    }
}
