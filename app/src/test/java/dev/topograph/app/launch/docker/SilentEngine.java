package dev.topograph.app.launch.docker;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an engine that hangs: on a unix socket or a loopback port, it answers
 * {@code _ping} and {@code version} like Docker (or nothing at all, if told so) and then never
 * answers another request, keeping the connections open.
 */
final class SilentEngine implements Closeable {
    private final ServerSocketChannel server;
    private final URI host;
    private final boolean answersPing;
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();

    private SilentEngine(ServerSocketChannel server, URI host, boolean answersPing) {
        this.server = server;
        this.host = host;
        this.answersPing = answersPing;
        Thread acceptor = new Thread(this::accept, "silent-engine");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SilentEngine onUnixSocket(Path socket, boolean answersPing) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new SilentEngine(server, URI.create("unix://" + socket.toAbsolutePath()), answersPing);
    }

    static SilentEngine onLoopback(boolean answersPing) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return new SilentEngine(server, URI.create("tcp://127.0.0.1:" + port), answersPing);
    }

    URI host() {
        return host;
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel connection = server.accept();
                connections.add(connection);
                Thread serve = new Thread(() -> serve(connection), "silent-engine-connection");
                serve.setDaemon(true);
                serve.start();
            }
        } catch (IOException closed) {
            // closed: the test is over
        }
    }

    private void serve(SocketChannel connection) {
        try (InputStream in = Channels.newInputStream(connection)) {
            while (answersPing) {
                String head = readHead(in);
                String path = head.split(" ", 3)[1];
                String body = path.endsWith("/_ping") ? "OK"
                        : path.endsWith("/version") ? "{\"Version\":\"silent\",\"ApiVersion\":\"1.41\"}"
                        : null;
                if (body == null) {
                    break; // and never a byte back
                }
                String contentType = body.startsWith("{") ? "application/json" : "text/plain";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                String response = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n" + body;
                connection.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
            }
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException | InterruptedException | RuntimeException closed) {
            // the client went away, or the test is over
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel connection : connections) {
            connection.close();
        }
    }
}
