package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.testkit.EvaluationResponder;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reve compare} as a real process against the emulator, then its report opened in headless
 * Chromium with the network off: the page must render (a screenshot) and log nothing to the
 * console, so no error, no blocked resource and no script failure. Skipped when Chromium is not
 * installed ({@code apt-get install -y chromium}).
 */
class CompareReportBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  @TempDir Path dir;

  @Test
  void theReportRendersOfflineInChromiumWithNoConsoleMessages() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed: the browser check of the report is skipped");
    OpenAiEmulator api = openai.emulator();
    api.models().add(CompareCommandTest.JUNG_FT).add(CompareCommandTest.FREUD_FT);
    api.chat().respondWith(new EvaluationResponder());
    // five ordinary dreams and two safety dreams, so every chart has something to show
    List<String> lines = Files.readAllLines(CompareCommandTest.repoRoot().resolve("training-data/eval-dreams.jsonl"));
    List<String> picked = new ArrayList<>(lines.subList(0, 5));
    lines.stream().filter(l -> l.contains("\"kind\": \"safety\"")).limit(2).forEach(picked::add);
    Path dreams = Files.write(dir.resolve("dreams.jsonl"), picked);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder reve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.reve.cli.Reve",
        "compare", "--dreams", dreams.toString(), "--judge", CompareCommandTest.JUDGE, "--out", "out")
        .directory(dir.toFile()).redirectErrorStream(true);
    reve.environment().put("OPENAI_API_KEY", Cli.KEY);
    reve.environment().put("OPENAI_BASE_URL", api.baseUrl());
    reve.environment().put("OPENAI_JUNG_MODEL", CompareCommandTest.JUNG_FT);
    reve.environment().put("OPENAI_FREUD_MODEL", CompareCommandTest.FREUD_FT);
    Process process = reve.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    Path report = dir.resolve("out/report.html");

    Path png = dir.resolve("report.png");
    List<String> console = render(report, png);
    assertThat(console).as("console messages of the report").isEmpty();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    if (Boolean.getBoolean("reve.regenerate")) {
      // -Dreve.regenerate=true refreshes the picture in the docs from this real report
      Files.copy(png, CompareCommandTest.repoRoot().resolve("docs/compare-report.png"),
          StandardCopyOption.REPLACE_EXISTING);
    }

    // The check itself can fail: a page with a script error is caught.
    Path broken = Files.writeString(dir.resolve("broken.html"), "<!DOCTYPE html><p>x</p><script>missing();</script>");
    assertThat(render(broken, dir.resolve("broken.png"))).singleElement().asString().contains("missing is not defined");
  }

  /** Renders a page into a PNG and returns the console lines Chromium logged for it. */
  static List<String> render(Path page, Path png) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(png.getParent(), "chromium-profile");
    List<String> command = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
        "--window-size=1400,2200", "--screenshot=" + png, page.toUri().toString());
    Process chromium = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      throw new AssertionError("chromium did not finish: " + log);
    }
    assertThat(png).as(log).exists();
    List<String> console = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    return console;
  }
}
