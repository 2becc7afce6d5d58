package dev.topograph.app.designer.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.Diagram;
import dev.topograph.app.designer.canvas.DrawnContext;
import dev.topograph.app.designer.canvas.DrawnEdge;
import dev.topograph.app.designer.canvas.DrawnNode;
import dev.topograph.app.designer.canvas.Marker;
import dev.topograph.app.ui.TaskExecutor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG export draws what the canvas draws: contexts, edges with arrowheads and dashes, labelled nodes. */
class SvgExportTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    private static Diagram diagram(List<DrawnContext> contexts, List<DrawnNode> nodes, List<DrawnEdge> edges) {
        Map<String, DrawnNode> byId = nodes.stream().collect(Collectors.toMap(DrawnNode::id, Function.identity()));
        return new Diagram(contexts, nodes, edges, byId);
    }

    private static final Diagram SMALL = diagram(
            List.of(new DrawnContext("rd", "R&D <core>", -60, -60, 500, 200)),
            List.of(new DrawnNode("api", "service", ":8081 · nethttp", -40, -20, Marker.NONE),
                    new DrawnNode("jobs", "queue", "nats", 300, 0, Marker.ERROR)),
            List.of(new DrawnEdge("api->jobs:publish", "api", "jobs", "publish", "job.created", false, Marker.NONE),
                    new DrawnEdge("api->api2", "api", "jobs", "http", "/x", true, Marker.NONE)));

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element byId(Document doc, String id) {
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (id.equals(g.getAttribute("id"))) {
                return g;
            }
        }
        throw new AssertionError("no group " + id);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList list = parent.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    @Test
    void eachElementIsAGroupWithItsShapesAndLabels() throws Exception {
        Document doc = parse(SvgExport.render(SMALL, CanvasPalette.LIGHT, "lab"));
        Element svg = doc.getDocumentElement();
        assertThat(svg.getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("lab");

        Element context = byId(doc, "context-rd");
        assertThat(children(context, "text")).extracting(Element::getTextContent).containsExactly("R&D <core>");
        assertThat(children(context, "rect")).anyMatch(r -> r.getAttribute("stroke-dasharray").equals("8 5"));

        Element api = byId(doc, "node-api");
        assertThat(api.getAttribute("class")).isEqualTo("node service");
        assertThat(children(api, "text")).extracting(Element::getTextContent)
                .containsExactly("api", "service  :8081 · nethttp");
        assertThat(children(api, "rect")).anyMatch(r -> r.getAttribute("fill").equals("#2563eb"));
    }

    @Test
    void messagingEdgesAreDashedCallsAreSolidRoutedAndEveryEdgeHasAnArrowhead() throws Exception {
        Document doc = parse(SvgExport.render(SMALL, CanvasPalette.LIGHT, "lab"));
        Element publish = byId(doc, "edge-api->jobs:publish");
        // Each edge is one polyline along the route the canvas draws (Diagram.paths).
        assertThat(children(publish, "polyline")).singleElement()
                .satisfies(l -> assertThat(l.getAttribute("stroke-dasharray")).isEqualTo("7 5"))
                .satisfies(l -> assertThat(l.getAttribute("stroke")).isEqualTo("#b45309"));
        assertThat(children(publish, "polygon")).hasSize(1);
        assertThat(children(publish, "text")).extracting(Element::getTextContent).containsExactly("job.created");

        Element call = byId(doc, "edge-api->api2");
        assertThat(children(call, "polyline")).singleElement()
                .satisfies(l -> assertThat(l.hasAttribute("stroke-dasharray")).isFalse())
                .satisfies(l -> assertThat(l.getAttribute("stroke")).isEqualTo("#334155"));
        assertThat(children(call, "polygon")).hasSize(1);
    }

    @Test
    void aProblemMarkerIsDrawnInTheDangerColour() throws Exception {
        Document doc = parse(SvgExport.render(SMALL, CanvasPalette.LIGHT, "lab"));
        Element jobs = byId(doc, "node-jobs");
        assertThat(children(jobs, "circle")).singleElement()
                .satisfies(c -> assertThat(c.getAttribute("fill")).isEqualTo("#dc2626"));
        assertThat(children(jobs, "rect")).anyMatch(r -> "#dc2626".equals(r.getAttribute("stroke")));
    }

    @Test
    void theWholeDrawingFitsThePictureWhateverItsCoordinates() throws Exception {
        Document doc = parse(SvgExport.render(SMALL, CanvasPalette.LIGHT, "lab"));
        double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
        double height = Double.parseDouble(doc.getDocumentElement().getAttribute("height"));
        // From the context's corner (-60, -60) to the queue's far corner (300 + 168, 0 + 58), plus margins.
        assertThat(width).isEqualTo(60 + 300 + DrawnNode.WIDTH + 2 * DiagramPainter.MARGIN);
        assertThat(height).isEqualTo(200 + 2 * DiagramPainter.MARGIN);
        for (String tag : List.of("rect", "line", "text", "circle")) {
            for (Element e : children(doc.getDocumentElement(), tag)) {
                for (String attribute : List.of("x", "y", "x1", "y1", "x2", "y2", "cx", "cy")) {
                    if (e.hasAttribute(attribute) && !e.getAttribute(attribute).endsWith("%")) {
                        assertThat(Double.parseDouble(e.getAttribute(attribute))).as(tag + " " + attribute)
                                .isBetween(0.0, Math.max(width, height));
                    }
                }
            }
        }
    }

    @Test
    void aLabelTooLongForItsNodeIsSqueezedIntoItAsOnTheCanvas() throws Exception {
        String id = "a-very-long-service-name-that-keeps-going";
        Diagram longName = diagram(List.of(), List.of(new DrawnNode(id, "service", ":1", 0, 0, Marker.NONE)), List.of());
        Element title = children(byId(parse(SvgExport.render(longName, CanvasPalette.LIGHT, "x")), "node-" + id), "text").get(0);
        assertThat(title.getTextContent()).isEqualTo(id);
        assertThat(title.getAttribute("textLength")).isEqualTo(String.valueOf((int) (DrawnNode.WIDTH - 40)));
        assertThat(title.getAttribute("lengthAdjust")).isEqualTo("spacingAndGlyphs");
    }

    @Test
    void theThemeSetsTheColours() {
        String dark = SvgExport.render(SMALL, CanvasPalette.DARK, "lab");
        assertThat(dark).contains("class=\"background\" width=\"100%\" height=\"100%\" fill=\"#0d1117\"");
        assertThat(SvgExport.render(SMALL, CanvasPalette.LIGHT, "lab")).contains("fill=\"#f8fafc\"");
    }

    @Test
    void theExampleExportsEveryNodeAndEdgeTheSameWayEachTime() throws Exception {
        MainViewModel designer = new MainViewModel(TaskExecutor.synchronous(), 0);
        designer.document().open(EXAMPLE, e -> { throw new AssertionError(e); });
        Diagram shop = designer.canvas().diagramProperty().get();

        String svg = SvgExport.render(shop, CanvasPalette.LIGHT, "shop");
        Document doc = parse(svg);
        for (DrawnNode n : shop.nodes()) {
            assertThat(children(byId(doc, "node-" + n.id()), "text").get(0).getTextContent()).isEqualTo(n.id());
        }
        for (DrawnEdge e : shop.edges()) {
            assertThat(children(byId(doc, "edge-" + e.key()), "polygon")).hasSize(1);
        }
        assertThat(doc.getElementsByTagName("polygon").getLength()).isEqualTo(shop.edges().size());
        assertThat(SvgExport.render(shop, CanvasPalette.LIGHT, "shop")).isEqualTo(svg);
    }
}
