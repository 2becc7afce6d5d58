package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests generated for the shop example (DESIGN.md §4): every document parses,
 * every pod is probed, bounded and restricted, the kustomizations hold together, and no credential
 * is written down anywhere.
 */
class KubernetesManifestsTest {
    private static final Path SHOP = Path.of("..", "examples", "shop.topology.json");
    private static final String K8S = "deploy/k8s/";
    private static final String SYSTEM = "shop";
    /** user:password@ in a URL, the shape of a DSN that carries its credentials. */
    private static final Pattern CREDENTIALS_IN_URL = Pattern.compile("://[^/@\\s:]+:([^/@\\s]+)@");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");

    private static Topology shop;
    private static Map<String, String> files;
    /** Every document of every file under deploy/k8s, with the file it came from. */
    private static List<Document> documents;

    record Document(String path, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return path + " " + kind() + "/" + name();
        }
    }

    @BeforeAll
    static void generateShop() throws Exception {
        shop = new ProjectFile().load(SHOP);
        files = new LinkedHashMap<>();
        for (GeneratedFile f : new Generator().generate(shop)) {
            files.put(f.path(), f.content());
        }
        documents = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!f.getKey().startsWith(K8S)) {
                continue;
            }
            try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(f.getValue())) {
                while (docs.hasNext()) {
                    JsonNode node = docs.next();
                    if (node != null && !node.isNull() && !node.isMissingNode()) {
                        documents.add(new Document(f.getKey(), node));
                    }
                }
            }
        }
        assertThat(documents).as("documents under %s", K8S).isNotEmpty();
    }

    @Test
    void everyServiceAndGatewayHasItsSixObjectsInAFileOfItsOwn() {
        Set<String> expected = new TreeSet<>();
        shop.nodes().stream().filter(n -> n.kind().json().equals("service") || n.kind().json().equals("gateway"))
                .forEach(n -> expected.add(n.id()));
        assertThat(expected).contains("orders", "gateway");
        for (String id : expected) {
            String path = K8S + "base/" + id + ".yaml";
            assertThat(kindsIn(path)).as(path)
                    .containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler",
                            "PodDisruptionBudget", "NetworkPolicy");
        }
    }

    @Test
    void everyPieceOfInfrastructureRunsAsAWorkloadBehindAService() {
        for (String id : List.of("orders-db", "order-events", "catalog-cache")) {
            String path = K8S + "base/" + id + ".yaml";
            assertThat(kindsIn(path)).as(path).contains("Service", "PodDisruptionBudget", "NetworkPolicy")
                    .containsAnyElementsOf(WORKLOADS);
        }
        JsonNode nats = container(workload("order-events"));
        assertThat(nats.path("args").toString()).contains("\"-js\"");
    }

    @Test
    void everyContainerHasStartupReadinessAndLivenessProbes() {
        for (Document d : workloads()) {
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                assertThat(c.has("startupProbe") && c.has("readinessProbe") && c.has("livenessProbe"))
                        .as("%s container %s has the three probes", d, c.path("name").asText()).isTrue();
                assertThat(c.get("readinessProbe")).as("%s: readiness differs from liveness", d)
                        .isNotEqualTo(c.get("livenessProbe"));
            }
        }
    }

    @Test
    void servicesAreProbedOnReadyzAndHealthzAtTheirOwnPort() {
        for (Document d : workloads()) {
            String component = d.node().at("/metadata/labels").path("app.kubernetes.io/component").asText();
            if (!component.equals("service") && !component.equals("gateway")) {
                continue;
            }
            JsonNode c = container(d);
            String portName = c.at("/ports/0/name").asText();
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).as("%s", d).isEqualTo("/readyz");
            assertThat(c.at("/livenessProbe/httpGet/path").asText()).as("%s", d).isEqualTo("/healthz");
            assertThat(c.at("/startupProbe/httpGet/path").asText()).as("%s", d).isEqualTo("/healthz");
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(c.path(probe).at("/httpGet/port").asText()).as("%s %s port", d, probe).isEqualTo(portName);
            }
        }
        assertThat(container(workload("orders")).at("/ports/0/containerPort").asInt()).isEqualTo(8081);
    }

    @Test
    void everyContainerRequestsAndLimitsCpuMemoryAndEphemeralStorage() {
        for (Document d : workloads()) {
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                for (String bound : List.of("requests", "limits")) {
                    JsonNode resources = c.path("resources").path(bound);
                    assertThat(resources.has("cpu") && resources.has("memory") && resources.has("ephemeral-storage"))
                            .as("%s %s %s", d, c.path("name").asText(), bound).isTrue();
                }
            }
        }
    }

    @Test
    void everyPodRunsUnderTheRestrictedSecurityContextWithAReadOnlyRoot() {
        for (Document d : workloads()) {
            JsonNode pod = d.node().at("/spec/template/spec");
            assertThat(pod.path("automountServiceAccountToken").isBoolean()
                    && !pod.path("automountServiceAccountToken").asBoolean()).as("%s automounts no token", d).isTrue();
            for (JsonNode c : pod.path("containers")) {
                String what = d + " container " + c.path("name").asText();
                assertThat(effective(pod, c, "runAsNonRoot").asBoolean()).as(what).isTrue();
                assertThat(effective(pod, c, "runAsUser").asInt()).as(what).isEqualTo(65532);
                assertThat(effective(pod, c, "seccompProfile").path("type").asText()).as(what).isEqualTo("RuntimeDefault");
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean()
                        && !sc.path("allowPrivilegeEscalation").asBoolean()).as(what).isTrue();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
                assertThat(sc.at("/capabilities/drop").toString()).as(what).isEqualTo("[\"ALL\"]");
            }
        }
    }

    @Test
    void everyObjectCarriesTheSystemLabels() {
        for (Document d : documents) {
            if (d.kind().equals("Kustomization") || d.path().endsWith("overlays/local/replicas.yaml")) {
                continue;
            }
            JsonNode labels = d.node().at("/metadata/labels");
            assertThat(labels.path("app.kubernetes.io/part-of").asText()).as("%s", d).isEqualTo(SYSTEM);
            assertThat(labels.path("io.topograph.project").asText()).as("%s", d).isEqualTo(SYSTEM);
            if (!d.kind().equals("Namespace")) {
                assertThat(labels.path("app.kubernetes.io/name").asText()).as("%s", d)
                        .isEqualTo(d.name().replaceFirst("-config$", ""));
            }
        }
        for (Document d : workloads()) {
            assertThat(d.node().at("/spec/template/metadata/labels").path("io.topograph.project").asText())
                    .as("%s pods", d).isEqualTo(SYSTEM);
        }
    }

    @Test
    void configMapsGiveThePortAndCalledServicesAndInfrastructureByClusterName() {
        assertThat(configMap("orders")).containsEntry("PORT", "8081")
                .containsEntry("CATALOG_URL", "http://catalog:8083")
                .containsEntry("NATS_URL", "nats://order-events:4222")
                .doesNotContainKey("DATABASE_URL");
        assertThat(configMap("catalog")).containsEntry("REDIS_ADDR", "catalog-cache:6379");
        assertThat(configMap("gateway")).containsEntry("PORT", "8080").containsEntry("ORDERS_URL", "http://orders:8081");
        for (Document d : ofKind("ConfigMap")) {
            assertThat(d.node().at("/metadata/name").asText()).endsWith("-config");
        }
    }

    @Test
    void stoppingPodsDrainBeforeClosingWithinTheirGracePeriod() {
        for (Document d : ofKind("ConfigMap")) {
            String workload = d.name().replaceFirst("-config$", "");
            assertThat(d.node().at("/data/SHUTDOWN_DRAIN").asText()).as("%s", d).isEqualTo("5s");
            int grace = workload(workload).node().at("/spec/template/spec/terminationGracePeriodSeconds").asInt();
            assertThat(grace).as("%s: drain 5 s + shutdown 15 s fit the grace period", workload).isGreaterThan(20);
        }
    }

    @Test
    void autoscalersTargetCpuAtSeventyPercentAndTheLocalOverlayKeepsTheDesignedReplicas() {
        for (Document d : ofKind("HorizontalPodAutoscaler")) {
            if (d.path().contains("/base/")) {
                assertThat(d.node().path("apiVersion").asText()).isEqualTo("autoscaling/v2");
                assertThat(d.node().at("/spec/metrics/0/resource/name").asText()).as("%s", d).isEqualTo("cpu");
                assertThat(d.node().at("/spec/metrics/0/resource/target/averageUtilization").asInt()).as("%s", d)
                        .isEqualTo(70);
            }
        }
        Map<String, Integer> designed = documents.stream()
                .filter(d -> d.path().equals(K8S + "overlays/local/replicas.yaml"))
                .collect(Collectors.toMap(Document::name, d -> d.node().at("/spec/minReplicas").asInt()));
        assertThat(designed).containsEntry("orders", 2).containsEntry("payments", 1).containsEntry("gateway", 2);
        for (Document d : workloads()) {
            if (d.kind().equals("Deployment") && designed.containsKey(d.name())) {
                assertThat(d.node().at("/spec/replicas").isMissingNode())
                        .as("%s leaves the count to its autoscaler", d).isTrue();
            }
        }
    }

    @Test
    void theLocalOverlayNamesTheNamespaceAndTagsEveryImageTheBaseUses() {
        JsonNode overlay = kustomization(K8S + "overlays/local/kustomization.yaml");
        assertThat(overlay.path("namespace").asText()).isEqualTo(SYSTEM);
        Set<String> tagged = new TreeSet<>();
        overlay.path("images").forEach(i -> {
            assertThat(i.path("newTag").asText()).isNotBlank().isNotEqualTo("latest");
            tagged.add(i.path("name").asText());
        });
        Set<String> ours = new TreeSet<>();
        for (Document d : workloads()) {
            String image = container(d).path("image").asText();
            if (image.startsWith(SYSTEM + "/")) {
                ours.add(image);
            } else {
                assertThat(image).as("%s pins its image", d).matches(".+:[^:]+").doesNotEndWith(":latest");
            }
        }
        assertThat(tagged).isEqualTo(ours).contains(SYSTEM + "/orders", SYSTEM + "/gateway");
        assertThat(ofKind("Namespace")).singleElement()
                .satisfies(ns -> assertThat(ns.node().at("/metadata/labels").path("pod-security.kubernetes.io/enforce")
                        .asText()).isEqualTo("restricted"));
    }

    @Test
    void everyKustomizationListsOnlyFilesThatExistAndTheBaseListsThemAll() {
        List<String> kustomizations = files.keySet().stream()
                .filter(p -> p.startsWith(K8S) && p.endsWith("/kustomization.yaml")).toList();
        assertThat(kustomizations).hasSize(2);
        for (String k : kustomizations) {
            Path dir = Path.of(k).getParent();
            JsonNode node = kustomization(k);
            List<String> listed = new ArrayList<>();
            node.path("resources").forEach(r -> listed.add(r.asText()));
            node.path("patches").forEach(p -> listed.add(p.path("path").asText()));
            assertThat(listed).as(k).isNotEmpty();
            for (String entry : listed) {
                String target = dir.resolve(entry).normalize().toString().replace('\\', '/');
                assertThat(files.containsKey(target) || files.containsKey(target + "/kustomization.yaml"))
                        .as("%s lists %s, which must be a generated file or kustomization", k, entry).isTrue();
            }
        }
        Set<String> baseFiles = files.keySet().stream()
                .filter(p -> p.startsWith(K8S + "base/") && !p.endsWith("/kustomization.yaml"))
                .map(p -> p.substring((K8S + "base/").length())).collect(Collectors.toCollection(TreeSet::new));
        List<String> listed = new ArrayList<>();
        kustomization(K8S + "base/kustomization.yaml").path("resources").forEach(r -> listed.add(r.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(baseFiles);
    }

    @Test
    void noEnvironmentValueOrSettingHoldsACredential() {
        assertThat(ofKind("Secret")).as("no Secret is generated: its value would be written down").isEmpty();
        for (Document d : ofKind("ConfigMap")) {
            d.node().path("data").fields().forEachRemaining(e -> assertNoCredential(d + " " + e.getKey(),
                    e.getKey(), e.getValue().asText()));
        }
        for (Document d : workloads()) {
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                for (JsonNode env : c.path("env")) {
                    if (env.has("value")) {
                        assertNoCredential(d + " env", env.path("name").asText(), env.path("value").asText());
                    }
                }
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().startsWith(K8S)) {
                assertThat(CREDENTIALS_IN_URL.matcher(f.getValue()).find()).as("%s has no user:password@", f.getKey())
                        .isFalse();
            }
        }
    }

    @Test
    void credentialsComeFromSecretsThroughSecretKeyRefAndTheReadmeShowsHowToCreateThem() {
        Set<String> referenced = new TreeSet<>();
        for (Document d : workloads()) {
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                for (JsonNode env : c.path("env")) {
                    String name = env.path("name").asText();
                    if (name.equals("DATABASE_URL") || name.contains("PASSWORD")) {
                        JsonNode ref = env.at("/valueFrom/secretKeyRef");
                        assertThat(ref.isMissingNode()).as("%s %s comes from a Secret", d, name).isFalse();
                        assertThat(ref.path("key").asText()).isEqualTo(name);
                        referenced.add(ref.path("name").asText());
                    }
                }
            }
        }
        assertThat(referenced).contains("orders-db-credentials", "catalog-db-credentials");
        assertThat(container(workload("orders")).path("env").findValues("secretKeyRef")).isNotEmpty();
        String readme = files.get("README.md");
        for (String secret : referenced) {
            assertThat(readme).contains("create secret generic " + secret);
        }
        Matcher password = CREDENTIALS_IN_URL.matcher(readme);
        while (password.find()) {
            assertThat(password.group(1)).as("the README's DSNs take the password from a shell variable").startsWith("$");
        }
    }

    @Test
    void onlyTheCallersDrawnInTheDesignMayConnect() {
        assertThat(allowedFrom("orders")).containsExactly("gateway");
        assertThat(allowedFrom("catalog")).containsExactlyInAnyOrder("gateway", "orders");
        assertThat(allowedFrom("orders-db")).containsExactly("orders");
        assertThat(allowedFrom("order-events")).containsExactlyInAnyOrder("inventory", "orders", "payments");
        assertThat(networkPolicy("notifications").path("ingress").isEmpty()).as("nobody calls notifications").isTrue();
        assertThat(networkPolicy("gateway").at("/ingress/0/from").isMissingNode()).as("the gateway is the way in").isTrue();
    }

    @Test
    void everyGeneratedManifestSaysItIsGenerated() {
        files.keySet().stream().filter(p -> p.startsWith(K8S)).forEach(p ->
                assertThat(files.get(p)).as(p).startsWith("# Code generated by topograph. DO NOT EDIT.\n"));
    }

    @Test
    void aNodeNamedKustomizationIsRefusedRatherThanOverwritingTheBase() throws Exception {
        String renamed = new String(Files.readAllBytes(SHOP), StandardCharsets.UTF_8).replace("\"catalog-cache\"",
                "\"kustomization\"");
        Topology t = new ProjectFile().read(renamed.getBytes(StandardCharsets.UTF_8), "renamed");
        assertThatThrownBy(() -> new Generator().generate(t)).isInstanceOf(GenerationException.class)
                .hasMessageContaining("kustomization");
    }

    private static void assertNoCredential(String where, String name, String value) {
        assertThat(CREDENTIALS_IN_URL.matcher(value).find()).as("%s %s carries user:password@", where, name).isFalse();
        assertThat(name.toUpperCase()).as("%s: a secret by name has no literal value", where)
                .doesNotContain("PASSWORD", "SECRET", "TOKEN", "DATABASE_URL", "DSN");
    }

    /** The pod's setting unless the container overrides it, as Kubernetes applies them. */
    private static JsonNode effective(JsonNode pod, JsonNode container, String field) {
        JsonNode own = container.path("securityContext").path(field);
        return own.isMissingNode() ? pod.path("securityContext").path(field) : own;
    }

    private static List<Document> ofKind(String kind) {
        return documents.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    private static List<Document> workloads() {
        List<Document> workloads = documents.stream().filter(d -> WORKLOADS.contains(d.kind())).toList();
        assertThat(workloads).hasSizeGreaterThan(10);
        return workloads;
    }

    private static Document workload(String name) {
        return workloads().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode container(Document workload) {
        return workload.node().at("/spec/template/spec/containers/0");
    }

    private static List<String> kindsIn(String path) {
        assertThat(files).containsKey(path);
        return documents.stream().filter(d -> d.path().equals(path)).map(Document::kind).toList();
    }

    private static Map<String, String> configMap(String workload) {
        Document d = ofKind("ConfigMap").stream().filter(c -> c.name().equals(workload + "-config")).findFirst()
                .orElseThrow();
        Map<String, String> data = new LinkedHashMap<>();
        d.node().path("data").fields().forEachRemaining(e -> {
            assertThat(e.getValue().isTextual()).as("%s %s is a string", d, e.getKey()).isTrue();
            data.put(e.getKey(), e.getValue().asText());
        });
        return data;
    }

    private static JsonNode networkPolicy(String name) {
        return ofKind("NetworkPolicy").stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().node()
                .path("spec");
    }

    private static List<String> allowedFrom(String name) {
        List<String> from = new ArrayList<>();
        networkPolicy(name).at("/ingress/0/from")
                .forEach(f -> from.add(f.at("/podSelector/matchLabels").path("app.kubernetes.io/name").asText()));
        return from;
    }

    private static JsonNode kustomization(String path) {
        return documents.stream().filter(d -> d.path().equals(path)).findFirst().orElseThrow(() -> new UncheckedIOException(
                new IOException("no kustomization at " + path))).node();
    }
}
