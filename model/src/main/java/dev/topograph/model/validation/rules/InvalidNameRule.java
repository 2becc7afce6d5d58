package dev.topograph.model.validation.rules;

import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Names;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** TOPO001: every id, path, topic and name has the syntax the generated code can safely use. */
public final class InvalidNameRule implements Rule {

    @Override
    public String code() {
        return "TOPO001";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String title() {
        return "Invalid id, path, topic or name";
    }

    @Override
    public List<Diagnostic> check(TopologyGraph graph) {
        Topology t = graph.topology();
        List<Diagnostic> found = new ArrayList<>();
        if (!Names.isId(t.name())) {
            found.add(problem(List.of(), "The topology name " + Names.show(t.name())
                    + " is not valid: " + Names.whyNotId(t.name()) + ". It names images, labels and folders."));
        }
        if (!Names.isModulePath(t.module())) {
            found.add(problem(List.of(), "The Go module path " + Names.show(t.module())
                    + " is not valid: use a path such as example.com/shop (lower-case host, then /-separated parts)."));
        }
        for (BoundedContext c : t.contexts()) {
            if (!Names.isId(c.id())) {
                found.add(problem(List.of(c.id()), "The context id " + Names.show(c.id()) + " is not valid: "
                        + Names.whyNotId(c.id()) + "."));
            }
            if (!Names.isDisplayName(c.name())) {
                found.add(problem(List.of(c.id()), "The context name " + Names.show(c.name())
                        + " is not valid: use 1–63 ASCII letters, digits, spaces and _ . & -, starting with a letter or digit."));
            }
        }
        for (Node n : t.nodes()) {
            if (!Names.isId(n.id())) {
                found.add(problem(List.of(n.id()), "The " + n.kind().json() + " id " + Names.show(n.id())
                        + " is not valid: " + Names.whyNotId(n.id())
                        + ". Ids become Go package, folder, DNS and Kubernetes names."));
            }
            if (n instanceof ServiceNode s) {
                checkEndpoints(s, found);
            }
        }
        for (Edge e : t.edges()) {
            checkEdge(e, found);
        }
        return found;
    }

    private void checkEndpoints(ServiceNode s, List<Diagnostic> found) {
        for (Endpoint ep : s.endpoints()) {
            if (!Names.isHttpMethod(ep.method())) {
                found.add(problem(List.of(s.id()), "The endpoint method " + Names.show(ep.method()) + " of " + s.id()
                        + " is not valid: use GET, POST, PUT, PATCH or DELETE."));
            }
            if (!Names.isEndpointPath(ep.path())) {
                found.add(problem(List.of(s.id()), "The endpoint path " + Names.show(ep.path()) + " of " + s.id()
                        + " is not valid: use /segments of letters, digits and . _ ~ - or {name} wildcards, such as /orders/{id}."));
            } else if (Names.RESERVED_PATHS.contains(ep.path())) {
                found.add(problem(List.of(s.id()), "The endpoint path " + ep.path() + " of " + s.id()
                        + " is reserved: every generated service serves /healthz and /readyz itself, and /metrics"
                        + " on its metrics port."));
            } else {
                repeatedWildcard(ep.path()).ifPresent(name -> found.add(problem(List.of(s.id()), "The endpoint path "
                        + Names.show(ep.path()) + " of " + s.id() + " is not valid: the wildcard {" + name
                        + "} appears twice, and Go's ServeMux refuses such a pattern.")));
            }
        }
    }

    /** The first wildcard name a path uses twice, such as {@code id} in {@code /a/{id}/b/{id}}. */
    private static Optional<String> repeatedWildcard(String path) {
        Set<String> seen = new HashSet<>();
        for (String segment : path.split("/")) {
            if (segment.startsWith("{") && !seen.add(segment.substring(1, segment.length() - 1))) {
                return Optional.of(segment.substring(1, segment.length() - 1));
            }
        }
        return Optional.empty();
    }

    private void checkEdge(Edge e, List<Diagnostic> found) {
        e.id().filter(id -> !Names.isId(id)).ifPresent(id -> found.add(problem(List.of(e.key()),
                "The edge id " + Names.show(id) + " is not valid: " + Names.whyNotId(id) + ".")));
        e.route().filter(r -> !Names.isRoutePrefix(r)).ifPresent(r -> found.add(problem(List.of(e.key()),
                "The route " + Names.show(r) + " is not valid: use a path prefix such as /orders.")));
        e.topic().filter(topic -> !Names.isTopic(topic)).ifPresent(topic -> found.add(problem(List.of(e.key()),
                "The topic " + Names.show(topic) + " is not valid: use dot-separated words of letters, digits, _ and -, such as order.created.")));
    }
}
