package dev.topograph.app.traces;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** OTLP export bodies as a Go service sends them, for the receiver's tests and benchmark. */
final class Exports {
    private Exports() {
    }

    static ExportTraceServiceRequest request(String service, List<Span> spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))).build();
    }

    static Span span(String traceId, String spanId, String parentId, String name, Span.SpanKind kind, long start,
            long end, boolean error, Map<String, String> attributes) {
        Span.Builder b = Span.newBuilder().setTraceId(bytes(traceId)).setSpanId(bytes(spanId)).setName(name)
                .setKind(kind).setStartTimeUnixNano(start).setEndTimeUnixNano(end);
        if (!parentId.isEmpty()) {
            b.setParentSpanId(bytes(parentId));
        }
        if (error) {
            b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
        }
        attributes.forEach((k, v) -> b.addAttributes(attribute(k, v)));
        return b.build();
    }

    static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    static String traceId(long n) {
        return String.format("%032x", n + 1);
    }

    static String spanId(long n) {
        return String.format("%016x", n + 1);
    }
}
