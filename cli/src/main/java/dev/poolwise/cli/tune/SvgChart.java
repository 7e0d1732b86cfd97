package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One line chart as inline SVG: a value against pool size, one line per series, with vertical markers at
 * chosen sizes. Pool sizes run on a log₂ axis (1, 2, 4 … 64 equally spaced) with a tick at every size
 * measured. Every point is a {@code circle class="point"} carrying {@code data-series}, {@code data-size} and
 * {@code data-value}, with a tooltip, so that the chart can be checked by a program as well as read.
 *
 * <p>The SVG is well-formed XML with no external references: the report must open with no network.
 */
public final class SvgChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 340;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 40;
    private static final int BOTTOM = 52;

    private final String id;
    private final String title;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    /**
     * @param id     the SVG element's id, e.g. {@code chart-throughput}
     * @param title  the chart's title
     * @param yLabel the vertical axis's label, with its unit
     */
    public SvgChart(String id, String title, String yLabel) {
        this.id = id;
        this.title = title;
        this.yLabel = yLabel;
    }

    /**
     * Adds a line.
     *
     * @param name   the series' name for the legend and {@code data-series}, e.g. {@code poolwise}
     * @param label  its label in the legend, e.g. {@code Poolwise p99}
     * @param color  a CSS colour
     * @param dashed whether to draw the line dashed (a secondary figure such as p50)
     * @param points the points, in any order
     * @return this chart
     */
    public SvgChart series(String name, String label, String color, boolean dashed, List<Point> points) {
        series.add(new Series(name, label, color, dashed, List.copyOf(points)));
        return this;
    }

    /**
     * Adds a vertical marker.
     *
     * @param name  its class suffix, e.g. {@code recommended}
     * @param label what it marks, e.g. {@code recommended 8}
     * @param color a CSS colour
     * @param size  the pool size it stands at
     * @return this chart
     */
    public SvgChart marker(String name, String label, String color, int size) {
        markers.add(new Marker(name, label, color, size));
        return this;
    }

    /** @return the chart as an {@code svg} element */
    public String render() {
        TreeSet<Integer> sizes = new TreeSet<>();
        double maxValue = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                sizes.add(p.size());
                maxValue = Math.max(maxValue, p.value());
            }
        }
        TreeSet<Integer> domain = new TreeSet<>(sizes);
        markers.forEach(m -> domain.add(m.size()));
        if (domain.isEmpty()) {
            domain.add(1);
        }
        double xMin = log2(domain.first());
        double xMax = log2(domain.last());
        double yMax = niceCeiling(maxValue);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" class=\"chart\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
                escape(id), WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>\n");
        svg.append(text(LEFT, 22, "start", "title", escape(title), 15, "#212529"));
        // Horizontal grid and the value axis.
        for (int i = 0; i <= 5; i++) {
            double value = yMax * i / 5;
            double y = y(value, yMax);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                    + " stroke=\"#e9ecef\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(text(LEFT - 8, y + 4, "end", "tick", tick(value, yMax / 5), 11, "#495057"));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"16\" y=\"%d\" font-size=\"12\""
                + " fill=\"#495057\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s</text>%n",
                TOP + (HEIGHT - TOP - BOTTOM) / 2, TOP + (HEIGHT - TOP - BOTTOM) / 2, escape(yLabel)));
        // The size axis: a tick at every measured size.
        for (int size : sizes) {
            double x = x(size, xMin, xMax);
            svg.append(String.format(Locale.ROOT, "<line class=\"xtick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                    + " stroke=\"#adb5bd\"/>%n", x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 5));
            svg.append(text(x, HEIGHT - BOTTOM + 18, "middle", "tick", String.valueOf(size), 11, "#495057"));
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
                + " stroke=\"#495057\"/>%n", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 12, "middle", "axis-label",
                "pool size (maximumPoolSize, log scale)", 12, "#495057"));
        // Markers first, so that lines and points draw over them.
        int markerRow = 0;
        for (Marker m : markers) {
            double x = x(m.size(), xMin, xMax);
            svg.append(String.format(Locale.ROOT, "<line class=\"marker marker-%s\" data-size=\"%d\" x1=\"%.1f\""
                    + " y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>%n",
                    escape(m.name()), m.size(), x, TOP, x, HEIGHT - BOTTOM, escape(m.color())));
            svg.append(text(x + 4, TOP + 12 + 13 * markerRow++, "start", "marker-label", escape(m.label()), 11,
                    m.color()));
        }
        for (Series s : series) {
            List<Point> points = new ArrayList<>(s.points());
            points.sort((a, b) -> Integer.compare(a.size(), b.size()));
            StringBuilder line = new StringBuilder();
            for (Point p : points) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.size(), xMin, xMax), y(p.value(), yMax)));
            }
            svg.append(String.format(Locale.ROOT, "<polyline class=\"line\" data-series=\"%s\" fill=\"none\""
                    + " stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n", escape(s.name()), escape(s.color()),
                    s.dashed() ? " stroke-dasharray=\"4 3\"" : "", line.toString().strip()));
            for (Point p : points) {
                svg.append(String.format(Locale.ROOT, "<circle class=\"point\" data-series=\"%s\" data-size=\"%d\""
                        + " data-value=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s: size %d, %s"
                        + "</title></circle>%n", escape(s.name()), p.size(), p.value(), x(p.size(), xMin, xMax),
                        y(p.value(), yMax), escape(s.color()), escape(s.label()), p.size(), number(p.value())));
            }
        }
        // Legend, top right.
        double legendY = 22;
        double legendX = WIDTH - RIGHT - 190;
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                    + " stroke-width=\"2\"%s/>%n", legendX, legendY - 4, legendX + 18, legendY - 4,
                    escape(s.color()), s.dashed() ? " stroke-dasharray=\"4 3\"" : ""));
            svg.append(text(legendX + 24, legendY, "start", "legend", escape(s.label()), 11, "#212529"));
            legendY += 14;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String text(double x, double y, String anchor, String cssClass, String escaped, int size,
                               String color) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\""
                + " font-size=\"%d\" fill=\"%s\">%s</text>%n", cssClass, x, y, anchor, size, escape(color), escaped);
    }

    private static double x(int size, double xMin, double xMax) {
        double width = WIDTH - LEFT - RIGHT - 20;
        if (xMax <= xMin) {
            return LEFT + 10 + width / 2;
        }
        return LEFT + 10 + (log2(size) - xMin) / (xMax - xMin) * width;
    }

    private static double y(double value, double yMax) {
        double height = HEIGHT - TOP - BOTTOM;
        return HEIGHT - BOTTOM - (yMax <= 0 ? 0 : value / yMax * height);
    }

    private static double log2(int value) {
        return Math.log(value) / Math.log(2);
    }

    /** @return the smallest of 1, 2, 2.5, 5 × 10ⁿ at or above the value, so the axis has round ticks */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value * 1.0000001) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String tick(double value, double step) {
        String format = step >= 1 ? "%,.0f" : step >= 0.1 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, value);
    }

    private static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        } else if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * @param text any text
     * @return the text safe inside XML content and attribute values
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * One measured point.
     *
     * @param size  the pool size
     * @param value the figure at that size
     */
    public record Point(int size, double value) {
    }

    private record Series(String name, String label, String color, boolean dashed, List<Point> points) {
    }

    private record Marker(String name, String label, String color, int size) {
    }
}
