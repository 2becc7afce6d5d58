package dev.topograph.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;
import dev.topograph.model.topology.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seams of DESIGN.md §1, checked on the compiled classes of every module. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.topograph");
    }

    @Test
    void modelKnowsNothingOfTheUiOrTheOutsideWorld() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.topograph.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "com.github.dockerjava..", "io.fabric8..", "java.net.http..", "dev.topograph.app..")
                .because("the model is the pure domain: the designer, the CLI and the launchers build on it, "
                        + "never the other way round");
        rule.check(classes);
    }

    @Test
    void onlyTheFileAndGeneratorPackagesOfTheModelDoIo() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.topograph.model..")
                .and().resideOutsideOfPackages("dev.topograph.model.file..", "dev.topograph.model.generate..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .because("the model does no I/O except reading and writing project files and generated trees");
        rule.check(classes);
    }

    @Test
    void viewsBindToViewModelsAndNeverTouchTheModel() {
        DescribedPredicate<JavaClass> viewModel = new DescribedPredicate<>("a ViewModel (or a class nested in one)") {
            @Override
            public boolean test(JavaClass c) {
                return c.getName().matches(".*ViewModel(\\$.*)?");
            }
        };
        ArchRule rule = noClasses().that().resideInAPackage("dev.topograph.app.designer..")
                .and(DescribedPredicate.not(viewModel))
                .should().dependOnClassesThat().resideInAPackage("dev.topograph.model..")
                .because("MVVM: only ViewModels call the model; views bind to ViewModel properties");
        rule.check(classes);
    }

    @Test
    void onlyTheDockerEngineTalksToDockerJava() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.topograph.app.launch.docker..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .because("one seam holds the engine's API, so its timeouts, error messages and labels are "
                        + "handled once (DockerEngine)");
        rule.check(classes);
    }

    @Test
    void onlyTheKubernetesLauncherTalksToFabric8() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.topograph.app.launch.kubernetes..")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .because("one seam holds the cluster's API, so its timeouts, field manager, labels and error "
                        + "messages are handled once (Cluster, ClusterDeployer)");
        rule.check(classes);
    }

    @Test
    void launchersNeverTouchJavaFx() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.topograph.app.launch..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("launchers block on builds, processes and engines: they run in background tasks "
                        + "and report to ViewModels, never on the FX thread");
        rule.check(classes);
    }

    @Test
    void onlyTheUiExecutorCallsRunLater() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName("dev.topograph.app.ui.FxUiExecutor")
                .should().callMethod("javafx.application.Platform", "runLater", "java.lang.Runnable")
                .because("one UI task executor is the only door to the FX thread; background work "
                        + "never touches the scene graph directly");
        rule.check(classes);
    }

    @Test
    void theAppChangesTopologiesOnlyThroughCommands() {
        DescribedPredicate<JavaMethodCall> topologyChange = new DescribedPredicate<>("a change to a Topology value") {
            @Override
            public boolean test(JavaMethodCall call) {
                String name = call.getTarget().getName();
                return call.getTargetOwner().isEquivalentTo(Topology.class)
                        && (name.startsWith("with") || name.startsWith("map"));
            }
        };
        ArchRule rule = noClasses().that().resideInAPackage("dev.topograph.app..")
                .should().callMethodWhere(topologyChange)
                .because("every edit goes through a command on the one command stack, so undo/redo covers it");
        rule.check(classes);
    }

    @Test
    void theMetricsCoreIsPureJava() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.topograph.app.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "java.net..", "java.io..", "java.nio..", "dev.topograph.app.designer..", "dev.topograph.app.ui..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .because("parsing and the rates are plain computations on what a scraper hands them, with its "
                        + "timestamps: testable without a window, a network or a clock");
        rule.check(classes);
    }
}
