package dev.topograph.app.launch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warming Go's build cache while the user draws: the design's dependencies, not its own code, and once. */
class BuildWarmerTest {
    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
    }

    @Test
    void theShopsDependenciesAreCompiledOnceAndNothingOfItsOwn(@TempDir Path folder) throws Exception {
        Topology shop = LaunchFixtures.shop();
        List<String> log = new CopyOnWriteArrayList<>();
        try (BuildWarmer warmer = new BuildWarmer(folder, () -> GoToolchain.find(
                LaunchFixtures.settings(RunSettings.ProviderKind.BINARY).searchPath()), log::add, Duration.ofMillis(50))) {
            warmer.warm(shop);
            await().atMost(Duration.ofMinutes(15)).until(() -> !log.isEmpty());
            assertThat(log).singleElement().satisfies(l -> assertThat(l).startsWith("Go build cache warmed for shop: "));
            assertThat(warmer.warmed()).as("the standard library's and the modules' packages the programs import")
                    .contains("net/http", "github.com/jackc/pgx/v5", "github.com/nats-io/nats.go",
                            "github.com/prometheus/client_golang/prometheus", "go.opentelemetry.io/otel/sdk/trace")
                    .noneMatch(p -> p.startsWith(shop.module() + "/"))
                    .as("no service of the shop serves or calls gRPC").noneMatch(p -> p.startsWith("google.golang.org/grpc"));
            assertThat(folder.resolve("go.work")).as("generated into a folder of its own").isRegularFile();

            warmer.warm(shop);
            Thread.sleep(3000);
            assertThat(log).as("the same dependencies again: nothing to do, nothing said").hasSize(1);
        }
    }
}
