package dev.topograph.app.designer.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.canvas.Point;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.inspector.InspectorViewModel.Showing;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inspector without a window: each field edit is one undoable command; bad values are refused in place. */
class InspectorViewModelTest {
    private final MainViewModel main = new MainViewModel(TaskExecutor.synchronous(), 0);
    private final DocumentViewModel document = main.document();
    private final CanvasViewModel canvas = main.canvas();
    private final InspectorViewModel inspector = main.inspector();
    private Topology shop;

    @BeforeEach
    void openTheShop() throws Exception {
        shop = new ProjectFile().load(Path.of("../examples/shop.topology.json"));
        document.show(shop, Optional.empty(), false);
    }

    private void select(String... ids) {
        canvas.select(List.of(ids));
    }

    private static boolean type(EditableField field, String text) {
        field.textProperty().set(text);
        return field.commit();
    }

    private ServiceNode service(String id) {
        return (ServiceNode) document.topology().node(id).orElseThrow();
    }

    private List<String> edgeKeys() {
        return document.topology().edges().stream().map(Edge::key).toList();
    }

    @Test
    void nothingSelectedShowsTheDesignsNameAndGoModuleAndEditsThem() {
        assertThat(inspector.showingProperty().get()).isEqualTo(Showing.DESIGN);
        assertThat(inspector.name().textProperty().get()).isEqualTo("shop");
        assertThat(inspector.module().textProperty().get()).isEqualTo("example.com/shop");
        assertThat(inspector.summaryProperty().get()).isEqualTo("15 nodes · 16 edges · 3 bounded contexts");
        assertThat(inspector.id().appliesProperty().get()).isFalse();

        assertThat(type(inspector.module(), "github.com/acme/shop")).isTrue();
        assertThat(document.topology().module()).isEqualTo("github.com/acme/shop");
        assertThat(document.undoTextProperty().get()).isEqualTo("Undo Set Go module to github.com/acme/shop");

        assertThat(type(inspector.name(), "Shop!")).isFalse();
        assertThat(inspector.name().error()).startsWith("\"Shop!\" cannot name the design: use lower-case letters");
        assertThat(inspector.name().textProperty().get()).isEqualTo("Shop!");
        assertThat(document.topology().name()).isEqualTo("shop");

        document.undo();
        assertThat(document.topology()).isEqualTo(shop);
        assertThat(inspector.module().textProperty().get()).isEqualTo("example.com/shop");
    }

    @Test
    void renamingTheDesignTakesAModuleNamedAfterItAlongInOneStep() {
        assertThat(type(inspector.name(), "store")).isTrue();
        assertThat(document.topology().name()).isEqualTo("store");
        assertThat(document.topology().module()).as("example.com/shop follows the name").isEqualTo("example.com/store");
        assertThat(inspector.module().textProperty().get()).isEqualTo("example.com/store");
        document.undo();
        assertThat(document.topology()).as("one undo puts both back").isEqualTo(shop);

        assertThat(type(inspector.module(), "github.com/acme/platform")).isTrue();
        assertThat(type(inspector.name(), "store")).isTrue();
        assertThat(document.topology().module()).as("a module the user chose stays").isEqualTo("github.com/acme/platform");
    }

    @Test
    void renamingANodeUpdatesItsEdgesKeepsItSelectedAndUndoesInOneStep() {
        select("orders");
        assertThat(inspector.showingProperty().get()).isEqualTo(Showing.NODE);
        assertThat(inspector.kindProperty().get()).isEqualTo("service");
        assertThat(inspector.id().textProperty().get()).isEqualTo("orders");

        assertThat(type(inspector.id(), "checkout")).isTrue();

        Topology t = document.topology();
        assertThat(t.node("orders")).isEmpty();
        assertThat(t.node("checkout")).isPresent();
        assertThat(edgeKeys()).contains("gateway->checkout:http", "checkout->orders-db:db",
                "checkout->order-events:publish:order.created", "checkout->catalog:http")
                .noneMatch(k -> k.contains("orders->") || k.contains("->orders:"));
        assertThat(canvas.selectionProperty().get()).containsExactly("checkout");
        assertThat(inspector.titleProperty().get()).isEqualTo("checkout");
        assertThat(inspector.id().textProperty().get()).isEqualTo("checkout");

        document.undo();
        assertThat(document.topology()).isEqualTo(shop);
    }

