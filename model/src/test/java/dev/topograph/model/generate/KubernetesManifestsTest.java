package dev.topograph.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Kubernetes manifests generated for every fixture (DESIGN.md §4): every document parses, every
 * pod is probed, bounded and restricted, the kustomizations hold together, no credential is written
 * down anywhere, and kube-score finds nothing critical. The shop and the fixture that uses every
 * other engine are also checked object by object.
 */
class KubernetesManifestsTest {
    static final List<String> FIXTURES = GeneratedTrees.FIXTURES;
    private static final String K8S = "deploy/k8s/";
    /** user:password@ in a URL, the shape of a DSN that carries its credentials. */
    private static final Pattern CREDENTIALS_IN_URL = Pattern.compile("://[^/@\\s:]+:([^/@\\s]+)@");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");
    /** Variables whose value carries a password, so that only a Secret may hold it. */
    private static final Set<String> CREDENTIAL_VARIABLES = Set.of("DATABASE_URL", "RABBITMQ_URL");
    private static final Map<String, Manifests> GENERATED = new ConcurrentHashMap<>();

    @TempDir
    Path out;

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

    /** One generated system: its design, its files, and every document of every file under deploy/k8s. */
    record Manifests(String system, Topology topology, Map<String, String> files, List<Document> documents) {
        static Manifests of(String fixture) {
            return GENERATED.computeIfAbsent(fixture, Manifests::generate);
        }

        private static Manifests generate(String fixture) {
            try {
                Topology topology = GeneratedTrees.load(fixture);
                Map<String, String> files = new LinkedHashMap<>();
                for (GeneratedFile f : new Generator().generate(topology)) {
                    files.put(f.path(), f.content());
                }
                List<Document> documents = new ArrayList<>();
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
                assertThat(documents).as("documents under %s of %s", K8S, fixture).isNotEmpty();
                return new Manifests(topology.name(), topology, files, documents);
            } catch (Exception e) {
                throw new IllegalStateException("cannot generate " + fixture, e);
            }
        }

        List<Document> ofKind(String kind) {
            return documents.stream().filter(d -> d.kind().equals(kind)).toList();
        }

        List<Document> workloads() {
            List<Document> workloads = documents.stream().filter(d -> WORKLOADS.contains(d.kind())).toList();
            assertThat(workloads).isNotEmpty();
            return workloads;
        }

        Document workload(String name) {
            return workloads().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
        }

        List<String> kindsIn(String path) {
            assertThat(files).containsKey(path);
            return documents.stream().filter(d -> d.path().equals(path)).map(Document::kind).toList();
        }

        Map<String, String> configMap(String workload) {
            Document d = ofKind("ConfigMap").stream().filter(c -> c.name().equals(workload + "-config")).findFirst()
                    .orElseThrow();
            Map<String, String> data = new LinkedHashMap<>();
            d.node().path("data").fields().forEachRemaining(e -> {
                assertThat(e.getValue().isTextual()).as("%s %s is a string", d, e.getKey()).isTrue();
                data.put(e.getKey(), e.getValue().asText());
            });
            return data;
        }

        JsonNode networkPolicy(String name) {
            return ofKind("NetworkPolicy").stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().node()
                    .path("spec");
        }

        List<String> allowedFrom(String name) {
            List<String> from = new ArrayList<>();
            networkPolicy(name).at("/ingress/0/from")
                    .forEach(f -> from.add(f.at("/podSelector/matchLabels").path("app.kubernetes.io/name").asText()));
            return from;
        }

        JsonNode kustomization(String path) {
            return documents.stream().filter(d -> d.path().equals(path)).findFirst()
                    .orElseThrow(() -> new UncheckedIOException(new IOException("no kustomization at " + path))).node();
        }

        /** The variables a container takes from Secrets, by name, with the Secret each comes from. */
        Map<String, String> secretEnv(String workload) {
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode e : container(workload(workload)).path("env")) {
                JsonNode ref = e.at("/valueFrom/secretKeyRef");
                if (!ref.isMissingNode()) {
                    env.put(e.path("name").asText(), ref.path("name").asText());
                }
            }
            return env;
        }

