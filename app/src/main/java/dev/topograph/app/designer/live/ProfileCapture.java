package dev.topograph.app.designer.live;

import dev.topograph.app.live.Profiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Fetches a pprof profile from a service's admin port into a file: {@link Profiles#capture}, injectable. */
@FunctionalInterface
public interface ProfileCapture {

    /** Blocks while the profile is taken (a CPU profile for {@code seconds}); returns the bytes written. */
    long capture(URI adminUrl, Profiles.Kind kind, int seconds, Path target) throws IOException, InterruptedException;
}
