package dev.topograph.app.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an OTLP trace export into {@link Span}s: the protobuf body of OTLP/HTTP
 * ({@code application/x-protobuf}) or its JSON form ({@code application/json}, ids in hex). Keeps at
 * most {@value #MAX_ATTRIBUTES} attributes per span, each value cut at {@value #MAX_VALUE_CHARS}
 * characters, so one chatty span cannot make the ring's memory unbounded.
 */
public final class OtlpDecoder {
    static final int MAX_ATTRIBUTES = 24;
    static final int MAX_VALUE_CHARS = 256;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Attribute keys and service names, one copy each: a ring of 100k spans repeats a few dozen of them. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_NAMES = 4096;

    private OtlpDecoder() {
    }

    /** The spans of a protobuf {@code ExportTraceServiceRequest}. */
    public static List<Span> protobuf(byte[] body) throws OtlpFormatException {
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new OtlpFormatException("not an OTLP ExportTraceServiceRequest: " + e.getMessage(), e);
        }
        List<Span> out = new ArrayList<>();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String node = serviceName(rs.getResource().getAttributesList());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    out.add(new Span(id(s.getTraceId(), 16, "trace"), id(s.getSpanId(), 8, "span"),
                            s.getParentSpanId().isEmpty() ? "" : id(s.getParentSpanId(), 8, "parent span"),
                            node, s.getName(), Span.Kind.of(s.getKindValue()), s.getStartTimeUnixNano(),
                            s.getEndTimeUnixNano(), s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
                            attributes(s.getAttributesList())));
                }
            }
        }
        return out;
    }

    /** The spans of the JSON form of the request (OTLP/HTTP JSON: ids in hex, numbers maybe as strings). */
    public static List<Span> json(byte[] body) throws OtlpFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new OtlpFormatException("not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new OtlpFormatException("an OTLP export is a JSON object with resourceSpans");
        }
        List<Span> out = new ArrayList<>();
        for (JsonNode rs : root.path("resourceSpans")) {
            Map<String, String> resource = jsonAttributes(rs.path("resource").path("attributes"));
            String node = resource.getOrDefault("service.name", "unknown");
            for (JsonNode ss : rs.path("scopeSpans")) {
                for (JsonNode s : ss.path("spans")) {
                    out.add(new Span(hexId(s.path("traceId").asText(""), 32, "trace"),
                            hexId(s.path("spanId").asText(""), 16, "span"),
                            s.path("parentSpanId").asText("").isEmpty() ? ""
                                    : hexId(s.path("parentSpanId").asText(), 16, "parent span"),
                            node, s.path("name").asText(""), kind(s.path("kind")),
                            s.path("startTimeUnixNano").asLong(), s.path("endTimeUnixNano").asLong(),
                            isError(s.path("status").path("code")), jsonAttributes(s.path("attributes"))));
                }
            }
        }
        return out;
    }

    private static Span.Kind kind(JsonNode k) {
        if (k.isTextual() && k.asText().startsWith("SPAN_KIND_")) {
            try {
                return Span.Kind.valueOf(k.asText().substring("SPAN_KIND_".length()));
            } catch (IllegalArgumentException e) {
                return Span.Kind.UNSPECIFIED;
            }
        }
        return Span.Kind.of(k.asInt(0));
    }

    private static boolean isError(JsonNode code) {
        return code.asInt(0) == Status.StatusCode.STATUS_CODE_ERROR_VALUE || "STATUS_CODE_ERROR".equals(code.asText());
    }

    private static String serviceName(List<KeyValue> attributes) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals("service.name")) {
                return name(kv.getValue().getStringValue());
            }
        }
        return "unknown";
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        if (list.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (KeyValue kv : list) {
            if (out.size() == MAX_ATTRIBUTES) {
                break;
            }
            out.put(name(kv.getKey()), cut(text(kv.getValue())));
        }
        return out;
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> String.valueOf(v.getBoolValue());
            case INT_VALUE -> String.valueOf(v.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(v.getDoubleValue());
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(OtlpDecoder::text).toList().toString();
            case BYTES_VALUE -> hex(v.getBytesValue());
            default -> "";
        };
    }

    private static Map<String, String> jsonAttributes(JsonNode list) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode kv : list) {
            if (out.size() == MAX_ATTRIBUTES) {
                break;
            }
            JsonNode value = kv.path("value");
            String text = value.isObject() && value.size() > 0 ? value.elements().next().asText("") : "";
            out.put(kv.path("key").asText(""), cut(text));
        }
        return out;
    }

    /** The one copy of a name that recurs; past {@value #MAX_NAMES} names (a misbehaving sender), a copy each. */
    private static String name(String s) {
        String known = NAMES.get(s);
        if (known != null) {
            return known;
        }
        if (NAMES.size() < MAX_NAMES) {
            known = NAMES.putIfAbsent(s, s);
        }
        return known == null ? s : known;
    }

    private static String cut(String s) {
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "…" : s;
    }

    private static String id(ByteString bytes, int size, String what) throws OtlpFormatException {
        if (bytes.size() != size) {
            throw new OtlpFormatException("a " + what + " id has " + bytes.size() + " bytes, not " + size);
        }
        return hex(bytes);
    }

    private static String hex(ByteString bytes) {
        char[] out = new char[bytes.size() * 2];
        for (int i = 0; i < bytes.size(); i++) {
            int b = bytes.byteAt(i) & 0xff;
            out[2 * i] = HEX[b >>> 4];
            out[2 * i + 1] = HEX[b & 0xf];
        }
        return new String(out);
    }

    private static String hexId(String hex, int length, String what) throws OtlpFormatException {
        if (hex.length() != length || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new OtlpFormatException("a " + what + " id must be " + length + " hex digits, not \"" + cut(hex) + "\"");
        }
        return hex.toLowerCase(java.util.Locale.ROOT);
    }
}
