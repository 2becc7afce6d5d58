package dev.topograph.app.traces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Traces as JSON: what the receiver's query API answers and {@code topograph traces --format json} prints. */
public final class TraceJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceJson() {
    }

    public static String write(List<Trace> traces) {
        ArrayNode list = JSON.createArrayNode();
        traces.forEach(t -> list.add(node(t)));
        try {
            return JSON.writeValueAsString(list);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always writes
        }
    }

    /** The traces in a body {@link #write} wrote. */
    public static List<Trace> read(String body) throws java.io.IOException {
        List<Trace> out = new java.util.ArrayList<>();
        for (var t : JSON.readTree(body)) {
            List<Span> spans = new java.util.ArrayList<>();
            for (var s : t.path("spans")) {
                java.util.Map<String, String> attributes = new java.util.HashMap<>();
                s.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
                spans.add(new Span(t.path("traceId").asText(), s.path("spanId").asText(),
                        s.path("parentSpanId").asText(""), s.path("node").asText(), s.path("name").asText(),
                        Span.Kind.valueOf(s.path("kind").asText("UNSPECIFIED")), s.path("startUnixNanos").asLong(),
                        s.path("endUnixNanos").asLong(), s.path("error").asBoolean(), attributes));
            }
            if (!spans.isEmpty()) {
                out.add(new Trace(t.path("traceId").asText(), spans));
            }
        }
        return out;
    }

    private static ObjectNode node(Trace t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("traceId", t.traceId());
        o.put("route", t.route());
        o.put("rootNode", t.root().node());
        o.put("startUnixNanos", t.startNanos());
        o.put("durationMillis", t.durationNanos() / 1e6);
        o.put("error", t.error());
        ArrayNode nodes = o.putArray("nodes");
        t.nodes().forEach(nodes::add);
        ArrayNode spans = o.putArray("spans");
        for (Span s : t.spans()) {
            ObjectNode x = spans.addObject();
            x.put("spanId", s.spanId());
            if (!s.parentSpanId().isEmpty()) {
                x.put("parentSpanId", s.parentSpanId());
            }
            x.put("node", s.node());
            x.put("name", s.name());
            x.put("kind", s.kind().name());
            x.put("startUnixNanos", s.startNanos());
            x.put("endUnixNanos", s.endNanos());
            x.put("durationMillis", s.durationNanos() / 1e6);
            x.put("error", s.error());
            ObjectNode attributes = x.putObject("attributes");
            s.attributes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> attributes.put(e.getKey(), e.getValue()));
        }
        return o;
    }
}
