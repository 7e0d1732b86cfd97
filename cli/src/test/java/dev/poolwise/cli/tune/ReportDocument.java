package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report parsed as XML, with what the tests ask of it; shared by the unit and the integration tests. */
public final class ReportDocument {

    private final Document document;

    private ReportDocument(Document document) {
        this.document = document;
    }

    /**
     * @param html the report
     * @return it parsed; fails the test when it is not well-formed
     */
    public static ReportDocument parse(String html) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // No network: the DOCTYPE names no DTD, and nothing external may be fetched.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return new ReportDocument(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("the report is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** @return the chart ids, in order */
    public List<String> chartIds() {
        List<String> ids = new ArrayList<>();
        for (Element svg : elements("svg")) {
            ids.add(svg.getAttribute("id"));
        }
        return ids;
    }

    /**
     * @param chartId a chart's id
     * @param series  a series name, e.g. {@code poolwise}
     * @return the sizes of that series' points, in document order
     */
    public List<Integer> pointSizes(String chartId, String series) {
        List<Integer> sizes = new ArrayList<>();
        for (Element circle : elementsIn(chartId, "circle")) {
            if ("point".equals(circle.getAttribute("class")) && series.equals(circle.getAttribute("data-series"))) {
                sizes.add(Integer.parseInt(circle.getAttribute("data-size")));
            }
        }
        return sizes;
    }

    /**
     * @param chartId a chart's id
     * @param marker  a marker's name, e.g. {@code recommended}
     * @return the size the marker stands at, or -1 when the chart has none
     */
    public int markerSize(String chartId, String marker) {
        for (Element line : elementsIn(chartId, "line")) {
            if (line.getAttribute("class").equals("marker marker-" + marker)) {
                return Integer.parseInt(line.getAttribute("data-size"));
            }
        }
        return -1;
    }

    /** @return the text of the element with this id */
    public String textOf(String id) {
        for (Element element : elements("*")) {
            if (id.equals(element.getAttribute("id"))) {
                return element.getTextContent();
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    /** @return the number of elements with this local name */
    public int count(String localName) {
        return elements(localName).size();
    }

    private List<Element> elementsIn(String chartId, String localName) {
        for (Element svg : elements("svg")) {
            if (chartId.equals(svg.getAttribute("id"))) {
                return list(svg.getElementsByTagNameNS("*", localName));
            }
        }
        assertThat(chartIds()).as("charts").contains(chartId);
        return List.of();
    }

    private List<Element> elements(String localName) {
        return list(document.getElementsByTagNameNS("*", localName));
    }

    private static List<Element> list(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
