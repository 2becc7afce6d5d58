package dev.topograph.app.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback port checks: is it free, does something answer there. */
public final class Probes {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Probes() {
    }

    /** Whether nothing listens on {@code port} on any interface (what a service binding ":port" needs). */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on, never handed out twice by this process. */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port after 200 tries");
    }

    /** Whether something accepts a TCP connection on 127.0.0.1:{@code port} within {@code timeout}. */
    public static boolean answers(int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until 127.0.0.1:{@code port} accepts connections. Fails early when {@code instance} exits.
     *
     * @throws LaunchException with {@code what} and the reason when it never answers
     */
    public static void awaitPort(String what, int port, Instance instance, Duration timeout)
            throws LaunchException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (instance.exit().isDone()) {
                throw new LaunchException(what + " exited with code " + instance.exit().getNow(-1)
                        + " before it accepted connections on port " + port);
            }
            if (answers(port, Duration.ofMillis(200))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new LaunchException(what + " did not accept connections on port " + port + " within "
                + timeout.toSeconds() + " s");
    }
}
