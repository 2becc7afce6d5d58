package dev.topograph.app.launch.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fabric8's mock API server in CRUD mode, taught server-side apply, which its CRUD mode refuses (415):
 * an apply of an absent object creates it, of a present one replaces it (one field manager owns all it
 * applies), and either way records the
 * field manager in {@code metadata.managedFields} as a real server does. It also answers, on request,
 * the way a real server refuses: 403 for one resource, 409 for an apply without {@code force=true}.
 * Every request is kept, so a test can see the query a call sent. Public for the designer's window test,
 * which deploys through a kubeconfig that points here.
 */
public final class ApplyingMockServer implements AutoCloseable {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final String APPLY = "application/apply-patch+yaml";

    /** One request as the server saw it. */
    record Seen(String method, String path, String contentType) {
    }

    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final Map<String, MockResponse> forbidden = new ConcurrentHashMap<>();
    private final Map<String, String> conflicts = new ConcurrentHashMap<>();
    private final Map<String, Metrics> metrics = new ConcurrentHashMap<>();

    /** What a pod serves on its metrics port. */
    private record Metrics(int port, String body) {
    }
    private final KubernetesMockServer server;

    public ApplyingMockServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher(), false);
        server.init();
    }

    public NamespacedKubernetesClient client() {
        return server.createClient();
    }

    Cluster cluster() {
        return Cluster.of(client(), "mock");
    }

    /** Every request so far. */
    List<Seen> requests() {
        return List.copyOf(requests);
    }

    /** Answers 403, as RBAC does, to every request whose path contains {@code /<resource>}. */
    void forbid(String resource, String group) {
        String message = resource + (group.isEmpty() ? "" : "." + group) + " is forbidden: User \"developer\" cannot "
                + "patch resource \"" + resource + "\" in API group \"" + group + "\" in the namespace \"shop\"";
        forbidden.put("/" + resource, status(403, "Forbidden", message, resource, group, List.of()));
    }

    /** Answers 409, as a server-side apply conflict does, to an apply of {@code path} that does not force. */
    void conflictOn(String pathSuffix, String manager, String field) {
        conflicts.put(pathSuffix, manager + "\u0000" + field);
    }

    /**
     * Makes pod {@code pod} answer port-forwards as a generated service would answer {@code GET /metrics}:
     * the port-forward protocol over a WebSocket (a channel byte before each frame, the port first on the
     * data and error channels), then an HTTP response for each request forwarded: {@code body} on
     * {@code port}, its metrics port, and 404 on any other port, as a service's public port answers.
     */
    public void serveMetrics(String pod, int port, String body) {
        metrics.put(pod, new Metrics(port, body));
    }

    private static MockResponse portForward(int port, Metrics served) {
        String body = port == served.port() ? served.body() : "404 page not found\n";
        String status = port == served.port() ? "200 OK" : "404 Not Found";
        return new MockResponse().withWebSocketUpgrade(new io.fabric8.mockwebserver.http.WebSocketListener() {
            @Override
            public void onOpen(io.fabric8.mockwebserver.http.WebSocket socket, io.fabric8.mockwebserver.http.Response r) {
                socket.send(new byte[] {0, (byte) (port & 0xff), (byte) (port >> 8)});
                socket.send(new byte[] {1, (byte) (port & 0xff), (byte) (port >> 8)});
            }

            @Override
            @SuppressWarnings("deprecation") // the mock hands binary frames to this overload
            public void onMessage(io.fabric8.mockwebserver.http.WebSocket socket, io.fabric8.mockwebserver.http.ByteString bytes) {
                onMessage(socket, bytes.toByteArray());
            }

            @Override
            public void onMessage(io.fabric8.mockwebserver.http.WebSocket socket, byte[] bytes) {
                if (bytes.length > 1 && bytes[0] == 0) {
                    byte[] content = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] head = ("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: "
                            + content.length + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] frame = new byte[1 + head.length + content.length];
                    System.arraycopy(head, 0, frame, 1, head.length);
                    System.arraycopy(content, 0, frame, 1 + head.length, content.length);
                    socket.send(frame);
                }
            }
        });
    }

    private static MockResponse status(int code, String reason, String message, String kind, String group,
            List<String> fields) {
        var status = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withNewDetails().withKind(kind).withGroup(group)
                .withCauses(fields.stream().map(f -> new StatusCauseBuilder().withReason("FieldManagerConflict")
                        .withField(f).withMessage(message).build()).toList())
                .endDetails().build();
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(JSON.asJson(status));
    }

    private final class Dispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String contentType = request.getHeader("Content-Type");
            requests.add(new Seen(request.getMethod(), request.getPath(), contentType == null ? "" : contentType));
            String path = request.getPath();
            String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            for (Map.Entry<String, MockResponse> f : forbidden.entrySet()) {
                if (plain.contains(f.getKey() + "/") || plain.endsWith(f.getKey())) {
                    return f.getValue();
                }
            }
            if (plain.endsWith("/portforward")) {
                String pod = plain.substring(0, plain.length() - "/portforward".length());
                pod = pod.substring(pod.lastIndexOf('/') + 1);
                if (metrics.containsKey(pod)) {
                    return portForward(Integer.parseInt(query(path, "ports")), metrics.get(pod));
                }
            }
            if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.startsWith(APPLY)) {
                return apply(request, path, plain);
            }
            return super.dispatch(request);
        }

        private MockResponse apply(RecordedRequest request, String path, String plain) {
            boolean force = path.contains("force=true");
            for (Map.Entry<String, String> c : conflicts.entrySet()) {
                if (plain.endsWith(c.getKey()) && !force) {
                    String[] who = c.getValue().split("\u0000");
                    String message = "Apply failed with 1 conflict: conflict with \"" + who[0] + "\" using apps/v1: "
                            + who[1];
                    return status(409, "Conflict", message, plain.substring(plain.lastIndexOf('/') + 1), "apps",
                            List.of(who[1]));
                }
            }
            String manager = query(path, "fieldManager");
            GenericKubernetesResource body = JSON.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class);
            ManagedFieldsEntry entry = new ManagedFieldsEntry();
            entry.setManager(manager);
            entry.setOperation("Apply");
            entry.setApiVersion(body.getApiVersion());
            body.getMetadata().setManagedFields(List.of(entry));
            Buffer json = new Buffer().writeUtf8(JSON.asJson(body));
            if (handleGet(plain).code() == 404) {
                String collection = plain.substring(0, plain.lastIndexOf('/'));
                Headers headers = Headers.builder().add("Content-Type", "application/json").build();
                return handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST, collection, headers, json));
            }
            // one field manager owns every field it applies: the applied object replaces what it set before
            Headers headers = Headers.builder().add("Content-Type", "application/json").build();
            return handleUpdate(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, plain, headers, json));
        }
    }

    private static String query(String path, String name) {
        int q = path.indexOf('?');
        if (q < 0) {
            return "";
        }
        for (String pair : path.substring(q + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.destroy();
    }
}
