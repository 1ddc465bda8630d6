package dev.reve.cli;

import dev.reve.openai.files.UploadProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * An upload progress bar on standard error: redrawn in place on a terminal, and on a pipe or in
 * a file one plain line at the end (the run already says when an upload starts).
 */
final class ProgressBar implements UploadProgressListener {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean interactive;
  private final String label;
  private int lastPercent = -1;
  private boolean done;

  ProgressBar(PrintWriter err, boolean interactive, String label) {
    this.err = err;
    this.interactive = interactive;
    this.label = label;
  }

  @Override
  public void onProgress(long bytesSent, long totalBytes) {
    if (done) {
      return;
    }
    int percent = totalBytes <= 0 ? 100 : (int) Math.min(100, bytesSent * 100 / totalBytes);
    if (percent < lastPercent) {
      // a retried upload starts again from zero
      lastPercent = -1;
    }
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    if (interactive) {
      int filled = percent * WIDTH / 100;
      err.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
          + String.format(Locale.ROOT, "%3d%%", percent) + " " + size(bytesSent) + " / "
          + size(totalBytes));
      if (percent == 100) {
        err.println();
      }
      err.flush();
    } else if (percent == 100) {
      err.println(label + ": sent " + size(totalBytes));
      err.flush();
    }
    done = percent == 100;
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
