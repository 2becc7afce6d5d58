package dev.topograph.app.designer.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.Display;
import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.Diagram;
import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.ui.TaskExecutor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The PNG export is the whole drawing at twice the canvas's size, whatever part of it is in view. Needs a display. */
@ExtendWith(ApplicationExtension.class)
class PngExportTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    @TempDir
    Path temp;

    @BeforeAll
    static void needsADisplay() {
        Display.require();
    }

    @Start
    void start(Stage stage) {
        // The FX toolkit is all this needs; no window is shown.
    }

    @Test
    void theFileHoldsEveryNodeInItsColoursAtTwiceTheSize() throws Exception {
        MainViewModel designer = new MainViewModel(TaskExecutor.synchronous(), 0);
        designer.document().open(EXAMPLE, e -> { throw new AssertionError(e); });
        Diagram shop = designer.canvas().diagramProperty().get();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> PngExport.render(shop, CanvasPalette.LIGHT))
                .get(10, TimeUnit.SECONDS);

        Path png = temp.resolve("shop.png");
        List<String> done = new ArrayList<>();
        designer.export().exportPng(png, image, () -> done.add("done"), e -> { throw new AssertionError(e); });
        assertThat(done).containsExactly("done");
        BufferedImage read = ImageIO.read(png.toFile());

        DiagramPainter.Frame frame = new DiagramPainter(shop, CanvasPalette.LIGHT).frame();
        assertThat(read.getWidth()).isEqualTo((int) Math.ceil(frame.width() * PngExport.SCALE));
        assertThat(read.getHeight()).isEqualTo((int) Math.ceil(frame.height() * PngExport.SCALE));
        // Each node's coloured stripe is where the drawing puts it: the far corners too.
        for (DrawnNode n : shop.nodes()) {
            int x = (int) ((n.x() - frame.left() + 3) * PngExport.SCALE);
            int y = (int) ((n.centerY() - frame.top()) * PngExport.SCALE);
            assertThat(rgb(read.getRGB(x, y))).as(n.id()).isEqualTo(rgb(CanvasPalette.LIGHT.kind(n.kind())));
        }
        DrawnNode rightmost = shop.nodes().stream().max(Comparator.comparingDouble(DrawnNode::x)).orElseThrow();
        assertThat((rightmost.x() + DrawnNode.WIDTH - frame.left()) * PngExport.SCALE).isLessThan(read.getWidth());
        assertThat(rgb(read.getRGB(2, 2))).isEqualTo(rgb(CanvasPalette.LIGHT.background()));
    }

    private static int rgb(int argb) {
        return argb & 0xffffff;
    }

    private static int rgb(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
