package dev.topograph.app.launch.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One object of a deployed system, by the node it belongs to, its kind and its name: "Deployment/orders". */
public record ObjectRef(String node, String kind, String name) {

    static ObjectRef of(String node, HasMetadata object) {
        return new ObjectRef(node, object.getKind(), object.getMetadata().getName());
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
