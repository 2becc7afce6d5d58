package dev.topograph.app.designer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every window test needs first: a display; skipped without one, except in CI, where that is a failure. */
public final class Display {
    private Display() {
    }

    public static void require() {
        boolean display = System.getenv("DISPLAY") != null;
        if (!display && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must provide a display (xvfb-run) for the window tests");
        }
        assumeTrue(display, "no display");
    }
}