    @Test
    void aBadOrTakenIdIsRefusedInPlaceAndNothingIsExecuted() {
        select("orders");

        assertThat(type(inspector.id(), "Orders_2")).isFalse();
        assertThat(inspector.id().error()).startsWith("\"Orders_2\" is not a valid id: use lower-case letters");
        assertThat(inspector.id().textProperty().get()).isEqualTo("Orders_2");

        assertThat(type(inspector.id(), "payments")).isFalse();
        assertThat(inspector.id().error()).isEqualTo("The id payments is taken by another service.");

        assertThat(type(inspector.id(), "")).isFalse();
        assertThat(inspector.id().error()).isEqualTo("A node needs an id, such as orders.");

        assertThat(document.topology()).isEqualTo(shop);
        assertThat(document.canUndoProperty().get()).isFalse();

        inspector.id().revert();
        assertThat(inspector.id().textProperty().get()).isEqualTo("orders");
        assertThat(inspector.id().error()).isEmpty();
    }

    @Test
    void anInvalidPortIsRefusedWithTheReasonAndNothingChanges() {
        select("orders");
        assertThat(inspector.port().textProperty().get()).isEqualTo("8081");

        assertThat(type(inspector.port(), "70000")).isFalse();
        assertThat(inspector.port().error()).isEqualTo("Port 70000 is out of range: use 1 to 65535.");
        assertThat(inspector.port().textProperty().get()).isEqualTo("70000");

        assertThat(type(inspector.port(), "80a")).isFalse();
        assertThat(inspector.port().error()).isEqualTo("A port is a whole number from 1 to 65535.");

        assertThat(type(inspector.port(), "8082")).isFalse();
        assertThat(inspector.port().error()).isEqualTo("Port 8082 is already used by payments.");

        assertThat(document.topology()).isEqualTo(shop);
        assertThat(document.canUndoProperty().get()).isFalse();

        assertThat(type(inspector.port(), "9090")).isTrue();
        assertThat(inspector.port().error()).isEmpty();
        assertThat(service("orders").port()).isEqualTo(9090);
        document.undo();
        assertThat(service("orders").port()).isEqualTo(8081);
        assertThat(inspector.port().textProperty().get()).isEqualTo("8081");
    }

    @Test
    void refusedTextSurvivesAnUnrelatedChangeButNotAnotherSelection() {
        select("orders");
        type(inspector.port(), "0");
        assertThat(inspector.port().error()).isNotEmpty();

        canvas.moveNodes(Map.of("orders", new Point(500, 500)));
        assertThat(document.topology().node("orders").flatMap(n -> n.layout())).contains(new Layout(500, 500));
        assertThat(inspector.port().textProperty().get()).isEqualTo("0");
        assertThat(inspector.port().error()).isNotEmpty();

        select("payments");
        assertThat(inspector.port().textProperty().get()).isEqualTo("8082");
        assertThat(inspector.port().error()).isEmpty();
    }

    @Test
    void replicasOutsideOneToAThousandAreRefused() {
        select("orders");
        assertThat(type(inspector.replicas(), "0")).isFalse();
        assertThat(inspector.replicas().error()).isEqualTo("0 replicas is out of range: use 1 to 1000.");
        assertThat(type(inspector.replicas(), "1001")).isFalse();
        assertThat(type(inspector.replicas(), "two")).isFalse();
        assertThat(inspector.replicas().error()).isEqualTo("Replicas is a whole number from 1 to 1000.");
        assertThat(document.canUndoProperty().get()).isFalse();

        assertThat(type(inspector.replicas(), "5")).isTrue();
        assertThat(service("orders").replicas()).isEqualTo(5);
        document.undo();
        assertThat(service("orders").replicas()).isEqualTo(2);
    }

