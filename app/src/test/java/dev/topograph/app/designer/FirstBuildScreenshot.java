package dev.topograph.app.designer;

import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.local.LocalRunService;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A picture of the real window while the shop's first Run ▶ compiles: run it with {@code GOCACHE}
 * pointing at an empty folder, under Xvfb. It opens the shop from a code folder of its own, presses
 * Run, waits until the build has told its progress for {@code seconds} (default 30), writes
 * docs/screenshots/designer-first-build.png and prints the status line it shows. A program, not a test.
 *
 * <pre>GOCACHE=$(mktemp -d) xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.order=sw -cp … \
 *   dev.topograph.app.designer.FirstBuildScreenshot</pre>
 */
public final class FirstBuildScreenshot {
    private FirstBuildScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path user = Files.createTempDirectory("topograph-first-build");
        Topology shop = new ProjectFile().load(Path.of("..", "examples", "shop.topology.json"));
        Path code = user.resolve("code").resolve("shop");
        Path design = code.resolve("shop.topology.json");
        new CodeFolder(code).regenerate(shop, Optional.of(design), false);
        new ProjectFile().save(shop, design);

        AtomicReference<MainViewModel> model = new AtomicReference<>();
        AtomicReference<Stage> window = new AtomicReference<>();
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Platform.startup(() -> {
            FxUiExecutor ui = new FxUiExecutor();
            UserDirectories dirs = new UserDirectories(user, user);
            MainViewModel viewModel = new MainViewModel(new BackgroundTaskExecutor(ui), 50, dirs, 60_000,
                    new LocalRunService(RunSettings.defaults(new RunHome(user.resolve("home")))
                            .withPorts(RunSettings.Ports.FREE).withProviders(List.of(RunSettings.ProviderKind.BINARY))),
                    ui, RunViewModel.COALESCE_MILLIS);
            Stage stage = new Stage();
            DesignerApp.show(stage, viewModel).start(Optional.of(design));
            model.set(viewModel);
            window.set(stage);
            shown.complete(null);
        });
        shown.get(5, TimeUnit.MINUTES);
        waitFor(300, () -> model.get().canvas().diagramProperty().get().nodes().size() == 15);
        // Run ▶ does nothing while the designer looks for what killed runs left: press it until it runs.
        waitFor(300, () -> {
            Platform.runLater(() -> model.get().run().start());
            sleep(2000);
            return model.get().run().phaseProperty().get() != RunViewModel.Phase.IDLE;
        });
        long start = System.nanoTime();
        long[] said = {0};
        waitFor(1800, () -> {
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            if (elapsed >= said[0] + 15) {
                said[0] = elapsed;
                System.out.println(elapsed + " s: " + model.get().run().summaryProperty().get());
            }
            return model.get().canvas().runBadgesProperty().get().values().stream()
                    .anyMatch(b -> b.note().contains("packages")) && elapsed > seconds;
        });
        CompletableFuture<javafx.scene.image.WritableImage> image = new CompletableFuture<>();
        AtomicReference<String> summary = new AtomicReference<>();
        Platform.runLater(() -> {
            summary.set(model.get().run().summaryProperty().get());
            image.complete(window.get().getScene().snapshot(null));
        });
        Path out = Path.of("").toAbsolutePath().getParent().resolve("docs/screenshots/designer-first-build.png");
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image.get(30, TimeUnit.SECONDS), null),
                "png", out.toFile());
        System.out.println("status line: " + summary.get());
        System.out.println("wrote " + out);
        Platform.runLater(() -> model.get().run().stop());
        waitFor(120, () -> model.get().run().phaseProperty().get() == RunViewModel.Phase.IDLE);
        System.exit(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(int seconds, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not within " + seconds + " s");
            }
            Thread.sleep(250);
        }
    }
}
