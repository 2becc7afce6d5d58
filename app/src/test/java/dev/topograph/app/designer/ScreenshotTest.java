package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes the README's screenshots: the real designer window with the example open, in the
 * light and the dark theme, to {@code docs/screenshots/}. Needs a display (CI runs the tests
 * under xvfb-run).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLE = REPO.resolve("examples/shop.topology.json");
    private static final Path SCREENSHOTS = REPO.resolve("docs/screenshots");
    /** The canvas's service colour: proof that the design itself is in the picture. */
    private static final int SERVICE_RGB = 0x2563eb;

    private MainViewModel viewModel;
    private MainView view;
    private Stage stage;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @Start
    void start(Stage stage) {
        // Assembled as DesignerApp.start assembles the real window.
        this.stage = stage;
        viewModel = new MainViewModel(new BackgroundTaskExecutor(new FxUiExecutor()),
                MainViewModel.VALIDATION_DEBOUNCE_MILLIS);
        view = new MainView(viewModel);
        stage.setScene(new Scene(view.root(), 1400, 880));
        stage.titleProperty().bind(viewModel.document().titleProperty());
        stage.show();
    }

    @Test
    void writesTheMainWindowWithTheExampleInTheLightAndTheDarkTheme() throws Exception {
        assertThat(REPO.resolve("pom.xml")).as("tests run from the app module").exists();
        WaitForAsyncUtils.asyncFx(() -> view.open(EXAMPLE)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.document().fileProperty().get()
                .equals(Optional.of(EXAMPLE.toAbsolutePath())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, this::wholeDesignIsInView);
        // A selected service, so the inspector shows what it edits (port, framework, endpoints).
        WaitForAsyncUtils.asyncFx(() -> viewModel.canvas().select(List.of("orders"))).get(5, TimeUnit.SECONDS);
        Path light = write("designer-light.png");

        WaitForAsyncUtils.asyncFx(() -> viewModel.darkProperty().set(true)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        Path dark = write("designer-dark.png");

        for (Path shot : new Path[] {light, dark}) {
            assertThat(shot).exists();
            assertThat(Files.size(shot)).as("%s is a real picture", shot).isGreaterThan(40_000);
            BufferedImage image = ImageIO.read(shot.toFile());
            assertThat(image.getWidth()).isEqualTo(1400);
            assertThat(image.getHeight()).isEqualTo(880);
            assertThat(distinctColours(image)).as("%s is not one flat colour", shot).isGreaterThan(200);
            assertThat(pixelsNear(image, SERVICE_RGB)).as("%s shows the design's services", shot).isGreaterThan(50);
        }
        assertThat(averageLuminance(ImageIO.read(dark.toFile())))
                .isLessThan(averageLuminance(ImageIO.read(light.toFile())) - 0.3);
    }

    /** Every node of the open design lies inside the visible part of the canvas. */
    private boolean wholeDesignIsInView() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            var nodes = viewModel.canvas().diagramProperty().get().nodes();
            Bounds visible = view.canvas().visibleCanvasArea();
            return nodes.size() == viewModel.document().topology().nodes().size() && !nodes.isEmpty()
                    && nodes.stream().allMatch(n -> visible.contains(n.x(), n.y())
                            && visible.contains(n.x() + DrawnNode.WIDTH, n.y() + DrawnNode.HEIGHT));
        }).get(5, TimeUnit.SECONDS);
    }

    private Path write(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    private static int pixelsNear(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 24
                        && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 24
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 24) {
                    count++;
                }
            }
        }
        return count;
    }

    private static double averageLuminance(BufferedImage image) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int p = image.getRGB(x, y);
                sum += (0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff)) / 255;
                n++;
            }
        }
        return sum / n;
    }
}