    @Test
    void endpointsAreAddedEditedAndRemovedOneUndoableEditEach() {
        select("payments");
        assertThat(inspector.endpointsApplyProperty().get()).isTrue();
        assertThat(inspector.endpoints()).hasSize(1);
        assertThat(inspector.endpoints().get(0).path().textProperty().get()).isEqualTo("/payments/{id}");

        assertThat(inspector.addEndpoint()).isTrue();
        assertThat(service("payments").endpoints())
                .containsExactly(new Endpoint("GET", "/payments/{id}"), new Endpoint("GET", "/payments"));
        assertThat(inspector.endpoints()).hasSize(2);
        assertThat(document.undoTextProperty().get()).isEqualTo("Undo Add endpoint GET /payments to payments");

        EndpointRow added = inspector.endpoints().get(1);
        assertThat(added.method().choose("POST")).isTrue();
        assertThat(type(added.path(), "/payments/{id}/refunds")).isTrue();
        assertThat(service("payments").endpoints().get(1)).isEqualTo(new Endpoint("POST", "/payments/{id}/refunds"));

        assertThat(inspector.removeEndpoint(0)).isTrue();
        assertThat(service("payments").endpoints()).containsExactly(new Endpoint("POST", "/payments/{id}/refunds"));
        assertThat(inspector.endpoints()).hasSize(1);
        assertThat(inspector.endpoints().get(0).path().textProperty().get()).isEqualTo("/payments/{id}/refunds");

        document.undo();
        assertThat(service("payments").endpoints()).hasSize(2);
        document.undo();
        assertThat(service("payments").endpoints().get(1)).isEqualTo(new Endpoint("POST", "/payments"));
        document.undo();
        assertThat(service("payments").endpoints().get(1)).isEqualTo(new Endpoint("GET", "/payments"));
        document.undo();
        assertThat(document.topology()).isEqualTo(shop);
        assertThat(inspector.endpoints()).hasSize(1);
    }

    @Test
    void badOrClashingEndpointPathsAreRefusedInPlace() {
        select("orders");
        EndpointRow first = inspector.endpoints().get(0);

        assertThat(type(first.path(), "orders")).isFalse();
        assertThat(first.path().error()).startsWith("\"orders\" is not a valid path");
        assertThat(first.path().textProperty().get()).isEqualTo("orders");
        assertThat(inspector.endpointsErrorProperty().get()).isEqualTo(first.path().error());

        assertThat(type(first.path(), "/healthz")).isFalse();
        assertThat(first.path().error()).startsWith("/healthz is reserved");

        EndpointRow second = inspector.endpoints().get(1);
        assertThat(type(second.path(), "/orders/{order}")).isFalse();
        assertThat(second.path().error()).isEqualTo("GET /orders/{order} matches the same requests as GET /orders/{id}.");
        assertThat(first.method().choose("GET")).isFalse();
        assertThat(first.method().error()).isEqualTo("orders has the endpoint GET /orders already.");

        assertThat(document.topology()).isEqualTo(shop);
        assertThat(document.canUndoProperty().get()).isFalse();
    }

    @Test
    void aTopicEditFollowsTheEdgeWhoseKeyItChangesAndUndoes() {
        select("orders->order-events:publish:order.created");
        assertThat(inspector.showingProperty().get()).isEqualTo(Showing.EDGE);
        assertThat(inspector.topic().appliesProperty().get()).isTrue();
        assertThat(inspector.route().appliesProperty().get()).isFalse();
        assertThat(inspector.edgeKind().choices()).extracting(Choice::value).containsExactly("publish");

        assertThat(type(inspector.topic(), "order created")).isFalse();
        assertThat(inspector.topic().error()).startsWith("\"order created\" is not a valid topic");
        assertThat(document.canUndoProperty().get()).isFalse();

        assertThat(type(inspector.topic(), "order.placed")).isTrue();
        assertThat(edgeKeys()).contains("orders->order-events:publish:order.placed")
                .doesNotContain("orders->order-events:publish:order.created");
        assertThat(canvas.selectionProperty().get()).containsExactly("orders->order-events:publish:order.placed");
        assertThat(inspector.topic().textProperty().get()).isEqualTo("order.placed");

        document.undo();
        assertThat(document.topology()).isEqualTo(shop);
    }

    @Test
    void aGatewayRouteIsEditedAndBadOrTakenPrefixesAreRefused() {
        select("gateway->orders:http");
        assertThat(inspector.route().appliesProperty().get()).isTrue();
        assertThat(inspector.topic().appliesProperty().get()).isFalse();
        assertThat(inspector.route().textProperty().get()).isEqualTo("/orders");

        assertThat(type(inspector.route(), "/products/")).isFalse();
        assertThat(inspector.route().error()).isEqualTo("This gateway already routes /products to catalog.");
        assertThat(type(inspector.route(), "orders")).isFalse();
        assertThat(inspector.route().error()).startsWith("\"orders\" is not a valid route");
        assertThat(type(inspector.route(), "")).isFalse();
        assertThat(inspector.route().error()).isEqualTo("A gateway route needs a path prefix, such as /orders.");
        assertThat(document.canUndoProperty().get()).isFalse();

        assertThat(type(inspector.route(), "/api/orders")).isTrue();
        assertThat(document.topology().edge("gateway->orders:http").flatMap(Edge::route)).contains("/api/orders");
        document.undo();
        assertThat(document.topology()).isEqualTo(shop);
    }

