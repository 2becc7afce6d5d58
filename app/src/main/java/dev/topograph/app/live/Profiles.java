package dev.topograph.app.live;

import dev.topograph.model.file.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Captures a pprof profile of a running service from its admin port (net/http/pprof, bound to
 * localhost) and saves it where the user says, for {@code go tool pprof}.
 */
public final class Profiles {

    /** The profiles a node offers. */
    public enum Kind {
        CPU("profile?seconds=%d", "cpu"), HEAP("heap", "heap"), GOROUTINE("goroutine", "goroutine");

        private final String path;
        private final String word;

        Kind(String path, String word) {
            this.path = path;
            this.word = word;
        }

        /** The default file name of a capture: {@code orders-cpu.pprof}. */
        public String fileName(String node) {
            return node + "-" + word + ".pprof";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Fetches the profile from {@code adminUrl} (e.g. http://127.0.0.1:18081) and writes it to
     * {@code target} whole or not at all.
     *
     * @param seconds how long a CPU profile samples
     */
    public long capture(URI adminUrl, Kind kind, int seconds, Path target) throws IOException, InterruptedException {
        String path = "/debug/pprof/" + String.format(kind.path, seconds);
        HttpRequest request = HttpRequest.newBuilder(adminUrl.resolve(path))
                .timeout(Duration.ofSeconds(seconds + 15L)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(adminUrl + path + " answered " + response.statusCode());
        }
        AtomicFiles.write(target, response.body());
        return response.body().length;
    }
}
