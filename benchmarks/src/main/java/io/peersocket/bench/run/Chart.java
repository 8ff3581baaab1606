package io.peersocket.bench.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The run's chart, drawn with Java2D (headless, nothing to download): one horizontal bar
 * panel per echo scenario (median echoes/s, min–max whiskers) and one of idle memory per
 * peer (heap and RSS).
 */
final class Chart {

    private static final int WIDTH = 1400;

    private static final int PANEL_H = 430;

    private static final Color STARTER = new Color(0x2E7D32);

    private static final Color SPRING = new Color(0x1565C0);

    private static final Color OTHER = new Color(0x757575);

    private static final Color RSS = new Color(0xEF6C00);

    private Chart() {
    }

    record Bar(String label, Stats value, Color color) {
    }

    static void write(Map<String, List<Sample>> results, List<Target> targets, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> echoes = results.keySet().stream().filter((k) -> k.startsWith("echo-")).toList();
        int panels = echoes.size() + 2;
        int rows = (panels + 1) / 2;
        BufferedImage image = new BufferedImage(WIDTH, 60 + rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString("peersocket benchmarks: echo throughput and memory per idle peer (one run, medians, min–max)", 20,
                36);
        int panel = 0;
        for (String scenario : echoes) {
            List<Bar> bars = new ArrayList<>();
            for (Target target : targets) {
                List<Double> rates = results.get(scenario)
                    .stream()
                    .filter((s) -> s.target.equals(target.name))
                    .map((s) -> s.get("rate"))
                    .toList();
                if (!rates.isEmpty()) {
                    bars.add(new Bar(target.name, Stats.of(rates), color(target)));
                }
            }
            draw(g, panel++, scenario + ": echoes/s", bars);
        }
        for (String key : List.of("heap_per_peer_kib", "rss_per_peer_kib")) {
            List<Bar> bars = new ArrayList<>();
            for (Target target : targets) {
                List<Double> values = results.getOrDefault("idle", List.of())
                    .stream()
                    .filter((s) -> s.target.equals(target.name))
                    .map((s) -> s.get(key))
                    .toList();
                if (!values.isEmpty() && !Stats.of(values).empty()) {
                    bars.add(new Bar(target.name, Stats.of(values), key.startsWith("rss") ? RSS : color(target)));
                }
            }
            draw(g, panel++,
                    key.startsWith("heap") ? "idle: heap per peer, KiB (after full GC)" : "idle: RSS per peer, KiB",
                    bars);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static Color color(Target target) {
        if (target.starter) {
            return STARTER;
        }
        return (target.kind == Target.Kind.JAVA) ? SPRING : OTHER;
    }

    private static void draw(Graphics2D g, int index, String title, List<Bar> bars) {
        int x0 = (index % 2) * (WIDTH / 2) + 20;
        int y0 = 60 + (index / 2) * PANEL_H;
        int labelW = 190;
        int plotW = WIDTH / 2 - 40 - labelW - 90;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, x0, y0 + 20);
        double max = 0;
        for (Bar bar : bars) {
            max = Math.max(max, Double.isNaN(bar.value().max()) ? 0 : bar.value().max());
        }
        if (max <= 0) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString("not measured", x0, y0 + 50);
            return;
        }
        int rowH = Math.min(44, (PANEL_H - 60) / Math.max(1, bars.size()));
        int y = y0 + 36;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (Bar bar : bars) {
            int barH = rowH - 10;
            g.setColor(Color.BLACK);
            g.drawString(bar.label(), x0, y + barH / 2 + 5);
            double median = Double.isNaN(bar.value().median()) ? 0 : bar.value().median();
            int w = (int) Math.round(plotW * Math.max(0, median) / max);
            g.setColor(bar.color());
            g.fillRect(x0 + labelW, y, Math.max(1, w), barH);
            if (bar.value().n() > 1) {
                int a = x0 + labelW + (int) Math.round(plotW * Math.max(0, bar.value().min()) / max);
                int b = x0 + labelW + (int) Math.round(plotW * bar.value().max() / max);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(2));
                g.drawLine(a, y + barH / 2, b, y + barH / 2);
                g.drawLine(a, y + 4, a, barH + y - 4);
                g.drawLine(b, y + 4, b, barH + y - 4);
                g.setStroke(new BasicStroke(1));
            }
            g.setColor(Color.BLACK);
            g.drawString(Report.num(median),
                    x0 + labelW
                            + Math.max(w, (int) Math.round(
                                    plotW * Math.max(0, Double.isNaN(bar.value().max()) ? 0 : bar.value().max()) / max))
                            + 6,
                    y + barH / 2 + 5);
            y += rowH;
        }
    }

}