        List<InfraNode> infra() {
            return topology.nodes().stream().filter(n -> n instanceof InfraNode).map(n -> (InfraNode) n).toList();
        }
    }

    // Every fixture.

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyServiceAndGatewayHasItsSixObjectsInAFileOfItsOwnAndAServesGrpcThroughASecondService(String fixture) {
        Manifests m = Manifests.of(fixture);
        Set<String> expected = new TreeSet<>();
        m.topology().nodes().stream()
                .filter(n -> n.kind().json().equals("service") || n.kind().json().equals("gateway"))
                .forEach(n -> expected.add(n.id()));
        assertThat(expected).isNotEmpty();
        Set<String> grpcServers = m.topology().edges().stream().filter(e -> e.kind() == EdgeKind.GRPC)
                .map(Edge::to).collect(Collectors.toSet());
        for (String id : expected) {
            String path = K8S + "base/" + id + ".yaml";
            List<String> kinds = new ArrayList<>(List.of("ConfigMap", "Deployment", "Service",
                    "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy"));
            if (grpcServers.contains(id)) {
                kinds.add("Service");
            }
            assertThat(m.kindsIn(path)).as(path).containsExactlyInAnyOrderElementsOf(kinds);
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyServerOfTheInfrastructureRunsBehindAServiceAndSqliteIsAVolumeClaimOnly(String fixture) {
        Manifests m = Manifests.of(fixture);
        for (InfraNode node : m.infra()) {
            String path = K8S + "base/" + node.id() + ".yaml";
            if (node.engine() == Engine.SQLITE) {
                assertThat(m.kindsIn(path)).as("%s: a file, not a server", path).containsExactly("PersistentVolumeClaim");
            } else {
                String workload = node.kind() == NodeKind.CACHE ? "Deployment" : "StatefulSet";
                assertThat(m.kindsIn(path)).as(path)
                        .containsExactlyInAnyOrder("Service", workload, "PodDisruptionBudget", "NetworkPolicy");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyContainerHasStartupReadinessAndLivenessProbes(String fixture) {
        for (Document d : Manifests.of(fixture).workloads()) {
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                assertThat(c.has("startupProbe") && c.has("readinessProbe") && c.has("livenessProbe"))
                        .as("%s container %s has the three probes", d, c.path("name").asText()).isTrue();
                assertThat(c.get("readinessProbe")).as("%s: readiness differs from liveness", d)
                        .isNotEqualTo(c.get("livenessProbe"));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void servicesAreProbedOnReadyzAndHealthzAtTheirOwnPort(String fixture) {
        for (Document d : Manifests.of(fixture).workloads()) {
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
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyContainerRequestsAndLimitsCpuMemoryAndEphemeralStorage(String fixture) {
        for (Document d : Manifests.of(fixture).workloads()) {
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                for (String bound : List.of("requests", "limits")) {
                    JsonNode resources = c.path("resources").path(bound);
                    assertThat(resources.has("cpu") && resources.has("memory") && resources.has("ephemeral-storage"))
                            .as("%s %s %s", d, c.path("name").asText(), bound).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyPodRunsUnderTheRestrictedSecurityContextWithAReadOnlyRoot(String fixture) {
        for (Document d : Manifests.of(fixture).workloads()) {
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

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyVolumeAContainerMountsIsDeclaredAndEveryClaimItUsesIsGenerated(String fixture) {
        Manifests m = Manifests.of(fixture);
        Set<String> claims = m.ofKind("PersistentVolumeClaim").stream().map(Document::name)
                .collect(Collectors.toCollection(TreeSet::new));
        for (Document d : m.workloads()) {
            Set<String> declared = new TreeSet<>();
            d.node().at("/spec/template/spec/volumes").forEach(v -> {
                declared.add(v.path("name").asText());
                JsonNode claim = v.at("/persistentVolumeClaim/claimName");
                if (!claim.isMissingNode()) {
                    assertThat(claims).as("%s uses claim %s", d, claim.asText()).contains(claim.asText());
                }
            });
            d.node().at("/spec/volumeClaimTemplates").forEach(t -> declared.add(t.at("/metadata/name").asText()));
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                c.path("volumeMounts").forEach(v -> assertThat(declared).as("%s mounts %s", d, v.path("name").asText())
                        .contains(v.path("name").asText()));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyObjectCarriesTheSystemLabels(String fixture) {
        Manifests m = Manifests.of(fixture);
        for (Document d : m.documents()) {
            if (d.kind().equals("Kustomization") || d.path().endsWith("overlays/local/replicas.yaml")) {
                continue;
            }
            JsonNode labels = d.node().at("/metadata/labels");
            assertThat(labels.path("app.kubernetes.io/part-of").asText()).as("%s", d).isEqualTo(m.system());
            assertThat(labels.path("io.topograph.project").asText()).as("%s", d).isEqualTo(m.system());
            if (!d.kind().equals("Namespace")) {
                // the node whose file holds it: deploy/k8s/base/<node>.yaml
                String node = d.path().substring((K8S + "base/").length(), d.path().length() - ".yaml".length());
                assertThat(labels.path("app.kubernetes.io/name").asText()).as("%s", d).isEqualTo(node);
            }
        }
        for (Document d : m.workloads()) {
            assertThat(d.node().at("/spec/template/metadata/labels").path("io.topograph.project").asText())
                    .as("%s pods", d).isEqualTo(m.system());
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void stoppingPodsGetAGracePeriodDerivedFromTheShutdownSettingsTheirConfigMapsGive(String fixture) {
        Manifests m = Manifests.of(fixture);
        for (Document d : m.ofKind("ConfigMap")) {
            assertThat(d.name()).endsWith("-config");
            String workload = d.name().replaceFirst("-config$", "");
            Map<String, String> config = m.configMap(workload);
            assertThat(config.get("SHUTDOWN_DRAIN")).as("%s", d).isEqualTo("5s");
            Duration drain = goDuration(config.get("SHUTDOWN_DRAIN"));
            Duration timeout = goDuration(config.get("SHUTDOWN_TIMEOUT"));
            Optional<Duration> handler = Optional.ofNullable(config.get("HANDLER_TIMEOUT")).map(v -> goDuration(v));
            long grace = m.workload(workload).node().at("/spec/template/spec/terminationGracePeriodSeconds").asLong();
            long servers = drain.plus(timeout).toSeconds();
            long consumers = handler.map(h -> h.plus(KubernetesView.HANDLER_CUT_OFF_GRACE).toSeconds()).orElse(0L);
            assertThat(grace).as("%s: the longer of drain + shutdown timeout (%d s) and handler timeout + cut-off"
                    + " grace (%d s), then the exit margin", workload, servers, consumers)
                    .isEqualTo(Math.max(servers, consumers) + KubernetesView.EXIT_MARGIN.toSeconds());
        }
    }

    @Test
    void onlyServicesThatHandleMessagesHaveAHandlerTimeoutAndItLengthensTheirGracePeriod() {
        Manifests shop = Manifests.of("shop");
        List<String> consumers = new ArrayList<>();
        for (Document d : shop.ofKind("ConfigMap")) {
            String workload = d.name().replaceFirst("-config$", "");
            if (shop.configMap(workload).containsKey("HANDLER_TIMEOUT")) {
                consumers.add(workload);
                assertThat(shop.configMap(workload)).containsEntry("HANDLER_TIMEOUT", "30s");
                assertThat(shop.workload(workload).node().at("/spec/template/spec/terminationGracePeriodSeconds")
                        .asLong()).as(workload).isEqualTo(30 + 1 + 5);
            } else {
                assertThat(shop.workload(workload).node().at("/spec/template/spec/terminationGracePeriodSeconds")
                        .asLong()).as(workload).isEqualTo(5 + 15 + 5);
            }
        }
        assertThat(consumers).as("the shop's services that subscribe to a topic").isNotEmpty();
    }

    @Test
    void theGracePeriodFollowsEachShutdownSetting() {
        Duration s = Duration.ofSeconds(1);
        assertThat(new KubernetesView.Shutdown(s.multipliedBy(5), s.multipliedBy(15), Optional.empty())
                .gracePeriodSeconds()).isEqualTo(25);
        assertThat(new KubernetesView.Shutdown(s.multipliedBy(5), s.multipliedBy(15), Optional.of(s.multipliedBy(30)))
                .gracePeriodSeconds()).as("a handler timeout longer than drain + shutdown timeout").isEqualTo(36);
        assertThat(new KubernetesView.Shutdown(s.multipliedBy(5), s.multipliedBy(60), Optional.of(s.multipliedBy(30)))
                .gracePeriodSeconds()).as("a shutdown timeout longer than the handler timeout").isEqualTo(70);
        assertThat(new KubernetesView.Shutdown(Duration.ZERO, Duration.ofMillis(1500), Optional.of(Duration.ofMillis(200)))
                .gracePeriodSeconds()).as("parts of a second round up").isEqualTo(7);
        assertThat(new KubernetesView.Shutdown(Duration.ofMillis(2500), s, Optional.of(s)).settings())
                .extracting(KubernetesView.Setting::valueQuoted).containsExactly("\"2500ms\"", "\"1s\"", "\"1s\"");
    }

    /** A duration as the generated programs write them: whole seconds ("15s") or milliseconds ("500ms"). */
    private static Duration goDuration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s)").matcher(value);
        assertThat(m.matches()).as("a duration the test reads: %s", value).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMillis(n);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void autoscalersTargetCpuAtSeventyPercentAndOwnTheReplicaCount(String fixture) {
        Manifests m = Manifests.of(fixture);
        for (Document d : m.ofKind("HorizontalPodAutoscaler")) {
            if (d.path().contains("/base/")) {
                assertThat(d.node().path("apiVersion").asText()).isEqualTo("autoscaling/v2");
                assertThat(d.node().at("/spec/metrics/0/resource/name").asText()).as("%s", d).isEqualTo("cpu");
                assertThat(d.node().at("/spec/metrics/0/resource/target/averageUtilization").asInt()).as("%s", d)
                        .isEqualTo(70);
            }
        }
        Set<String> scaled = m.ofKind("HorizontalPodAutoscaler").stream().map(Document::name).collect(Collectors.toSet());
        for (Document d : m.workloads()) {
            if (d.kind().equals("Deployment") && scaled.contains(d.name())) {
                assertThat(d.node().at("/spec/replicas").isMissingNode())
                        .as("%s leaves the count to its autoscaler", d).isTrue();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void theLocalOverlayNamesTheNamespaceAndTagsEveryImageTheBaseUses(String fixture) {
        Manifests m = Manifests.of(fixture);
        JsonNode overlay = m.kustomization(K8S + "overlays/local/kustomization.yaml");
        assertThat(overlay.path("namespace").asText()).isEqualTo(m.system());
        Set<String> tagged = new TreeSet<>();
        overlay.path("images").forEach(i -> {
            assertThat(i.path("newTag").asText()).isNotBlank().isNotEqualTo("latest");
            tagged.add(i.path("name").asText());
        });
        Set<String> ours = new TreeSet<>();
        for (Document d : m.workloads()) {
            String image = container(d).path("image").asText();
            if (image.startsWith(m.system() + "/")) {
                ours.add(image);
            } else {
                assertThat(image).as("%s pins its image", d).matches(".+:[^:]+").doesNotEndWith(":latest");
            }
        }
        assertThat(tagged).isEqualTo(ours).isNotEmpty();
        assertThat(m.ofKind("Namespace")).singleElement()
                .satisfies(ns -> assertThat(ns.node().at("/metadata/labels").path("pod-security.kubernetes.io/enforce")
                        .asText()).isEqualTo("restricted"));
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyKustomizationListsOnlyFilesThatExistAndTheBaseListsThemAll(String fixture) {
        Manifests m = Manifests.of(fixture);
        List<String> kustomizations = m.files().keySet().stream()
                .filter(p -> p.startsWith(K8S) && p.endsWith("/kustomization.yaml")).toList();
        assertThat(kustomizations).hasSize(2);
        for (String k : kustomizations) {
            Path dir = Path.of(k).getParent();
            JsonNode node = m.kustomization(k);
            List<String> listed = new ArrayList<>();
            node.path("resources").forEach(r -> listed.add(r.asText()));
            node.path("patches").forEach(p -> listed.add(p.path("path").asText()));
            assertThat(listed).as(k).isNotEmpty();
            for (String entry : listed) {
                String target = dir.resolve(entry).normalize().toString().replace('\\', '/');
                assertThat(m.files().containsKey(target) || m.files().containsKey(target + "/kustomization.yaml"))
                        .as("%s lists %s, which must be a generated file or kustomization", k, entry).isTrue();
            }
        }
        Set<String> baseFiles = m.files().keySet().stream()
                .filter(p -> p.startsWith(K8S + "base/") && !p.endsWith("/kustomization.yaml"))
                .map(p -> p.substring((K8S + "base/").length())).collect(Collectors.toCollection(TreeSet::new));
        List<String> listed = new ArrayList<>();
        m.kustomization(K8S + "base/kustomization.yaml").path("resources").forEach(r -> listed.add(r.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(baseFiles);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void noEnvironmentValueOrSettingHoldsACredential(String fixture) {
        Manifests m = Manifests.of(fixture);
        assertThat(m.ofKind("Secret")).as("no Secret is generated: its value would be written down").isEmpty();
        for (Document d : m.ofKind("ConfigMap")) {
            d.node().path("data").fields().forEachRemaining(e -> assertNoCredential(d + " " + e.getKey(),
                    e.getKey(), e.getValue().asText()));
        }
        for (Document d : m.workloads()) {
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                for (JsonNode env : c.path("env")) {
                    if (env.has("value")) {
                        assertNoCredential(d + " env", env.path("name").asText(), env.path("value").asText());
                    }
                }
            }
        }
        for (Map.Entry<String, String> f : m.files().entrySet()) {
            if (f.getKey().startsWith(K8S)) {
                assertThat(CREDENTIALS_IN_URL.matcher(f.getValue()).find()).as("%s has no user:password@", f.getKey())
                        .isFalse();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void credentialsComeFromSecretsThroughSecretKeyRefAndTheReadmeShowsHowToCreateThem(String fixture) {
        Manifests m = Manifests.of(fixture);
        Set<String> referenced = new TreeSet<>();
        for (Document d : m.workloads()) {
            for (JsonNode c : d.node().at("/spec/template/spec/containers")) {
                for (JsonNode env : c.path("env")) {
                    String name = env.path("name").asText();
                    JsonNode ref = env.at("/valueFrom/secretKeyRef");
                    if (CREDENTIAL_VARIABLES.contains(name) || name.contains("PASSWORD") || name.endsWith("_PASS")) {
                        assertThat(ref.isMissingNode()).as("%s %s comes from a Secret", d, name).isFalse();
                    }
                    if (!ref.isMissingNode()) {
                        assertThat(ref.path("key").asText()).as("%s %s", d, name).isEqualTo(name);
                        referenced.add(ref.path("name").asText());
                    }
                }
            }
        }
        String readme = m.files().get("README.md");
        for (String secret : referenced) {
            assertThat(readme).contains("create secret generic " + secret + " ");
        }
        assertThat(Pattern.compile("create secret generic (\\S+)").matcher(readme).results().map(r -> r.group(1)))
                .as("the README creates no Secret nobody reads").containsExactlyInAnyOrderElementsOf(referenced);
        Matcher password = CREDENTIALS_IN_URL.matcher(readme);
        while (password.find()) {
            assertThat(password.group(1)).as("the README's URLs take the password from a shell variable").startsWith("$");
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyServiceAndPolicyNamesAPortItsPodsListen(String fixture) {
        Manifests m = Manifests.of(fixture);
        for (Document service : m.ofKind("Service")) {
            Set<String> listened = portNames(m.workload(service.node().at("/spec/selector")
                    .path("app.kubernetes.io/name").asText()));
            service.node().at("/spec/ports").forEach(p -> assertThat(listened).as("%s targets %s", service,
                    p.path("targetPort").asText()).contains(p.path("targetPort").asText()));
        }
        for (Document policy : m.ofKind("NetworkPolicy")) {
            Set<String> listened = portNames(m.workload(policy.name()));
            policy.node().at("/spec/ingress").forEach(rule -> rule.path("ports").forEach(p -> assertThat(listened)
                    .as("%s admits port %s", policy, p.path("port").asText()).contains(p.path("port").asText())));
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void podsAnnounceTheirMetricsPortToScrapersWhileNoServiceOrPolicyOpensIt(String fixture) {
        Manifests m = Manifests.of(fixture);
        SystemView system = SystemView.of(m.topology());
        Map<String, Integer> metricsPorts = new LinkedHashMap<>();
        system.services().forEach(s -> metricsPorts.put(s.id(), s.metricsPort()));
        system.gateways().forEach(g -> metricsPorts.put(g.id(), g.metricsPort()));
        assertThat(metricsPorts).isNotEmpty();
        metricsPorts.forEach((id, port) -> {
            Document d = m.workload(id);
            JsonNode metrics = elements(container(d).path("ports")).stream()
                    .filter(p -> p.path("name").asText().equals("metrics")).findFirst().orElseThrow(
                            () -> new AssertionError(d + " names no container port metrics"));
            assertThat(metrics.path("containerPort").asInt()).as("%s metrics port", d).isEqualTo(port);
            assertThat(m.configMap(id)).as("%s settings", id).containsEntry("METRICS_PORT", String.valueOf(port));
            JsonNode annotations = d.node().at("/spec/template/metadata/annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).as("%s", d).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/port").asText()).as("%s", d).isEqualTo(String.valueOf(port));
            assertThat(annotations.path("prometheus.io/path").asText()).as("%s", d).isEqualTo("/metrics");
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(container(d).path(probe).at("/httpGet/port").asText()).as("%s %s", d, probe)
                        .isEqualTo("http");
            }

            List<Document> services = m.ofKind("Service").stream()
                    .filter(x -> x.node().at("/spec/selector").path("app.kubernetes.io/name").asText().equals(id))
                    .toList();
            assertThat(services).as("Services of %s", id).isNotEmpty();
            for (Document service : services) {
                service.node().at("/spec/ports").forEach(p -> {
                    assertThat(p.path("targetPort").asText()).as("%s routes to", service).isNotEqualTo("metrics");
                    assertThat(p.path("port").asInt()).as("%s port", service).isNotEqualTo(port);
                });
            }
            m.networkPolicy(id).path("ingress").forEach(rule -> rule.path("ports").forEach(p ->
                    assertThat(p.path("port").asText()).as("%s policy admits", id).isNotEqualTo("metrics")));
        });
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyGeneratedManifestSaysItIsGenerated(String fixture) {
        Manifests m = Manifests.of(fixture);
        m.files().keySet().stream().filter(p -> p.startsWith(K8S)).forEach(p ->
                assertThat(m.files().get(p)).as(p).startsWith("# Code generated by topograph. DO NOT EDIT.\n"));
    }

    /**
     * {@code scripts/lint-manifests.sh} on the written tree: kube-score on what the local overlay
     * applies. Needs kube-score installed (on PATH or in Go's bin folder, where the script's
     * {@code go install} puts it); skipped without it, except in CI.
     */
    @ParameterizedTest
    @FieldSource("FIXTURES")
    void kubeScoreFindsNothingCritical(String fixture) throws Exception {
        Optional<Path> kubeScore = kubeScore();
        if (kubeScore.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install kube-score (.ci/run does, with go install)");
        }
        assumeTrue(kubeScore.isPresent(), "kube-score is not installed");
        Path system = out.resolve(fixture);
        new TreeWriter().write(new Generator().generate(Manifests.of(fixture).topology()), system);
        ProcessBuilder lint = new ProcessBuilder("bash", Path.of("..", "scripts", "lint-manifests.sh").toString(),
                system.toString()).redirectErrorStream(true);
        lint.environment().merge("PATH", kubeScore.get().getParent().toString(),
                (path, bin) -> path + java.io.File.pathSeparator + bin);
        Process p = lint.start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("lint-manifests.sh finishes").isTrue();
        assertThat(p.exitValue()).as("lint-manifests.sh on %s:%n%s", fixture, report).isZero();
        assertThat(report).doesNotContain("[CRITICAL]").contains("0 critical");
    }

    // The shop example.

    @Test
    void theShopsServersAreNatsRedisAndPostgresWithJetStream() {
        Manifests shop = Manifests.of("shop");
        assertThat(shop.workload("order-events").kind()).isEqualTo("StatefulSet");
        assertThat(shop.workload("catalog-cache").kind()).isEqualTo("Deployment");
        assertThat(shop.workload("orders-db").kind()).isEqualTo("StatefulSet");
        assertThat(container(shop.workload("order-events")).path("args").toString()).contains("\"-js\"");
        assertThat(container(shop.workload("orders")).at("/ports/0/containerPort").asInt()).isEqualTo(8081);
    }

    @Test
    void configMapsGiveThePortAndCalledServicesAndInfrastructureByClusterName() {
        Manifests shop = Manifests.of("shop");
        assertThat(shop.configMap("orders")).containsEntry("PORT", "8081")
                .containsEntry("CATALOG_URL", "http://catalog:8083")
                .containsEntry("NATS_URL", "nats://order-events:4222")
                .doesNotContainKey("DATABASE_URL");
        assertThat(shop.configMap("catalog")).containsEntry("REDIS_ADDR", "catalog-cache:6379");
        assertThat(shop.configMap("gateway")).containsEntry("PORT", "8080")
                .containsEntry("ORDERS_URL", "http://orders:8081");
    }

    @Test
    void theLocalOverlayKeepsTheDesignedReplicas() {
        Manifests shop = Manifests.of("shop");
        Map<String, Integer> designed = shop.documents().stream()
                .filter(d -> d.path().equals(K8S + "overlays/local/replicas.yaml"))
                .collect(Collectors.toMap(Document::name, d -> d.node().at("/spec/minReplicas").asInt()));
        assertThat(designed).containsEntry("orders", 2).containsEntry("payments", 1).containsEntry("gateway", 2);
    }

    @Test
    void theShopsDatabasesTakeTheirPasswordsFromSecrets() {
        Manifests shop = Manifests.of("shop");
        assertThat(shop.secretEnv("orders")).containsExactly(Map.entry("DATABASE_URL", "orders-db-credentials"));
        assertThat(shop.secretEnv("catalog")).containsExactly(Map.entry("DATABASE_URL", "catalog-db-credentials"));
        assertThat(shop.secretEnv("orders-db"))
                .containsExactly(Map.entry("POSTGRES_PASSWORD", "orders-db-credentials"));
    }

    @Test
    void onlyTheCallersDrawnInTheDesignMayConnect() {
        Manifests shop = Manifests.of("shop");
        assertThat(shop.allowedFrom("orders")).containsExactly("gateway");
        assertThat(shop.allowedFrom("catalog")).containsExactlyInAnyOrder("gateway", "orders");
        assertThat(shop.allowedFrom("orders-db")).containsExactly("orders");
        assertThat(shop.allowedFrom("order-events")).containsExactlyInAnyOrder("inventory", "orders", "payments");
        assertThat(shop.networkPolicy("notifications").path("ingress").isEmpty()).as("nobody calls notifications")
                .isTrue();
        assertThat(shop.networkPolicy("gateway").at("/ingress/0/from").isMissingNode()).as("the gateway is the way in")
                .isTrue();
    }

    @Test
    void aNodeNamedKustomizationIsRefusedRatherThanOverwritingTheBase() throws Exception {
        String renamed = new String(Files.readAllBytes(GeneratedTrees.source("shop")), StandardCharsets.UTF_8)
                .replace("\"catalog-cache\"", "\"kustomization\"");
        Topology t = new ProjectFile().read(renamed.getBytes(StandardCharsets.UTF_8), "renamed");
        assertThatThrownBy(() -> new Generator().generate(t)).isInstanceOf(GenerationException.class)
                .hasMessageContaining("kustomization");
    }

    // gRPC.

    @Test
    void aGrpcServerIsReachedThroughAHeadlessServiceSoCallersSeeEveryPod() {
        Manifests grpc = Manifests.of("grpc");
        Document headless = grpc.ofKind("Service").stream().filter(d -> d.name().equals("stock-levels-grpc"))
                .findFirst().orElseThrow();
        assertThat(headless.path()).isEqualTo(K8S + "base/stock-levels.yaml");
        assertThat(headless.node().at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(headless.node().at("/spec/selector").path("app.kubernetes.io/name").asText())
                .isEqualTo("stock-levels");
        assertThat(elements(headless.node().at("/spec/ports"))).singleElement()
                .satisfies(p -> assertThat(p.path("name").asText()).isEqualTo("grpc"))
                .satisfies(p -> assertThat(p.path("port").asInt()).isEqualTo(8002))
                .satisfies(p -> assertThat(p.path("targetPort").asText()).isEqualTo("grpc"));
        Document http = grpc.ofKind("Service").stream().filter(d -> d.name().equals("stock-levels")).findFirst()
                .orElseThrow();
        assertThat(http.node().at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(elements(http.node().at("/spec/ports"))).as("HTTP keeps its ClusterIP Service")
                .extracting(p -> p.path("name").asText()).containsExactly("http");
        assertThat(grpc.configMap("checkout")).containsEntry("STOCK_LEVELS_GRPC_ADDR", "stock-levels-grpc:8002");
        assertThat(grpc.configMap("stock-levels")).containsEntry("PRICING_GRPC_ADDR", "pricing-grpc:8003");
    }

    @Test
    void aNodeNamedAfterAGrpcServiceIsRefused() throws Exception {
        Topology t = Topology.empty("clash").withNodes(List.of(GatewayNode.of("gw", 8080),
                        ServiceNode.of("a", 8081).withEndpoints(List.of(new Endpoint("GET", "/a"))),
                        ServiceNode.of("a-grpc", 8082).withEndpoints(List.of(new Endpoint("GET", "/b")))))
                .withEdges(List.of(Edge.route("gw", "a-grpc", "/b"), Edge.of("a-grpc", "a", EdgeKind.GRPC)));
        assertThatThrownBy(() -> new Generator().generate(t)).isInstanceOf(GenerationException.class)
                .hasMessageContaining("a node named \"a-grpc\" would take the name of a's gRPC Service");
    }

    // RabbitMQ, Kafka, memcached, MySQL and SQLite.

    @Test
    void rabbitmqKafkaAndMysqlKeepTheirDataInStatefulSetsAndMemcachedIsADeployment() {
        Manifests m = Manifests.of("other-engines");
        Map<String, String> images = new LinkedHashMap<>();
        for (String id : List.of("order-bus", "audit-log", "orders-db", "orders-cache")) {
            images.put(id, container(m.workload(id)).path("image").asText());
        }
        assertThat(images.get("order-bus")).startsWith("rabbitmq:4-");
        assertThat(images.get("audit-log")).startsWith("apache/kafka:");
        assertThat(images.get("orders-db")).startsWith("mysql:");
        assertThat(images.get("orders-cache")).startsWith("memcached:");
        for (String id : List.of("order-bus", "audit-log", "orders-db")) {
            Document d = m.workload(id);
            assertThat(d.kind()).as(id).isEqualTo("StatefulSet");
            assertThat(d.node().at("/spec/volumeClaimTemplates/0/metadata/name").asText()).as(id).isEqualTo("data");
            assertThat(container(d).path("volumeMounts").findValuesAsText("name")).as(id).contains("data");
        }
        assertThat(m.workload("orders-cache").kind()).isEqualTo("Deployment");
    }

    @Test
    void rabbitmqIsProbedWithItsDiagnosticsAndKafkaIsOneKraftNodeAdvertisingItsServiceName() {
        Manifests m = Manifests.of("other-engines");
        JsonNode rabbit = container(m.workload("order-bus"));
        assertThat(rabbit.at("/readinessProbe/exec/command/0").asText()).isEqualTo("rabbitmq-diagnostics");
        JsonNode kafka = container(m.workload("audit-log"));
        Map<String, String> env = new LinkedHashMap<>();
        kafka.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://audit-log:9092")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093");
        assertThat(kafka.at("/readinessProbe/exec/command").toString()).contains("kafka-broker-api-versions.sh");
    }

    @Test
    void mysqlAndRabbitmqTakeTheirPasswordsAndTheirUsersTheirUrlsFromSecrets() {
        Manifests m = Manifests.of("other-engines");
        assertThat(m.secretEnv("orders-db")).containsOnlyKeys("MYSQL_PASSWORD", "MYSQL_ROOT_PASSWORD")
                .containsValue("orders-db-credentials");
        assertThat(m.secretEnv("order-bus")).containsExactly(Map.entry("RABBITMQ_DEFAULT_PASS", "order-bus-credentials"));
        assertThat(m.secretEnv("orders")).containsExactly(Map.entry("DATABASE_URL", "orders-db-credentials"),
                Map.entry("RABBITMQ_URL", "order-bus-credentials"));
        assertThat(m.secretEnv("shipping")).containsExactly(Map.entry("RABBITMQ_URL", "order-bus-credentials"));
        assertThat(m.configMap("orders")).containsEntry("MEMCACHED_ADDR", "orders-cache:11211")
                .containsEntry("KAFKA_BROKERS", "audit-log:9092").doesNotContainKeys("DATABASE_URL", "RABBITMQ_URL");
        String readme = m.files().get("README.md");
        assertThat(readme).contains("DATABASE_URL=\"app:$PASSWORD@tcp(orders-db:3306)/orders_db\"")
                .contains("RABBITMQ_URL=\"amqp://app:$PASSWORD@order-bus:5672/\"")
                .doesNotContain("catalog-db-credentials");
    }

    @Test
    void sqliteServicesWriteTheirDatabaseToAClaimMountedWhereDatabaseUrlPointsOnAReadOnlyRoot() {
        Manifests m = Manifests.of("other-engines");
        String url = m.configMap("catalog").get("DATABASE_URL");
        assertThat(url).isEqualTo("/data/catalog_db.sqlite");
        assertThat(m.secretEnv("catalog")).as("a file path is no secret").isEmpty();
        Document catalog = m.workload("catalog");
        JsonNode mount = elements(container(catalog).path("volumeMounts")).stream()
                .filter(v -> url.startsWith(v.path("mountPath").asText() + "/")).findFirst().orElseThrow();
        JsonNode volume = elements(catalog.node().at("/spec/template/spec/volumes")).stream()
                .filter(v -> v.path("name").asText().equals(mount.path("name").asText())).findFirst().orElseThrow();
        assertThat(volume.at("/persistentVolumeClaim/claimName").asText()).isEqualTo("catalog-db");
        assertThat(container(catalog).at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(catalog.node().at("/spec/template/spec/affinity/podAffinity").isMissingNode())
                .as("every pod that opens the file runs on the node holding the claim").isFalse();
        JsonNode claim = m.ofKind("PersistentVolumeClaim").stream().filter(d -> d.name().equals("catalog-db"))
                .findFirst().orElseThrow().node();
        assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
    }

    @Test
    void everyBrokerCacheAndDatabaseAdmitsOnlyTheServicesDrawnUsingIt() {
        Manifests m = Manifests.of("other-engines");
        assertThat(m.allowedFrom("order-bus")).containsExactlyInAnyOrder("orders", "shipping");
        assertThat(m.allowedFrom("audit-log")).containsExactlyInAnyOrder("catalog", "orders");
        assertThat(m.allowedFrom("ship-events")).containsExactlyInAnyOrder("catalog", "shipping");
        assertThat(m.allowedFrom("orders-cache")).containsExactly("orders");
        assertThat(m.allowedFrom("orders-db")).containsExactly("orders");
        Map<String, String> ports = new LinkedHashMap<>();
        for (String id : List.of("order-bus", "audit-log", "orders-cache", "orders-db")) {
            ports.put(id, m.networkPolicy(id).at("/ingress/0/ports/0/port").asText());
            assertThat(m.networkPolicy(id).path("egress").isEmpty()).as("%s opens no connection", id).isTrue();
        }
        assertThat(ports).containsExactly(Map.entry("order-bus", "amqp"), Map.entry("audit-log", "kafka"),
                Map.entry("orders-cache", "memcached"), Map.entry("orders-db", "mysql"));
    }

    private static void assertNoCredential(String where, String name, String value) {
        assertThat(CREDENTIALS_IN_URL.matcher(value).find()).as("%s %s carries user:password@", where, name).isFalse();
        assertThat(name.toUpperCase()).as("%s: a secret by name has no literal value", where)
                .doesNotContain("PASSWORD", "SECRET", "TOKEN", "DSN", "RABBITMQ_URL");
        if (name.equals("DATABASE_URL")) {
            assertThat(value).as("%s: only a SQLite file's path is no secret", where).startsWith("/")
                    .endsWith(".sqlite");
        }
    }

    /** The pod's setting unless the container overrides it, as Kubernetes applies them. */
    private static JsonNode effective(JsonNode pod, JsonNode container, String field) {
        JsonNode own = container.path("securityContext").path(field);
        return own.isMissingNode() ? pod.path("securityContext").path(field) : own;
    }

    private static JsonNode container(Document workload) {
        return workload.node().at("/spec/template/spec/containers/0");
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all;
    }

    private static Set<String> portNames(Document workload) {
        Set<String> names = new TreeSet<>();
        workload.node().at("/spec/template/spec/containers")
                .forEach(c -> c.path("ports").forEach(p -> names.add(p.path("name").asText())));
        return names;
    }

    /** kube-score on PATH, or where {@code go install} puts it. */
    private static Optional<Path> kubeScore() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "kube-score"));
            }
        }
        Optional.ofNullable(System.getenv("GOBIN")).ifPresent(bin -> candidates.add(Path.of(bin, "kube-score")));
        Optional.ofNullable(System.getenv("GOPATH")).ifPresent(p -> candidates.add(Path.of(p, "bin", "kube-score")));
        candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", "kube-score"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