    @Test
    void anEdgesKindIsChosenAmongTheKindsAllowedBetweenItsEnds() {
        select("orders->catalog:http");
        assertThat(inspector.edgeKind().choices()).extracting(Choice::value).containsExactly("http", "grpc");
        assertThat(inspector.route().appliesProperty().get()).isFalse();

        assertThat(inspector.edgeKind().choose("grpc")).isTrue();
        assertThat(edgeKeys()).contains("orders->catalog:grpc").doesNotContain("orders->catalog:http");
        assertThat(canvas.selectionProperty().get()).containsExactly("orders->catalog:grpc");
        assertThat(inspector.edgeKind().value()).isEqualTo("grpc");
        assertThat(document.undoTextProperty().get()).isEqualTo("Undo Make orders->catalog:http a grpc edge");

        document.undo();
        assertThat(document.topology()).isEqualTo(shop);
    }

    @Test
    void aGatewayEdgeKeepsItsRouteWhenItBecomesGrpc() {
        select("gateway->catalog:http");
        assertThat(inspector.edgeKind().choose("grpc")).isTrue();
        assertThat(document.topology().edge("gateway->catalog:grpc").flatMap(Edge::route)).contains("/products");
    }

    @Test
    void engineFrameworkAndContextArePickedFromTheirChoices() {
        select("orders-db");
        assertThat(inspector.engine().appliesProperty().get()).isTrue();
        assertThat(inspector.port().appliesProperty().get()).isFalse();
        assertThat(inspector.endpointsApplyProperty().get()).isFalse();
        assertThat(inspector.engine().choices()).extracting(Choice::value).containsExactly("postgres", "mysql", "sqlite");
        assertThat(inspector.engine().choose("mysql")).isTrue();
        assertThat(((InfraNode) document.topology().node("orders-db").orElseThrow()).engine().json()).isEqualTo("mysql");

        select("order-events");
        assertThat(inspector.engine().choices()).extracting(Choice::value).containsExactly("nats", "rabbitmq", "kafka");

        select("orders");
        assertThat(inspector.engine().appliesProperty().get()).isFalse();
        assertThat(inspector.framework().choices()).extracting(Choice::value).containsExactly("nethttp", "gin", "echo");
        assertThat(inspector.framework().choices()).extracting(Choice::label).containsExactly("net/http", "Gin", "Echo");
        assertThat(inspector.framework().choose("echo")).isTrue();
        assertThat(service("orders").framework().json()).isEqualTo("echo");
        assertThat(inspector.framework().choose("gin")).isTrue();
        assertThat(service("orders").framework().json()).isEqualTo("gin");
        assertThat(inspector.context().choices()).extracting(Choice::label)
                .containsExactly("(none)", "Ordering", "Catalog", "Fulfilment");
        assertThat(inspector.context().value()).isEqualTo("ordering");
        assertThat(inspector.context().choose("catalog")).isTrue();
        assertThat(service("orders").context()).contains("catalog");
        assertThat(inspector.subtitleProperty().get()).isEqualTo("Service in Catalog");
        assertThat(inspector.context().choose(InspectorViewModel.NO_CONTEXT)).isTrue();
        assertThat(service("orders").context()).isEmpty();

        document.undo();
        document.undo();
        document.undo();
        document.undo();
        document.undo();
        assertThat(document.topology()).isEqualTo(shop);
        assertThat(inspector.context().value()).isEqualTo("ordering");
    }

    @Test
    void severalSelectedShowTheCountAndNothingToEdit() {
        select("orders", "payments", "orders->orders-db:db");
        assertThat(inspector.showingProperty().get()).isEqualTo(Showing.MANY);
        assertThat(inspector.titleProperty().get()).isEqualTo("3 elements selected");
        assertThat(inspector.subtitleProperty().get()).isEqualTo("2 nodes · 1 edge");
        assertThat(inspector.id().appliesProperty().get()).isFalse();
        assertThat(inspector.edgeKind().appliesProperty().get()).isFalse();
        assertThat(inspector.name().appliesProperty().get()).isFalse();
        assertThat(inspector.endpoints()).isEmpty();
    }

    @Test
    void undoingARenameWhileTheNodeIsSelectedFallsBackToTheDesign() {
        select("orders");
        type(inspector.id(), "checkout");
        document.undo();
        assertThat(canvas.selectionProperty().get()).isEmpty();
        assertThat(inspector.showingProperty().get()).isEqualTo(Showing.DESIGN);
    }
}
