package dev.topograph.app.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.model.generate.LaunchPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which programs of the tiny design a changed file rebuilds: its service, the gateways, or everyone for the platform. */
class SourceOwnersTest {
    private static SourceOwners owners;

    @BeforeAll
    static void plan() throws Exception {
        owners = SourceOwners.of(LaunchPlan.of(LaunchFixtures.tiny()));
    }

    @Test
    void aServiceFileRebuildsThatServiceOnly() {
        Path handler = Path.of("services/items/internal/handlers/get_items.go");
        assertThat(owners.of(List.of(handler))).isEqualTo(Map.of("items", List.of(handler)));
    }

    @Test
    void aGatewayFileRebuildsTheGateways() {
        assertThat(owners.of(List.of(Path.of("gateway/cmd/edge/main.go")))).containsOnlyKeys("edge");
    }

    @Test
    void aPlatformFileRebuildsEveryProgram() {
        assertThat(owners.of(List.of(Path.of("platform/httpx/server.go"))).keySet())
                .containsExactlyInAnyOrder("items", "audit", "edge");
    }

    @Test
    void filesNoProgramIsBuiltFromRebuildNothing() {
        assertThat(owners.of(List.of(Path.of("deploy/compose.yaml"), Path.of("go.work"),
                Path.of("services/itemsx/main.go")))).isEmpty();
    }

    @Test
    void aFolderWhoseEventsWereLostStandsForEverythingUnderIt() {
        assertThat(owners.of(List.of(Path.of("services"))).keySet()).containsExactlyInAnyOrder("items", "audit");
        assertThat(owners.of(List.of(Path.of(""))).keySet()).containsExactlyInAnyOrder("items", "audit", "edge");
    }

    @Test
    void eachOwnerHearsOnlyItsOwnFiles() {
        Path items = Path.of("services/items/go.mod");
        Path audit = Path.of("services/audit/internal/handlers/get_audit.go");
        assertThat(owners.of(List.of(items, audit))).isEqualTo(Map.of("items", List.of(items), "audit", List.of(audit)));
    }
}
