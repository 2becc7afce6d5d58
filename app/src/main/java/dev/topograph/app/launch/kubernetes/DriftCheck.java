package dev.topograph.app.launch.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares live objects with the ones a deploy applies, field by field over what the design sets:
 * the server's defaults, status and bookkeeping are not drift; a changed, missing or extra value is.
 * Pure: the caller fetches the objects.
 */
final class DriftCheck {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private DriftCheck() {
    }

    /** The fields of {@code desired} whose value differs on {@code live}, as "path: live on the cluster, desired in the design". */
    static List<String> differences(HasMetadata desired, HasMetadata live) {
        @SuppressWarnings("unchecked")
        Map<String, Object> want = JSON.convertValue(desired, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> have = JSON.convertValue(live, Map.class);
        List<String> out = new ArrayList<>();
        compare("spec", want.get("spec"), have.get("spec"), out);
        compare("data", want.get("data"), have.get("data"), out);
        Map<?, ?> wantMeta = (Map<?, ?>) want.getOrDefault("metadata", Map.of());
        Map<?, ?> haveMeta = (Map<?, ?>) have.getOrDefault("metadata", Map.of());
        compare("metadata.labels", wantMeta.get("labels"), haveMeta.get("labels"), out);
        compare("metadata.annotations", wantMeta.get("annotations"), haveMeta.get("annotations"), out);
        return out;
    }

    /**
     * Whether {@code live}, whose count the design leaves to its autoscaler, was scaled by another hand: its
     * {@code spec.replicas} is not what the autoscaler last decided ({@code status.desiredReplicas}). The API
     * server does not record who changes a count through the scale subresource (no field manager owns it
     * afterwards), so the autoscaler's own last word is the witness. Empty when the design sets the count
     * itself (a different value is then a difference), or the autoscaler has not decided yet.
     *
     * @return "spec.replicas: 3 on the cluster, where HorizontalPodAutoscaler/gateway last set 2 (2 to 4)"
     */
    static Optional<String> handScaled(HasMetadata desired, HasMetadata live, HorizontalPodAutoscaler autoscaler) {
        @SuppressWarnings("unchecked")
        Map<String, Object> want = JSON.convertValue(desired, Map.class);
        if (want.get("spec") instanceof Map<?, ?> spec && spec.containsKey("replicas")) {
            return Optional.empty();
        }
        Integer replicas = live instanceof Deployment d ? d.getSpec().getReplicas()
                : live instanceof StatefulSet s ? s.getSpec().getReplicas() : null;
        Integer decided = autoscaler.getStatus() == null ? null : autoscaler.getStatus().getDesiredReplicas();
        if (replicas == null || decided == null || decided == 0 || replicas.equals(decided)) {
            return Optional.empty();
        }
        return Optional.of("spec.replicas: " + replicas + " on the cluster, where " + autoscaler.getKind() + "/"
                + autoscaler.getMetadata().getName() + " last set " + decided + " (" + autoscaler.getSpec().getMinReplicas()
                + " to " + autoscaler.getSpec().getMaxReplicas() + ")");
    }

    private static void compare(String path, Object want, Object have, List<String> out) {
        if (want == null) {
            return;
        }
        if (want instanceof Map<?, ?> w) {
            if (!(have instanceof Map<?, ?> h)) {
                out.add(path + ": " + say(have) + " on the cluster, set in the design");
                return;
            }
            for (Map.Entry<?, ?> e : w.entrySet()) {
                compare(path + "." + e.getKey(), e.getValue(), h.get(e.getKey()), out);
            }
        } else if (want instanceof List<?> w) {
            if (!(have instanceof List<?> h) || h.size() != w.size()) {
                out.add(path + ": " + count(have) + " on the cluster, " + w.size() + " in the design");
                return;
            }
            for (int i = 0; i < w.size(); i++) {
                compare(path + "[" + key(w.get(i)).orElse(String.valueOf(i)) + "]", w.get(i), h.get(i), out);
            }
        } else if (!Objects.equals(String.valueOf(want), String.valueOf(have))) {
            out.add(path + ": " + say(have) + " on the cluster, " + want + " in the design");
        }
    }

    /** A list item's name, when it has one: containers[orders] reads better than containers[0]. */
    private static Optional<String> key(Object item) {
        return item instanceof Map<?, ?> m && m.get("name") instanceof String name ? Optional.of(name) : Optional.empty();
    }

    private static String say(Object value) {
        return value == null ? "unset" : value instanceof Map || value instanceof List ? "different" : String.valueOf(value);
    }

    private static String count(Object value) {
        return value instanceof List<?> l ? String.valueOf(l.size()) : "none";
    }
}
