package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformPackagesTest {
    @Test
    void theShopsMakefileTestsOnlyThePlatformPackagesItsProgramsUse() throws Exception {
        List<GeneratedFile> files = GeneratedTrees.generate("shop");
        assertThat(PlatformPackages.usedBy(files, GeneratedTrees.load("shop").module() + "/platform")).containsExactly(
                "config", "events", "events/natsbus", "httpclient", "httpx", "idempotency", "metrics", "proxy", "store",
                "store/postgresdb", "store/rediscache", "store/sqlstore", "telemetry", "testports");
        String makefile = files.stream().filter(f -> f.path().equals("Makefile")).findFirst().orElseThrow().content();
        assertThat(makefile).contains("PLATFORM_PACKAGES := ./config ./events ./events/natsbus ./httpclient ./httpx "
                + "./idempotency ./metrics ./proxy ./store ./store/postgresdb ./store/rediscache ./store/sqlstore ./telemetry ./testports\n")
                .contains("cd platform && go test -race -count=1 $(PLATFORM_PACKAGES)")
                .doesNotContain("kafkabus", "sqlitedb", "grpcx");
    }

    @Test
    void aDesignWithGrpcTestsGrpcxAndTheGenerateTool() throws Exception {
        List<GeneratedFile> files = GeneratedTrees.generate("grpc");
        assertThat(PlatformPackages.usedBy(files, GeneratedTrees.load("grpc").module() + "/platform"))
                .contains("grpcx", "cmd/protobuild").doesNotContain("events/kafkabus", "store/sqlitedb");
    }
}
