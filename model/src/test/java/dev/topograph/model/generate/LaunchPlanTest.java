package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.LaunchPlan.Binding;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import dev.topograph.model.generate.LaunchPlan.Role;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {

    private static Topology load(Path file) throws Exception {
        return new ProjectFile().load(file);
    }

    private static Topology shop() throws Exception {
        return load(Path.of("..", "examples", "shop.topology.json"));
    }

    @Test
    void everyNodeComesAfterWhatItNeeds() throws Exception {
        LaunchPlan plan = LaunchPlan.of(shop());
        List<String> order = plan.nodes().stream().map(PlannedNode::id).toList();
        for (PlannedNode n : plan.nodes()) {
            for (String dependency : n.dependsOn()) {
                assertThat(order.indexOf(dependency)).as(n.id() + " after " + dependency)
                        .isLessThan(order.indexOf(n.id()));
            }
        }
        assertThat(order).containsExactlyInAnyOrder("gateway", "orders", "orders-db", "order-events", "payments",
                "payments-db", "payment-events", "catalog", "catalog-db", "catalog-cache", "inventory", "inventory-db",
                "shipping", "shipping-db", "notifications");
        assertThat(plan.project()).isEqualTo("shop");
    }

    @Test
    void wavesStartInfrastructureFirstAndTheGatewayLast() throws Exception {
        List<List<PlannedNode>> waves = LaunchPlan.of(shop()).waves();
        assertThat(waves.get(0)).allMatch(n -> n.role() == Role.INFRA).hasSize(8);
        assertThat(waves.get(waves.size() - 1)).extracting(PlannedNode::id).containsExactly("gateway");
        // orders calls catalog: a wave after it.
        assertThat(waveOf(waves, "orders")).isGreaterThan(waveOf(waves, "catalog"));
        List<String> seen = new ArrayList<>();
        for (List<PlannedNode> wave : waves) {
            wave.forEach(n -> assertThat(seen).containsAll(n.dependsOn()));
            wave.forEach(n -> seen.add(n.id()));
        }
    }

    private static int waveOf(List<List<PlannedNode>> waves, String id) {
        for (int i = 0; i < waves.size(); i++) {
            if (waves.get(i).stream().anyMatch(n -> n.id().equals(id))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aServiceReadsOneVariablePerServerAndCallee() throws Exception {
        PlannedNode orders = LaunchPlan.of(shop()).node("orders").orElseThrow();
        assertThat(orders.role()).isEqualTo(Role.SERVICE);
        assertThat(orders.module()).isEqualTo("services/orders");
        assertThat(orders.mainPackage()).isEqualTo("./cmd/orders");
        assertThat(orders.port()).isEqualTo(8081);
        assertThat(orders.metricsPort()).isEqualTo(28081);
        assertThat(orders.adminPort()).isEqualTo(18081);
        assertThat(orders.bindings()).containsExactlyInAnyOrder(new Binding("DATABASE_URL", "orders-db"),
                new Binding("NATS_URL", "order-events"), new Binding("CATALOG_URL", "catalog"));
        assertThat(orders.goGenerate()).isEmpty();
        assertThat(orders.grpcPort()).isEmpty();
    }

    @Test
    void theGatewayReadsTheAddressOfEachRouteTarget() throws Exception {
        PlannedNode gateway = LaunchPlan.of(shop()).node("gateway").orElseThrow();
        assertThat(gateway.role()).isEqualTo(Role.GATEWAY);
        assertThat(gateway.module()).isEqualTo("gateway");
        assertThat(gateway.mainPackage()).isEqualTo("./cmd/gateway");
        assertThat(gateway.bindings()).extracting(Binding::envVar)
                .containsExactlyInAnyOrder("ORDERS_URL", "CATALOG_URL", "SHIPPING_URL");
        assertThat(gateway.dependsOn()).containsExactlyInAnyOrder("orders", "catalog", "shipping");
    }

    @Test
    void infrastructureCarriesItsEngineImageAndDatabase() throws Exception {
        LaunchPlan plan = LaunchPlan.of(shop());
        PlannedNode db = plan.node("orders-db").orElseThrow();
        assertThat(db.engine()).contains(Engine.POSTGRES);
        assertThat(db.database()).contains("orders_db");
        assertThat(db.image()).contains("postgres:17-alpine");
        assertThat(db.addressAt("127.0.0.1", 41000))
                .isEqualTo("postgres://postgres@127.0.0.1:41000/orders_db?sslmode=disable");
        PlannedNode queue = plan.node("order-events").orElseThrow();
        assertThat(queue.addressAt("127.0.0.1", 4300)).isEqualTo("nats://127.0.0.1:4300");
        assertThat(queue.database()).isEmpty();
        assertThat(plan.node("catalog-cache").orElseThrow().addressAt("h", 1)).isEqualTo("h:1");
        assertThat(plan.node("catalog").orElseThrow().addressAt("127.0.0.1", 9)).isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void aMySqlServerIsReachedWithTheLoginItMadeElseAsRoot() {
        PlannedNode db = new PlannedNode("notes-db", Role.INFRA, Optional.of(Engine.MYSQL), 3306, 0, 0,
                Optional.empty(), "", "", List.of(), List.of(), List.of(), Optional.of("notes_db"), Optional.empty());
        LaunchPlan.Login login = new LaunchPlan.Login("notes_db", "s3cret");
        assertThat(db.addressAt("127.0.0.1", 41000, Optional.of(login)))
                .isEqualTo("notes_db:s3cret@tcp(127.0.0.1:41000)/notes_db");
        assertThat(db.addressAt("127.0.0.1", 41000, Optional.of(login.withoutPassword())))
                .isEqualTo("notes_db@tcp(127.0.0.1:41000)/notes_db");
        assertThat(db.addressAt("127.0.0.1", 41000)).isEqualTo("root@tcp(127.0.0.1:41000)/notes_db");
    }

    @Test
    void grpcCalleesGetTheirPortAndCallersGenerateTheirCode() throws Exception {
        LaunchPlan plan = LaunchPlan.of(load(Path.of("src/test/resources/generate/grpc.topology.json")));
        PlannedNode stock = plan.node("stock-levels").orElseThrow();
        assertThat(stock.grpcPort()).contains(8002);
        PlannedNode checkout = plan.node("checkout").orElseThrow();
        assertThat(checkout.bindings()).contains(new Binding("STOCK_LEVELS_GRPC_ADDR", "stock-levels"));
        assertThat(checkout.goGenerate()).contains("services/stock-levels");
        assertThat(checkout.dependsOn()).contains("stock-levels");
    }
}
