package dev.reve.finetune.evaluation.report;

import dev.reve.finetune.evaluation.ComparisonResult;
import dev.reve.storage.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a comparison's report into a directory: {@value #HTML} (the page people read), {@value
 * #MARKDOWN} (the summary) and {@value #JSON} (every figure), each replaced atomically.
 */
public final class ReportFiles {
  /** The HTML page. */
  public static final String HTML = "report.html";
  /** The Markdown summary. */
  public static final String MARKDOWN = "summary.md";
  /** The JSON of every figure. */
  public static final String JSON = "report.json";

  private ReportFiles() {}

  /** Writes the three files and returns their paths, HTML first. */
  public static List<Path> write(ComparisonResult result, Path directory) {
    Path html = directory.resolve(HTML);
    Path md = directory.resolve(MARKDOWN);
    Path json = directory.resolve(JSON);
    AtomicFiles.write(html, HtmlReport.render(result).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(md, MarkdownReport.render(result).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(json, JsonReport.render(result).getBytes(StandardCharsets.UTF_8));
    return List.of(html, md, json);
  }
}
