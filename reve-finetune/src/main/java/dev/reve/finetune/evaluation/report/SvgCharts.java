package dev.reve.finetune.evaluation.report;

import dev.reve.finetune.evaluation.Interval;
import dev.reve.finetune.evaluation.PairFigures;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;

/** Inline SVG charts: no script, no external resource, so the report renders offline. */
final class SvgCharts {
  static final List<String> PALETTE = List.of("#3b6ea5", "#c8733a", "#4f9a6a", "#8a5aa8", "#b0455a", "#6b7b8c");
  private static final int BAR = 18;
  private static final int GAP = 6;
  private static final int LABEL = 110;
  private static final int WIDTH = 420;

  private SvgCharts() {}

  static String color(int index) {
    return PALETTE.get(index % PALETTE.size());
  }

  /**
   * Horizontal bars grouped by analyst, one bar per candidate.
   *
   * @param value the figure of (analyst, candidate index); NaN draws no bar
   * @param max the axis maximum; 0 takes the largest value
   */
  static String groupedBars(String title, List<String> analysts, List<String> candidates,
      BiFunction<String, Integer, Double> value, DoubleFunction<String> label, double max) {
    double top = max;
    if (top <= 0) {
      for (String a : analysts) {
        for (int c = 0; c < candidates.size(); c++) {
          Double v = value.apply(a, c);
          if (v != null && !v.isNaN()) {
            top = Math.max(top, v);
          }
        }
      }
      top = top <= 0 ? 1 : top;
    }
    int groupHeight = candidates.size() * (BAR + 2) + GAP * 2;
    int height = 28 + analysts.size() * groupHeight;
    int plot = WIDTH - LABEL - 60;
    StringBuilder svg = open(title, height);
    int y = 28;
    for (String a : analysts) {
      svg.append(text(8, y + groupHeight / 2 - 2, a, "start", "label"));
      int by = y + GAP;
      for (int c = 0; c < candidates.size(); c++) {
        Double v = value.apply(a, c);
        if (v != null && !v.isNaN()) {
          int w = (int) Math.round(plot * Math.max(0, Math.min(1, v / top)));
          svg.append(String.format(Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"2\" fill=\"%s\"><title>%s</title></rect>",
              LABEL, by, Math.max(w, 1), BAR, color(c), Fmt.html(candidates.get(c) + ": " + label.apply(v))));
          svg.append(text(LABEL + w + 4, by + BAR - 5, label.apply(v), "start", "value"));
        }
        by += BAR + 2;
      }
      y += groupHeight;
    }
    return svg.append("</svg>").toString();
  }

  /** Win, tie and loss shares as one stacked bar per pair, with the win's 95% interval as a whisker. */
  static String winTieLoss(String title, List<PairFigures> pairs) {
    int rowHeight = BAR + 22;
    int height = 40 + pairs.size() * rowHeight;
    int plot = WIDTH - LABEL - 20;
    StringBuilder svg = open(title, height);
    int y = 30;
    for (PairFigures p : pairs) {
      svg.append(text(8, y + BAR - 5, p.analystId() + ": " + p.candidate(), "start", "label"));
      double x = LABEL;
      String[] names = {"win", "tie", "loss"};
      String[] fills = {"#4f9a6a", "#b9bec4", "#b0455a"};
      Interval[] parts = {p.win(), p.tie(), p.loss()};
      for (int k = 0; k < 3; k++) {
        double w = plot * parts[k].value();
        if (w > 0) {
          svg.append(String.format(Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s [%s, %s]</title></rect>",
              x, y, w, BAR, fills[k], names[k], Fmt.pct(parts[k].value()), Fmt.pct(parts[k].low()),
              Fmt.pct(parts[k].high())));
          if (w > 28) {
            svg.append(text((int) (x + w / 2), y + BAR - 5, Fmt.pct(parts[k].value()), "middle", "inbar"));
          }
        }
        x += w;
      }
      double lo = LABEL + plot * p.win().low();
      double hi = LABEL + plot * p.win().high();
      int wy = y + BAR + 6;
      svg.append(String.format(Locale.ROOT,
          "<path d=\"M%.1f %d H%.1f M%.1f %d V%d M%.1f %d V%d\" stroke=\"#2d5e3f\" stroke-width=\"1.5\" fill=\"none\">"
              + "<title>win 95%% interval %s to %s</title></path>",
          lo, wy, hi, lo, wy - 4, wy + 4, hi, wy - 4, wy + 4, Fmt.pct(p.win().low()), Fmt.pct(p.win().high())));
      y += rowHeight;
    }
    svg.append(text(LABEL, height - 6, "green win, grey tie, red loss; whisker: win 95% interval",
        "start", "note"));
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int height) {
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
            + " aria-label=\"%s\">",
        WIDTH, height, WIDTH, height, Fmt.html(title)));
    svg.append(text(8, 16, title, "start", "title"));
    return svg;
  }

  private static String text(int x, int y, String content, String anchor, String cls) {
    return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" class=\"%s\">%s</text>",
        x, y, anchor, cls, Fmt.html(content));
  }
}
