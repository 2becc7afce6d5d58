package dev.topograph.app.designer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.deploy.DeployViewModel.Activity;
import dev.topograph.app.designer.deploy.DeployViewModel.Confirmation;
import dev.topograph.app.designer.deploy.FakeDeployService.FakeForwards;
import dev.topograph.app.designer.deploy.FakeDeployService.FakeWatch;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.run.FakeRunService;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.kubernetes.ClusterException;
import dev.topograph.app.launch.kubernetes.DeployReport;
import dev.topograph.app.launch.kubernetes.DeployTarget;
import dev.topograph.app.launch.kubernetes.Drift;
import dev.topograph.app.launch.kubernetes.NodeRollout;
import dev.topograph.app.launch.kubernetes.ObjectRef;
import dev.topograph.app.launch.kubernetes.UndeployReport;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.file.ProjectFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy ▲ without a window and without a cluster: a fake service says what the kubeconfig holds,
 * what the deploy reports and what the rollout watch sees; the test reads what the designer would
 * show (dialog errors, the report, badges, rows, drift marks, confirmations, metrics URLs).
 */
class DeployViewModelTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    private final FakeDeployService service = new FakeDeployService();
    private final DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());

    private DeployViewModel viewModel(UiExecutor ui) throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        return new DeployViewModel(document, TaskExecutor.synchronous(), ui, service, 0, Duration.ofSeconds(2));
    }

    private static DeployDialogViewModel filled(DeployViewModel deploy) {
        DeployDialogViewModel dialog = deploy.openDialog();
        dialog.namespaceProperty().set("shop");
        dialog.registryProperty().set("registry.example/team");
        dialog.tagProperty().set("dev");
        dialog.imagesProperty().set(ImageHandling.PREBUILT);
        return dialog;
    }

    private DeployViewModel deployedShop() throws Exception {
        DeployViewModel deploy = viewModel(UiExecutor.direct());
        assertThat(deploy.deploy(filled(deploy))).isTrue();
        return deploy;
    }

    private static NodeRollout rollout(String node, int ready, int desired, NodeState state, String message,
            Map<String, Integer> pods, int restarts, Optional<String> warning) {
        return new NodeRollout(node, "Deployment/" + node, desired, ready, desired, pods, restarts, state, message,
                warning);
    }

    private static NodeRollout healthy(String node, int replicas) {
        return rollout(node, replicas, replicas, NodeState.HEALTHY, replicas + "/" + replicas + " ready",
                Map.of("Running", replicas), 0, Optional.empty());
    }

    /** Pod counts by phase, in the order given (as the watcher orders them). */
    private static Map<String, Integer> phases(String phase, int count, String otherPhase, int otherCount) {
        Map<String, Integer> phases = new java.util.LinkedHashMap<>();
        phases.put(phase, count);
        phases.put(otherPhase, otherCount);
        return phases;
    }

    private FakeWatch watch() {
        assertThat(service.watches).isNotEmpty();
        return service.watches.get(service.watches.size() - 1);
    }

    // --- the dialog ------------------------------------------------------------------------

    @Test
    void theDialogPrefillsTheCurrentContextWithItsNamespaceAndFollowsAnotherContextUntilANamespaceIsTyped()
            throws Exception {
        DeployViewModel deploy = viewModel(UiExecutor.direct());
        DeployDialogViewModel dialog = deploy.openDialog();

        assertThat(dialog.title()).isEqualTo("Deploy shop");
        assertThat(dialog.contextsProperty().get()).containsExactly("kind-kind", "prod");
        assertThat(dialog.contextProperty().get()).isEqualTo("kind-kind");
        assertThat(dialog.serverProperty().get()).isEqualTo("https://127.0.0.1:6443 (cluster kind-kind)");
        assertThat(dialog.namespaceProperty().get()).isEqualTo("default");
        assertThat(dialog.imagesProperty().get()).isEqualTo(ImageHandling.BUILD_AND_PUSH);
        assertThat(dialog.forceConflictsProperty().get()).isFalse();
        assertThat(dialog.kubeconfigProblemProperty().get()).isEmpty();

        dialog.contextProperty().set("prod");
        assertThat(dialog.namespaceProperty().get()).as("the context's default namespace").isEqualTo("team-a");
        dialog.namespaceProperty().set("shop");
        dialog.contextProperty().set("kind-kind");
        assertThat(dialog.namespaceProperty().get()).as("a namespace the user typed stays").isEqualTo("shop");
    }

    @Test
    void theDialogRefusesAnEmptyRegistryABadNamespaceAndPrebuiltImagesWithoutTagAndDeploysNothing() throws Exception {
        DeployViewModel deploy = viewModel(UiExecutor.direct());
        DeployDialogViewModel dialog = deploy.openDialog();

        assertThat(dialog.registryErrorProperty().get()).startsWith("An image registry is needed");
        assertThat(dialog.validProperty().get()).isFalse();
        assertThat(deploy.deploy(dialog)).isFalse();

        dialog.registryProperty().set("https://registry.example");
        assertThat(dialog.registryErrorProperty().get()).contains("without a scheme");
        dialog.registryProperty().set("localhost:5001");
        assertThat(dialog.registryErrorProperty().get()).isEmpty();
        assertThat(dialog.validProperty().get()).isTrue();

        for (String bad : List.of("Shop", "shop_1", "-shop", "shop-", "a".repeat(64), "shop.team")) {
            dialog.namespaceProperty().set(bad);
            assertThat(dialog.namespaceErrorProperty().get()).as(bad).contains("cannot name a namespace")
                    .contains("RFC 1123");
            assertThat(dialog.validProperty().get()).isFalse();
        }
        dialog.namespaceProperty().set("");
        assertThat(dialog.namespaceErrorProperty().get()).startsWith("A namespace is needed");
        dialog.namespaceProperty().set("a".repeat(63));
        assertThat(dialog.namespaceErrorProperty().get()).isEmpty();
        dialog.namespaceProperty().set("shop-2");
        assertThat(dialog.namespaceErrorProperty().get()).isEmpty();

        dialog.imagesProperty().set(ImageHandling.PREBUILT);
        assertThat(dialog.tagErrorProperty().get()).isEqualTo("Prebuilt images need their tag.");
        assertThat(dialog.validProperty().get()).isFalse();
        dialog.tagProperty().set(".v1");
        assertThat(dialog.tagErrorProperty().get()).startsWith("A tag is up to 128");
        dialog.tagProperty().set("v1.2");
        assertThat(dialog.validProperty().get()).isTrue();

        dialog.contextProperty().set(null);
        assertThat(dialog.contextErrorProperty().get()).isEqualTo("Choose a context of your kubeconfig.");
        assertThat(deploy.deploy(dialog)).isFalse();
        assertThat(service.deploys).isEmpty();
    }

    @Test
    void withoutAKubeconfigTheDialogSaysWhatToDoAndCannotDeploy() throws Exception {
        service.kubeconfigProblem = new ClusterException("No kubeconfig: KUBECONFIG is not set and /home/u/.kube/config "
                + "does not exist. kind create cluster or minikube start write one; for a remote cluster, its admin "
                + "gives you one.");
        DeployViewModel deploy = viewModel(UiExecutor.direct());
        DeployDialogViewModel dialog = deploy.openDialog();
        dialog.namespaceProperty().set("shop");
        dialog.registryProperty().set("localhost:5001");

        assertThat(dialog.kubeconfigProblemProperty().get()).startsWith("No kubeconfig:")
                .contains("kind create cluster");
        assertThat(dialog.contextsProperty().get()).isEmpty();
        assertThat(dialog.contextErrorProperty().get()).as("the kubeconfig message says it all").isEmpty();
        assertThat(dialog.validProperty().get()).isFalse();
        assertThat(deploy.deploy(dialog)).isFalse();
    }

    @Test
    void theLastChoicesForADesignAreOfferedAgainInTheSession() throws Exception {
        DeployViewModel deploy = viewModel(UiExecutor.direct());
        DeployDialogViewModel first = filled(deploy);
        first.contextProperty().set("prod");
        first.namespaceProperty().set("shop");
        first.forceConflictsProperty().set(true);
        assertThat(deploy.deploy(first)).isTrue();

        DeployDialogViewModel again = deploy.openDialog();
        assertThat(again.contextProperty().get()).isEqualTo("prod");
        assertThat(again.namespaceProperty().get()).isEqualTo("shop");
        assertThat(again.registryProperty().get()).isEqualTo("registry.example/team");
        assertThat(again.tagProperty().get()).isEqualTo("dev");
        assertThat(again.imagesProperty().get()).isEqualTo(ImageHandling.PREBUILT);
        assertThat(again.forceConflictsProperty().get()).isTrue();
        assertThat(service.deploys).containsExactly(new DeployTarget("prod", "shop", "registry.example/team",
                Optional.of("dev"), DeployTarget.Images.PREBUILT, true));

        // another design starts from the kubeconfig again
        document.newDocument();
        DeployDialogViewModel other = deploy.openDialog();
        assertThat(other.contextProperty().get()).isEqualTo("kind-kind");
        assertThat(other.registryProperty().get()).isEmpty();
    }

    // --- the report ------------------------------------------------------------------------

    @Test
    void aCompleteDeployReportsWhatWasAppliedWithItsWarningsAndShowsTheProgressOnTheNodes() throws Exception {
        List<RunBadge> ordersWhileDeploying = new ArrayList<>();
        service.whileDeploying = listener -> {
            listener.logged(new LogLine("", Instant.now(), "applying 45 objects of shop to namespace shop", true));
            listener.statusChanged(NodeStatus.waiting("orders").with(NodeState.STARTING, "applying"));
            listener.statusChanged(NodeStatus.waiting("gateway").with(NodeState.WAITING,
                    "not applied: the deploy stopped at HorizontalPodAutoscaler/orders"));
            listener.logged(new LogLine("orders", Instant.now(), "applied Deployment/orders", true));
        };
        service.report = (topology, target) -> {
            DeployReport all = FakeDeployService.applied(topology, target);
            return new DeployReport(all.deployed(), all.applied(), List.of(), Optional.empty(), List.of(),
                    List.of("Secret orders-db-credentials does not exist in shop: orders will wait"));
        };
        DeployViewModel deploy = viewModel(UiExecutor.direct());
        deploy.badgesProperty().addListener((o, old, now) -> {
            if (now.containsKey("orders")) {
                ordersWhileDeploying.add(now.get("orders"));
            }
        });

        assertThat(deploy.deploy(filled(deploy))).isTrue();

        assertThat(ordersWhileDeploying.get(0).state()).isEqualTo("starting");
        assertThat(ordersWhileDeploying.get(0).note()).isEqualTo("applying");
        RunBadge gateway = deploy.badgesProperty().get().get("gateway");
        assertThat(gateway.note()).as("the report says what was not applied, not every node").isEmpty();
        assertThat(gateway.details()).contains("not applied: the deploy stopped at");
        assertThat(deploy.openProperty().get()).isTrue();
        assertThat(deploy.activityProperty().get()).isEqualTo(Activity.NONE);
        assertThat(deploy.titleProperty().get()).isEqualTo("shop → namespace shop of context kind-kind");
        Outcome outcome = deploy.outcomeProperty().get();
        assertThat(outcome.headline()).isEqualTo("Applied 31 objects of shop to namespace shop of context kind-kind.");
        assertThat(outcome.details()).containsExactly(
                "Warning: Secret orders-db-credentials does not exist in shop: orders will wait");
        assertThat(outcome.tone()).isEqualTo(Tone.WARN);
        assertThat(deploy.lines()).anySatisfy(l -> assertThat(l).endsWith("orders  applied Deployment/orders"))
                .anySatisfy(l -> assertThat(l).endsWith("Applied 31 objects of shop to namespace shop of context kind-kind."));
        assertThat(document.noticeProperty().get().text())
                .isEqualTo("Applied 31 objects of shop to namespace shop of context kind-kind.");
        assertThat(deploy.onClusterProperty().get()).isTrue();
        assertThat(watch().nodes).as("every node of the plan is watched").hasSize(15).contains("orders", "orders-db");
    }

    @Test
    void aFailedDeploySaysWhichObjectFailedWhyWhatIsOnTheClusterAndWhatWasNotAttempted() throws Exception {
        service.report = (topology, target) -> new DeployReport(FakeDeployService.deployed(topology, target),
                List.of(new ObjectRef("", "Namespace", "shop"), new ObjectRef("orders", "Service", "orders"),
                        new ObjectRef("orders", "Deployment", "orders")), List.of(),
                Optional.of(new DeployReport.Failure("orders", Optional.of(new ObjectRef("orders",
                        "HorizontalPodAutoscaler", "orders")), "The Kubernetes API of context kind-kind does not allow "
                        + "this (trying to apply HorizontalPodAutoscaler/orders in namespace shop): forbidden. Ask for a "
                        + "role that allows it, or deploy to a namespace you own.")),
                List.of(new ObjectRef("orders", "PodDisruptionBudget", "orders"),
                        new ObjectRef("gateway", "Deployment", "gateway")), List.of());
        DeployViewModel deploy = deployedShop();

        Outcome outcome = deploy.outcomeProperty().get();
        assertThat(outcome.tone()).isEqualTo(Tone.DANGER);
        assertThat(outcome.headline()).isEqualTo("The deploy of shop stopped at HorizontalPodAutoscaler/orders (orders): "
                + "The Kubernetes API of context kind-kind does not allow this (trying to apply "
                + "HorizontalPodAutoscaler/orders in namespace shop): forbidden. Ask for a role that allows it, or "
                + "deploy to a namespace you own.");
        assertThat(outcome.details()).containsExactly(
                "Applied 3 objects before it (on the cluster now): Namespace/shop, Service/orders, Deployment/orders.",
                "Not attempted (2): PodDisruptionBudget/orders, Deployment/gateway.");
        assertThat(document.noticeProperty().get().problem()).isTrue();
        assertThat(deploy.onClusterProperty().get()).as("what was applied can be watched and undeployed").isTrue();
    }

    @Test
    void aDeployThatAppliedNothingIsNotWatched() throws Exception {
        service.report = (topology, target) -> new DeployReport(FakeDeployService.deployed(topology, target), List.of(),
                List.of(), Optional.of(new DeployReport.Failure("orders", Optional.empty(),
                        "Go is not installed (no `go` on PATH or in /usr/local/go/bin)")), List.of(), List.of());
        DeployViewModel deploy = deployedShop();

        assertThat(deploy.outcomeProperty().get().headline()).isEqualTo("The deploy of shop stopped before applying "
                + "anything (orders): Go is not installed (no `go` on PATH or in /usr/local/go/bin)");
        assertThat(deploy.outcomeProperty().get().details()).containsExactly("Nothing was applied.");
        assertThat(service.watches).isEmpty();
        assertThat(deploy.onClusterProperty().get()).isFalse();
        assertThat(deploy.undeployConfirmation()).isEmpty();
        assertThat(deploy.badgesProperty().get()).as("nothing of it is on the cluster").isEmpty();
        assertThat(deploy.summaryProperty().get()).isEqualTo("shop: the deploy to kind-kind/shop failed");
    }

    @Test
    void aDesignWithErrorsIsRefusedWithTheReasons() throws Exception {
        service.refusal = new LaunchException("The design has 2 errors; fix them before deploying it:\n"
                + "  TOPO010 orders, payments: shared data store\n  TOPO020 a, b: cycle");
        DeployViewModel deploy = deployedShop();

        Outcome outcome = deploy.outcomeProperty().get();
        assertThat(outcome.headline()).isEqualTo("Cannot deploy shop: The design has 2 errors; fix them before "
                + "deploying it");
        assertThat(outcome.details()).containsExactly("TOPO010 orders, payments: shared data store", "TOPO020 a, b: cycle");
        assertThat(outcome.tone()).isEqualTo(Tone.DANGER);
        assertThat(deploy.activityProperty().get()).isEqualTo(Activity.NONE);
        assertThat(deploy.badgesProperty().get()).isEmpty();
        assertThat(service.watches).isEmpty();
    }

    // --- the rollout on the canvas ---------------------------------------------------------

    @Test
    void rolloutStatesReachTheBadgesInWordsAUserCanActOn() throws Exception {
        DeployViewModel deploy = deployedShop();
        FakeWatch watch = watch();

        watch.see(rollout("orders", 2, 3, NodeState.STARTING, "2/3 ready, 2 up to date",
                phases("Running", 2, "Pending", 1), 0, Optional.of("FailedScheduling: 0/3 nodes are available: "
                        + "3 Insufficient cpu")));
        watch.see(rollout("payments", 0, 1, NodeState.CRASHED, "CrashLoopBackOff: payments keeps exiting (restarted "
                + "4 times, last exit code 2) — read its logs: kubectl logs -n shop deploy/payments --previous",
                Map.of("Running", 1), 4, Optional.empty()));
        watch.see(healthy("gateway", 2));
        watch.see(new NodeRollout("shipping", "", 0, 0, 0, Map.of(), 0, NodeState.WAITING, "not on the cluster",
                Optional.empty()));

        RunBadge orders = deploy.badgesProperty().get().get("orders");
        assertThat(orders.state()).isEqualTo("2/3 ready");
        assertThat(orders.tone()).isEqualTo(Tone.PROGRESS);
        assertThat(orders.note()).isEqualTo("FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu");
        assertThat(orders.noteProblem()).isTrue();
        assertThat(orders.details()).contains("starting · Kubernetes kind-kind/shop")
                .contains("Deployment/orders: 2 of 3 ready, 3 up to date").contains("pods: 2 Running, 1 Pending");
        RunBadge payments = deploy.badgesProperty().get().get("payments");
        assertThat(payments.state()).isEqualTo("0/1 ready");
        assertThat(payments.tone()).isEqualTo(Tone.DANGER);
        assertThat(payments.note()).startsWith("CrashLoopBackOff: payments keeps exiting (restarted 4 times, last exit "
                + "code 2)");
        assertThat(payments.details()).contains("restarted 4 times");
        RunBadge gateway = deploy.badgesProperty().get().get("gateway");
        assertThat(gateway.state()).isEqualTo("2/2 ready");
        assertThat(gateway.tone()).isEqualTo(Tone.OK);
        assertThat(gateway.note()).isEmpty();
        assertThat(deploy.badgesProperty().get().get("shipping").state()).isEqualTo("waiting");
        assertThat(deploy.badgesProperty().get().get("shipping").note()).isEqualTo("not on the cluster");

        assertThat(deploy.rollout()).filteredOn(r -> r.node().equals("payments")).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("crashed");
            assertThat(r.ready()).isEqualTo("0/1");
            assertThat(r.pods()).isEqualTo("1 Running");
            assertThat(r.restarts()).isEqualTo(4);
            assertThat(r.tone()).isEqualTo(Tone.DANGER);
        });
        assertThat(deploy.summaryProperty().get()).isEqualTo("shop on kind-kind/shop: 1 of 15 ready · payments crashed");
        assertThat(deploy.summaryToneProperty().get()).isEqualTo(Tone.DANGER);

        watch.see(healthy("payments", 1));
        assertThat(deploy.badgesProperty().get().get("payments").tone()).isEqualTo(Tone.OK);
        assertThat(deploy.summaryProperty().get()).isEqualTo("shop on kind-kind/shop: 2 of 15 ready · rolling out…");

        watch.fail("The Kubernetes API of context kind-kind cannot be reached (trying to watch the rollout of shop)");
        assertThat(deploy.summaryProperty().get()).startsWith("shop on kind-kind/shop: cannot watch: The Kubernetes API");
        assertThat(deploy.summaryToneProperty().get()).isEqualTo(Tone.WARN);
        assertThat(deploy.lines()).last().asString().contains("watch: The Kubernetes API of context kind-kind cannot be "
                + "reached");
    }

    @Test
    void aBurstOfRolloutNewsFromTheWatchThreadReachesTheUiThreadInOneHop() throws Exception {
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        AtomicInteger hops = new AtomicInteger();
        DeployViewModel deploy = viewModel(command -> {
            hops.incrementAndGet();
            uiQueue.add(command);
        });
        deploy.deploy(filled(deploy));
        drain(uiQueue);
        FakeWatch watch = watch();
        int before = hops.get();

        Thread watcher = new Thread(() -> {
            for (int i = 1; i <= 200; i++) {
                watch.see(rollout("orders", i % 3, 3, NodeState.STARTING, "", Map.of("Running", 3), i, Optional.empty()));
            }
            watch.see(healthy("orders", 3));
        });
        watcher.start();
        watcher.join();

        assertThat(hops.get() - before).isEqualTo(1);
        assertThat(deploy.badgesProperty().get()).as("nothing before the UI thread takes it").doesNotContainKey("orders");
        drain(uiQueue);
        assertThat(deploy.badgesProperty().get().get("orders").state()).isEqualTo("3/3 ready");
    }

    private static void drain(ConcurrentLinkedQueue<Runnable> queue) {
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            r.run();
        }
    }

    // --- drift -----------------------------------------------------------------------------

    @Test
    void checkDriftListsTheDriftsMarksTheNodesAndReapplyAsksNamingWhatChangesThenClearsTheMarks() throws Exception {
        DeployViewModel deploy = deployedShop();
        watch().see(healthy("orders", 2));
        service.drift = List.of(
                new Drift("orders", new ObjectRef("orders", "Deployment", "orders"), Drift.Kind.CHANGED,
                        List.of("spec.replicas: 5 on the cluster, 2 in the design")),
                new Drift("catalog", new ObjectRef("catalog", "Service", "catalog"), Drift.Kind.MISSING, List.of()),
                new Drift("payments", new ObjectRef("payments", "Deployment", "payments-canary"), Drift.Kind.EXTRA,
                        List.of()),
                new Drift("inventory", new ObjectRef("inventory", "Deployment", "inventory"), Drift.Kind.CHANGED,
                        List.of("spec.template.spec.containers[inventory].image: registry.example/team/shop-inventory:"
                                + "hotfix on the cluster, registry.example/team/shop-inventory:dev in the design")));

        deploy.checkDrift();

        Outcome outcome = deploy.outcomeProperty().get();
        assertThat(outcome.headline()).isEqualTo("4 differences between the cluster and the design:");
        assertThat(outcome.details()).containsExactly(
                "Deployment/orders was changed on the cluster: spec.replicas: 5 on the cluster, 2 in the design",
                "Service/catalog is missing from the cluster",
                "Deployment/payments-canary carries the project's label but is not in the design",
                "Deployment/inventory was changed on the cluster: spec.template.spec.containers[inventory].image: "
                        + "registry.example/team/shop-inventory:hotfix on the cluster, "
                        + "registry.example/team/shop-inventory:dev in the design",
                "Re-apply makes the cluster as designed again.");
        RunBadge orders = deploy.badgesProperty().get().get("orders");
        assertThat(orders.state()).isEqualTo("drift");
        assertThat(orders.tone()).isEqualTo(Tone.WARN);
        assertThat(orders.note()).isEqualTo("replicas: 5 on the cluster, 2 in the design");
        assertThat(orders.details()).contains(
                "Deployment/orders was changed on the cluster: spec.replicas: 5 on the cluster, 2 in the design");
        assertThat(orders.details()).as("the rollout stays in the tooltip").contains("2/2 ready");
        assertThat(deploy.badgesProperty().get().get("catalog").tone()).as("a deleted object").isEqualTo(Tone.DANGER);
        assertThat(deploy.badgesProperty().get().get("payments").note())
                .isEqualTo("extra Deployment/payments-canary, not in the design");
        assertThat(deploy.badgesProperty().get().get("catalog").note()).isEqualTo("Service/catalog deleted from the cluster");
        assertThat(deploy.badgesProperty().get().get("inventory").note())
                .startsWith("containers[inventory].image: registry.example/team/shop-inventory:hotfix on the cluster");
        assertThat(deploy.rollout()).filteredOn(r -> r.node().equals("orders")).singleElement()
                .extracting(RolloutRow::drift).asString().contains("spec.replicas: 5 on the cluster");
        assertThat(deploy.summaryProperty().get()).endsWith(" · 4 drifts");

        Confirmation question = deploy.reapplyConfirmation().orElseThrow();
        assertThat(question.header()).isEqualTo("Re-apply shop to kind-kind/shop?");
        assertThat(question.message()).contains("Re-applying makes namespace shop of context kind-kind as designed again")
                .contains("• Deployment/orders: set back spec.replicas: 5 on the cluster, 2 in the design")
                .contains("• Service/catalog: created again")
                .contains("• Deployment/payments-canary: deleted (labelled io.topograph.project=shop but not in the design)")
                .contains("taken over").contains("Images are not rebuilt");

        deploy.reapply();

        assertThat(service.reapplies).hasSize(1);
        assertThat(deploy.outcomeProperty().get().headline())
                .isEqualTo("Applied 1 object of shop to namespace shop of context kind-kind.");
        assertThat(deploy.outcomeProperty().get().details())
                .containsExactly("Removed 1 object not in the design: Deployment/payments-canary.");
        assertThat(deploy.badgesProperty().get().get("orders").state()).isEqualTo("2/2 ready");
        assertThat(deploy.badgesProperty().get().get("catalog")).isNull();
        assertThat(deploy.summaryProperty().get()).doesNotContain("drift");

        deploy.checkDrift();
        assertThat(deploy.outcomeProperty().get().headline()).isEqualTo("No drift: the cluster matches the design.");
        assertThat(deploy.reapplyConfirmation().orElseThrow().message()).contains("found no difference");
    }

    // --- undeploy and close ----------------------------------------------------------------

    @Test
    void undeployDeletesTheDataToOnlyWhenTheQuestionsBoxIsTicked() throws Exception {
        DeployViewModel deploy = deployedShop();
        watch();
        deploy.undeployConfirmation().orElseThrow();
        deploy.deleteDataProperty().set(true);

        deploy.undeploy();

        assertThat(service.undeploys).containsExactly("shop kind-kind/shop with its data");
    }

    @Test
    void undeployAsksNamingTheContextNamespaceAndLabelThenStopsWatchingAndRemovesEverything() throws Exception {
        DeployViewModel deploy = deployedShop();
        FakeWatch watch = watch();
        watch.see(healthy("orders", 2));
        FakeForwards forwards = service.forwards.get(0);

        Confirmation question = deploy.undeployConfirmation().orElseThrow();
        assertThat(question.title()).isEqualTo("Undeploy shop");
        assertThat(question.header()).isEqualTo("Remove shop from namespace shop of context kind-kind?");
        assertThat(question.message()).startsWith("Deletes every object labelled io.topograph.project=shop in "
                + "namespace shop of context kind-kind:").contains("The data of its databases (volume claims) and the "
                + "credentials Secrets with their passwords stay").contains("the namespace shop stays");
        assertThat(question.action()).isEqualTo("Undeploy");
        assertThat(question.option()).hasValueSatisfying(o -> assertThat(o).startsWith("Delete the databases' data"));
        assertThat(deploy.deleteDataProperty().get()).as("unticked at each question").isFalse();

        deploy.undeploy();

        assertThat(service.undeploys).containsExactly("shop kind-kind/shop");
        assertThat(watch.stopped).isTrue();
        assertThat(forwards.closed).isTrue();
        assertThat(deploy.outcomeProperty().get().headline()).isEqualTo("Deleted 1 object of shop from namespace shop of "
                + "context kind-kind: Deployment/orders.");
        assertThat(deploy.outcomeProperty().get().tone()).isEqualTo(Tone.OK);
        assertThat(deploy.badgesProperty().get()).isEmpty();
        assertThat(deploy.metricsUrlsProperty().get()).isEmpty();
        assertThat(deploy.onClusterProperty().get()).isFalse();
        assertThat(deploy.undeployConfirmation()).isEmpty();
        assertThat(deploy.summaryProperty().get()).isEqualTo("shop: undeployed from kind-kind/shop");
        assertThat(deploy.openProperty().get()).as("the report stays until the view is closed").isTrue();

        watch.see(healthy("orders", 2));
        assertThat(deploy.badgesProperty().get()).as("a stopped watch's last look changes nothing").isEmpty();
    }

    @Test
    void anUndeployThatCouldNotDeleteEverythingSaysWhatAndCanBeTriedAgain() throws Exception {
        service.undeployReport = new UndeployReport("shop", "namespace shop of context kind-kind",
                List.of(new ObjectRef("orders", "Deployment", "orders")),
                List.of("The Kubernetes API of context kind-kind does not allow this (trying to delete the "
                        + "persistentvolumeclaims of shop in shop)"));
        DeployViewModel deploy = deployedShop();

        deploy.undeploy();

        assertThat(deploy.outcomeProperty().get().tone()).isEqualTo(Tone.DANGER);
        assertThat(deploy.outcomeProperty().get().details()).singleElement().asString()
                .startsWith("not deleted: The Kubernetes API");
        assertThat(deploy.undeployConfirmation()).isPresent();
    }

    @Test
    void metricsUrlsFollowTheReadyServicesAndCloseWithTheView() throws Exception {
        DeployViewModel deploy = deployedShop();
        FakeWatch watch = watch();
        FakeForwards forwards = service.forwards.get(0);
        assertThat(deploy.metricsUrlsProperty().get()).as("nothing is ready yet").isEmpty();

        watch.see(healthy("orders", 2));
        watch.see(healthy("orders-db", 1));
        watch.see(rollout("payments", 0, 1, NodeState.STARTING, "0/1 ready", Map.of("Pending", 1), 0, Optional.empty()));

        assertThat(deploy.metricsUrlsProperty().get())
                .containsExactly(Map.entry("orders", URI.create("http://127.0.0.1:40001/metrics")));
        assertThat(forwards.refreshes).last().isEqualTo(java.util.Set.of("orders", "orders-db"));
        assertThat(deploy.lines()).anySatisfy(l -> assertThat(l).endsWith("orders: metrics at "
                + "http://127.0.0.1:40001/metrics"));

        watch.see(healthy("payments", 1));
        assertThat(deploy.metricsUrlsProperty().get()).containsOnlyKeys("orders", "payments");

        deploy.close();

        assertThat(watch.stopped).isTrue();
        assertThat(forwards.closed).isTrue();
        assertThat(deploy.metricsUrlsProperty().get()).isEmpty();
        assertThat(deploy.badgesProperty().get()).isEmpty();
        assertThat(deploy.openProperty().get()).isFalse();
        watch.see(healthy("gateway", 2));
        assertThat(deploy.badgesProperty().get()).isEmpty();
    }

    @Test
    void aNewDeployStopsWatchingThePreviousOne() throws Exception {
        DeployViewModel deploy = deployedShop();
        FakeWatch first = watch();

        assertThat(deploy.deploy(filled(deploy))).isTrue();

        assertThat(first.stopped).isTrue();
        assertThat(service.forwards.get(0).closed).isTrue();
        assertThat(service.watches).hasSize(2);
        assertThat(watch().stopped).isFalse();
    }

    @Test
    void theCanvasShowsTheDeploymentOverALocalRunAndTheRunAgainOnceTheDeploymentViewCloses(@TempDir Path temp)
            throws Exception {
        FakeRunService runs = new FakeRunService();
        MainViewModel main = new MainViewModel(TaskExecutor.synchronous(), 0, new UserDirectories(temp, temp), 0, runs,
                UiExecutor.direct(), 0, service);
        main.document().show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        main.run().start();
        runs.run.emit("orders", NodeState.HEALTHY, "process", "", 0);
        assertThat(main.canvas().runBadgesProperty().get().get("orders").state()).isEqualTo("healthy");

        DeployViewModel deploy = main.deploy();
        assertThat(deploy.deploy(filled(deploy))).isTrue();
        watch().see(healthy("orders", 2));
        assertThat(main.canvas().runBadgesProperty().get().get("orders").state()).isEqualTo("2/2 ready");

        deploy.close();
        assertThat(main.canvas().runBadgesProperty().get().get("orders").state()).isEqualTo("healthy");
    }
}
