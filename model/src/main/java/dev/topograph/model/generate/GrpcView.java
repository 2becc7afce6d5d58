package dev.topograph.model.generate;

import dev.topograph.model.generate.SystemView.EndpointView;
import dev.topograph.model.generate.SystemView.ParamView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The gRPC side of one service: the API it serves when a {@code grpc} edge points at it, and a
 * typed client per {@code grpc} edge it draws. Every name the proto file, the generated Go code
 * and the templates share is decided here, so the templates only print.
 *
 * @param serves whether some grpc edge points at this service
 * @param api the service's own gRPC API; its rpc list is empty when it has no endpoints
 * @param clients one per service this one calls over gRPC, sorted by target
 * @param modules every service module this one's build reads: the callees, and theirs in turn (a
 *     callee's go.mod names its own callees, and outside the workspace only this module's replace
 *     directives count)
 * @param generateDirs the service folders whose {@code api/} must be generated before this one builds
 */
public record GrpcView(boolean serves, ApiView api, List<ClientView> clients, boolean hasClients,
        List<ModuleView> modules, List<String> generateDirs) {

    /** The gRPC port of a service is its HTTP port plus this offset, or minus it near the top of the range. */
    public static final int PORT_OFFSET = 1000;

    /** Names protoc-gen-go would rename (methods of every message); a parameter never takes them. */
    private static final Set<String> MESSAGE_METHODS = Set.of("Reset", "String", "ProtoMessage", "ProtoReflect",
            "Descriptor");

    /**
     * A service's gRPC API: {@code services/<id>/api/<id>.proto} and the Go package generated from it.
     *
     * @param importPath the Go package of the generated code, {@code <module>/services/<id>/api}
     * @param alias the name a caller imports it under, {@code ordersapi}
     * @param protoPackage {@code orders.v1}
     * @param serviceName the proto service, {@code Orders}
     */
    public record ApiView(String serviceId, String module, String importPath, String alias, String protoFile,
            String protoPackage, String serviceName, int port, List<RpcView> rpcs, boolean hasRpcs,
            boolean hasIdempotent, boolean hasBodyRpc, RpcView probe, boolean hasProbe) {
    }

    /**
     * One rpc: the gRPC twin of one HTTP endpoint.
     *
     * @param fullMethodConst the constant protoc-gen-go-grpc declares for the full method name
     * @param requestLiteral the request built from the endpoint's parameters, {@code GetOrdersByIDRequest{Id: id}}
     * @param bodyRequestLiteral the same with the item, for endpoints that take a body
     * @param requestKey the scaffold's key: the getter of the last path parameter, or {@code ""}
     * @param testStatement a call of the typed client with sample arguments that sets {@code err}
     */
    public record RpcView(String name, String request, String response, String summary, String fullMethodQuoted,
            String fullMethodConst, String fileName, List<FieldView> fields, int itemNumber, EndpointView endpoint,
            boolean idempotent, boolean list, String requestLiteral, String bodyRequestLiteral, String requestKey,
            String testStatement) {
    }

    /** A string field of a request: one path parameter. */
    public record FieldView(String protoName, int number, String goField, String getter, String param) {
    }

    /** A service module required for its gRPC contract, replaced by its folder beside this one. */
    public record ModuleView(String target, String module) {
    }

    /** A typed gRPC client of another service. */
    public record ClientView(String target, String targetQuoted, String type, String field, String varName,
            String envVar, String envVarQuoted, String defaultAddrQuoted, String fileName, String testFileName,
            ApiView api, boolean hasProbe, String probeMethod) {
    }

    /** The gRPC port of a service on {@code port}. */
    public static int port(int httpPort) {
        return httpPort + PORT_OFFSET <= 65535 ? httpPort + PORT_OFFSET : httpPort - PORT_OFFSET;
    }

    /** The API of service {@code id} in system module {@code systemModule}, listening next to {@code httpPort}. */
    static ApiView api(String systemModule, String id, int httpPort, List<EndpointView> endpoints) {
        String serviceName = GoSyntax.exported(id);
        String protoPackage = GoSyntax.packageName(id) + ".v1";
        List<RpcView> rpcs = endpoints.stream().map(ep -> rpc(ep, serviceName, protoPackage)).toList();
        RpcView probe = Stream.<java.util.function.Predicate<RpcView>>of(
                        RpcView::list, r -> r.endpoint().get(), RpcView::idempotent, r -> !r.endpoint().post(), r -> true)
                .flatMap(p -> rpcs.stream().filter(p).findFirst().stream())
                .findFirst().orElse(null);
        String module = systemModule + "/services/" + id;
        return new ApiView(id, module, module + "/api", GoSyntax.packageName(id) + "api", id + ".proto", protoPackage,
                serviceName, port(httpPort), rpcs, !rpcs.isEmpty(), rpcs.stream().anyMatch(RpcView::idempotent),
                rpcs.stream().anyMatch(r -> r.endpoint().hasBody()), probe, probe != null);
    }

    /** A client of {@code callee}'s API; it probes the first list rpc when the POST scaffold calls dependencies. */
    static ClientView client(ApiView callee) {
        String target = callee.serviceId();
        String probe = callee.rpcs().stream().filter(RpcView::list).map(RpcView::name).findFirst().orElse("");
        String envVar = GoSyntax.envName(target) + "_GRPC_ADDR";
        return new ClientView(target, GoSyntax.quote(target), GoSyntax.exported(target) + "GRPCClient",
                GoSyntax.exported(target) + "GRPC", GoSyntax.unexported(target) + "GRPC", envVar,
                GoSyntax.quote(envVar), GoSyntax.quote("127.0.0.1:" + callee.port()), target + "_grpc.go",
                target + "_grpc_test.go", callee, !probe.isEmpty(), probe);
    }

    private static RpcView rpc(EndpointView ep, String serviceName, String protoPackage) {
        String name = ep.clientMethod();
        List<FieldView> fields = new ArrayList<>();
        Set<String> used = new HashSet<>(Set.of("item"));
        int number = 1;
        for (ParamView p : ep.params()) {
            String proto = protoFieldName(p.name());
            if (MESSAGE_METHODS.contains(goCamelCase(proto))) {
                proto = proto + "_param";
            }
            String unique = proto;
            for (int i = 2; !used.add(unique); i++) {
                unique = proto + "_" + i;
            }
            String goField = goCamelCase(unique);
            fields.add(new FieldView(unique, number++, goField, "Get" + goField, p.goName()));
        }
        String request = name + "Request";
        StringBuilder assignments = new StringBuilder();
        for (FieldView f : fields) {
            assignments.append(assignments.isEmpty() ? "" : ", ").append(f.goField()).append(": ").append(f.param());
        }
        String withItem = assignments.isEmpty() ? "Item: payload" : assignments + ", Item: payload";
        String requestKey = fields.isEmpty() ? "\"\"" : "req." + fields.get(fields.size() - 1).getter() + "()";
        StringBuilder args = new StringBuilder("ctx");
        for (int i = 1; i <= fields.size(); i++) {
            args.append(", \"x").append(i).append('"');
        }
        if (ep.hasBody()) {
            args.append(", store.Item{\"name\": \"grpc\"}");
        }
        String call = "c." + name + "(" + args + ")";
        String testStatement = ep.delete() ? "err := " + call : "_, err := " + call;
        boolean idempotent = ep.get() || ep.put() || ep.delete();
        return new RpcView(name, request, name + "Response", ep.summary(),
                GoSyntax.quote("/" + protoPackage + "." + serviceName + "/" + name),
                serviceName + "_" + name + "_FullMethodName", "grpc_" + ep.fileName(), List.copyOf(fields), number,
                ep, idempotent, ep.get() && !ep.item(), request + "{" + assignments + "}",
                request + "{" + withItem + "}", requestKey, testStatement);
    }

    /** A path parameter as a proto field name: {@code noteId} → {@code note_id}. */
    static String protoFieldName(String param) {
        String snake = param.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT).replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (snake.isEmpty()) {
            return "param";
        }
        return Character.isLetter(snake.charAt(0)) ? snake : "p_" + snake;
    }

    /** The Go name protoc-gen-go gives a field (its {@code strs.GoCamelCase}). */
    static String goCamelCase(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && i + 1 < s.length() && isLower(s.charAt(i + 1))) {
                continue;
            } else if (c == '.') {
                b.append('_');
            } else if (c == '_' && (i == 0 || s.charAt(i - 1) == '.')) {
                b.append('X');
            } else if (c == '_' && i + 1 < s.length() && isLower(s.charAt(i + 1))) {
                continue;
            } else if (c >= '0' && c <= '9') {
                b.append(c);
            } else {
                b.append(isLower(c) ? (char) (c - ('a' - 'A')) : c);
                for (; i + 1 < s.length() && isLower(s.charAt(i + 1)); i++) {
                    b.append(s.charAt(i + 1));
                }
            }
        }
        return b.toString();
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
