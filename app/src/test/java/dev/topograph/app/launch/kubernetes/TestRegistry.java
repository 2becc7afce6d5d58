package dev.topograph.app.launch.kubernetes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Just enough of the registry HTTP API (distribution v2) for a Docker engine to push to it: blob
 * uploads (monolithic or chunked) and manifests, kept in memory. On loopback, which Docker treats as
 * an insecure registry it may reach over plain HTTP. No registry image can be pulled on the build
 * machines, so this stands in for {@code registry:2} (kind's {@code localhost:5001}).
 */
final class TestRegistry implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    /** "repository:tag" → manifest. */
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();

    TestRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", this::handle);
        server.start();
    }

    /** "127.0.0.1:41234": what {@code --registry} names. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The "repository:tag" pairs pushed so far. */
    Set<String> tags() {
        return Set.copyOf(manifests.keySet());
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            URI uri = x.getRequestURI();
            String path = uri.getPath();
            String method = x.getRequestMethod();
            byte[] body = x.getRequestBody().readAllBytes();
            x.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            if (path.equals("/v2/")) {
                send(x, 200, new byte[0]);
                return;
            }
            int blobsAt = path.indexOf("/blobs/");
            int manifestsAt = path.indexOf("/manifests/");
            if (blobsAt > 0 && path.contains("/blobs/uploads/")) {
                String repository = path.substring("/v2/".length(), blobsAt);
                String id = path.substring(path.indexOf("/uploads/") + "/uploads/".length());
                if (method.equals("POST")) {
                    String upload = UUID.randomUUID().toString();
                    uploads.put(upload, new ByteArrayOutputStream());
                    uploads.get(upload).write(body);
                    String digest = query(uri, "digest");
                    if (digest != null) {
                        finish(x, repository, upload, digest);
                        return;
                    }
                    x.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + upload);
                    x.getResponseHeaders().add("Docker-Upload-UUID", upload);
                    x.getResponseHeaders().add("Range", "0-0");
                    send(x, 202, new byte[0]);
                } else if (method.equals("PATCH")) {
                    ByteArrayOutputStream upload = uploads.get(id);
                    upload.write(body);
                    x.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + id);
                    x.getResponseHeaders().add("Docker-Upload-UUID", id);
                    x.getResponseHeaders().add("Range", "0-" + (upload.size() - 1));
                    send(x, 202, new byte[0]);
                } else if (method.equals("PUT")) {
                    uploads.get(id).write(body);
                    finish(x, repository, id, query(uri, "digest"));
                } else {
                    send(x, 405, new byte[0]);
                }
            } else if (blobsAt > 0) {
                String digest = path.substring(blobsAt + "/blobs/".length());
                byte[] blob = blobs.get(digest);
                if (blob == null) {
                    send(x, 404, new byte[0]);
                } else {
                    x.getResponseHeaders().add("Docker-Content-Digest", digest);
                    x.getResponseHeaders().add("Content-Length", String.valueOf(blob.length));
                    send(x, 200, method.equals("HEAD") ? null : blob);
                }
            } else if (manifestsAt > 0) {
                String repository = path.substring("/v2/".length(), manifestsAt);
                String reference = path.substring(manifestsAt + "/manifests/".length());
                if (method.equals("PUT")) {
                    manifests.put(repository + ":" + reference, body);
                    x.getResponseHeaders().add("Docker-Content-Digest", digest(body));
                    x.getResponseHeaders().add("Location", path);
                    send(x, 201, new byte[0]);
                } else {
                    send(x, manifests.containsKey(repository + ":" + reference) ? 200 : 404, new byte[0]);
                }
            } else {
                send(x, 404, new byte[0]);
            }
        }
    }

    private void finish(HttpExchange x, String repository, String upload, String digest) throws IOException {
        byte[] content = uploads.remove(upload).toByteArray();
        if (!digest(content).equals(digest)) {
            send(x, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}".getBytes());
            return;
        }
        blobs.put(digest, content);
        x.getResponseHeaders().add("Docker-Content-Digest", digest);
        x.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/" + digest);
        send(x, 201, new byte[0]);
    }

    private static void send(HttpExchange x, int code, byte[] body) throws IOException {
        if (body == null) {
            x.sendResponseHeaders(code, -1);
            return;
        }
        x.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
    }

    private static String query(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return null;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
