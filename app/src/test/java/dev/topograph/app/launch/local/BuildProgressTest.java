package dev.topograph.app.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildProgressTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aFirstBuildSaysItCompilesDependenciesOnceAndHowFarItHasGot() {
        BuildProgress progress = new BuildProgress("example.com/shop", 0);
        assertThat(progress.describe(S)).as("nothing to say in the first seconds").isEmpty();
        progress.expect(498);
        progress.compiled("net/http");
        progress.compiled("github.com/jackc/pgx/v5");
        progress.compiled("example.com/shop/platform/httpx");
        assertThat(progress.describe(40 * S)).isEqualTo("3 of 498 packages · 40 s · first build: compiling dependencies once");
        assertThat(progress.summary(52 * S)).isEqualTo("built with the whole system in 52.0 s: 3 packages compiled "
                + "(2 of them dependencies, compiled once: later builds find them in Go's build cache)");
    }

    @Test
    void aBuildOfTheSystemsOwnPackagesSaysOnlyHowMany() {
        BuildProgress progress = new BuildProgress("example.com/shop", 0);
        progress.compiled("example.com/shop/services/orders/cmd/orders");
        assertThat(progress.describe(3 * S)).isEqualTo("1 package · 3 s · compiling");
        assertThat(progress.summary(3 * S)).isEqualTo("built with the whole system in 3.0 s: 1 package compiled");
    }

    @Test
    void aBuildThatFoundEverythingCachedIsSilent() {
        BuildProgress progress = new BuildProgress("example.com/shop", 0);
        assertThat(progress.summary(S)).isEmpty();
        assertThat(progress.describe(5 * S)).isEqualTo("checking what to compile · 5 s");
    }
}
