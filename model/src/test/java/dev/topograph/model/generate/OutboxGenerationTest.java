package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.model.generate.SystemView.IdempotencyCheck;
import dev.topograph.model.generate.SystemView.ServiceView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How generation wires the transactional outbox, the consumers' inbox and Idempotency-Keys
 * (docs/decisions/0025-outbox-and-idempotency.md): which services relay an outbox, which save
 * then publish, and that POST handlers scaffolded before the outbox still build.
 */
class OutboxGenerationTest {
    @TempDir
    Path out;

    private static Map<String, String> files(String fixture) throws Exception {
        return GeneratedTrees.generate(fixture).stream()
                .collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content));
    }

    private static Map<String, ServiceView> services(String fixture) throws Exception {
        return SystemView.of(GeneratedTrees.load(fixture)).services().stream()
                .collect(Collectors.toMap(ServiceView::id, Function.identity()));
    }

    @Test
    void servicesWithADatabaseThatPublishRelayTheirOutboxAndTheOthersSaveThenPublish() throws Exception {
        Map<String, String> shop = files("shop");
        String orders = shop.get("services/orders/cmd/orders/main.go");
        assertThat(orders).as("orders: PostgreSQL and a publish edge")
                .contains("deps.Announcer = db", "platformevents.Relay(relayCtx, db, publisher.Send", "stopRelay()",
                        "db.Housekeep(")
                .doesNotContain("SaveThenPublish");
        String catalog = shop.get("services/catalog/cmd/catalog/main.go");
        assertThat(catalog).as("catalog: a database, nothing published")
                .contains("deps.Announcer = db", "db.Housekeep(").doesNotContain("Relay(");
        String notifications = shop.get("services/notifications/cmd/notifications/main.go");
        assertThat(notifications).as("notifications: no database, a subscriber")
                .contains("deps.Announcer = store.SaveThenPublish{Items: items}",
                        "platformevents.NewMemoryInbox(10_000)")
                .doesNotContain("Relay(");
        String payments = shop.get("services/payments/cmd/payments/main.go");
        assertThat(payments).as("payments: subscribes with a database: its inbox is the database")
                .contains("var inbox platformevents.Inbox = db", "db.WaitMigrated(ctx)");

        String shipping = files("other-engines").get("services/shipping/cmd/shipping/main.go");
        assertThat(shipping).as("shipping: publishes with no database")
                .contains("store.SaveThenPublish{Items: items, Send: publisher.Send}").doesNotContain("Relay(");
    }

    @Test
    void postEndpointsAreBoundBehindIdempotencyKeysAndTheScaffoldCreatesAndAnnouncesInOneCall() throws Exception {
        Map<String, String> shop = files("shop");
        assertThat(shop.get("services/orders/internal/handlers/bindings.go"))
                .contains("e.PostOrders = deps.idempotent(HandlePostOrders(deps))")
                .contains("e.GetOrders = HandleGetOrders(deps)");
        assertThat(shop.get("services/orders/internal/handlers/post_orders.go"))
                .contains("deps.createAndAnnounce(r.Context(), \"orders\", item)")
                .doesNotContain("publishCreated", "Items.Create");
        assertThat(shop.get("services/orders/internal/handlers/deps.go"))
                .as("kept for handlers scaffolded before createAndAnnounce")
                .contains("func (d Deps) publishCreated(", "d.Announcer.Announce(ctx, topic, item)");
    }

    @Test
    void theGeneratedIdempotencyTestRunsWhereAUnitTestCanReachEverythingThePostNeeds() throws Exception {
        assertThat(services("grpc").get("stock-levels").idempotencyChecks())
                .containsExactly(new IdempotencyCheck("\"/stock\""));
        assertThat(services("other-engines").get("shipping").idempotencyChecks())
                .as("publishes with no outbox: no broker runs in a unit test").isEmpty();
        assertThat(services("shop").get("orders").idempotencyChecks()).as("needs a PostgreSQL server").isEmpty();
        assertThat(services("grpc").get("checkout").idempotencyChecks()).as("calls stock-levels first").isEmpty();
        assertThat(services("shop").get("orders").hasOutbox()).isTrue();
        assertThat(services("other-engines").get("shipping").hasOutbox()).isFalse();
    }

    /**
     * Handler files are the user's and are never rewritten: POST handlers scaffolded before the
     * outbox call {@code deps.Items.Create} then {@code deps.publishCreated}. Regenerated around
     * them, the services must still vet and build.
     */
    @Test
    void postHandlersScaffoldedBeforeTheOutboxStillBuild() throws Exception {
        assumeTrue(run(Path.of("."), List.of("go", "version")).exitCode() == 0 || "true".equals(System.getenv("CI")),
                "go is not on PATH");
        Path legacy = Path.of("src/test/resources/generate/legacy-handlers");
        Map<String, List<String[]>> byFixture = Map.of(
                "shop", List.<String[]>of(new String[] {"shop-orders-post_orders.go", "services/orders"}),
                "other-engines", List.of(
                        new String[] {"other-engines-orders-post_orders.go", "services/orders"},
                        new String[] {"other-engines-shipping-post_shipments.go", "services/shipping"}));
        for (var fixture : byFixture.entrySet()) {
            Path tree = out.resolve(fixture.getKey());
            new TreeWriter().write(GeneratedTrees.generate(fixture.getKey()), tree);
            for (String[] f : fixture.getValue()) {
                String file = f[0].substring(f[0].lastIndexOf('-') + 1);
                String old = Files.readString(legacy.resolve(f[0]), StandardCharsets.UTF_8);
                assertThat(old).contains("deps.publishCreated(r.Context(), created)");
                Files.writeString(tree.resolve(f[1]).resolve("internal/handlers").resolve(file), old);
                for (List<String> command : List.of(List.of("go", "vet", "./..."), List.of("go", "build", "./..."))) {
                    Result r = run(tree.resolve(f[1]), command);
                    assertThat(r.exitCode()).as("%s in %s/%s with the old %s:%n%s", String.join(" ", command),
                            fixture.getKey(), f[1], file, r.output()).isZero();
                }
            }
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, List<String> command) throws InterruptedException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("CGO_ENABLED", "0");
            Process p = builder.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }
}
