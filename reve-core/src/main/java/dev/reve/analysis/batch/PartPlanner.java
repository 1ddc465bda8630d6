package dev.reve.analysis.batch;

import dev.reve.analysis.AnalystRequests;
import dev.reve.analysis.TokenEstimator;
import dev.reve.openai.batches.BatchInputLine;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.models.ModelCatalog;
import dev.reve.openai.models.PriceTier;
import dev.reve.openai.models.TokenPrice;
import dev.reve.storage.AtomicFiles;
import dev.reve.storage.Sha256;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Streams dreams into batch input files: one request line per dream and analyst, built by the
 * analyst's {@link AnalystRequests}, grouped by endpoint and model (a batch has one of each), a
 * new file whenever the next line would break the line or byte limit. Holds one open file per
 * group and the custom ids of those files only, never the archive.
 */
final class PartPlanner {
  static final String PARTS_DIR = "parts";

  private final Path workDir;
  private final List<AnalystRequests> analysts;
  private final TokenEstimator tokens;
  private final ModelCatalog prices;
  private final int maxLines;
  private final long maxBytes;
  private final BatchListener listener;
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final List<BatchPart> parts = new ArrayList<>();
  private final Set<String> unpriced = new TreeSet<>();
  private int partNumber;
  private long lines;
  private long promptTokens;
  private long completionTokens;
  private BigDecimal usd = BigDecimal.ZERO;

  /** What planning made. */
  record Plan(List<BatchPart> parts, long dreams, BatchCostEstimate estimate) {}

  PartPlanner(Path workDir, List<AnalystRequests> analysts, TokenEstimator tokens, ModelCatalog prices,
      int maxLines, long maxBytes, BatchListener listener) {
    this.workDir = workDir;
    this.analysts = analysts;
    this.tokens = tokens;
    this.prices = prices;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.listener = listener;
  }

  Plan plan(Iterator<DreamRecord> dreams) {
    long count = 0;
    try {
      while (dreams.hasNext()) {
        DreamRecord dream = dreams.next();
        count++;
        for (AnalystRequests analyst : analysts) {
          add(analyst, dream);
        }
      }
      for (Group g : groups.values()) {
        g.close();
      }
    } finally {
      groups.values().forEach(Group::discard);
    }
    if (count == 0) {
      throw new IllegalArgumentException("no dreams: the input holds no dream to analyse");
    }
    BatchCostEstimate estimate = new BatchCostEstimate(
        lines, promptTokens, completionTokens, unpriced.isEmpty() ? Optional.of(usd.doubleValue()) : Optional.empty(),
        List.copyOf(unpriced));
    return new Plan(List.copyOf(parts), count, estimate);
  }

  private void add(AnalystRequests analyst, DreamRecord dream) {
    ChatRequest request = analyst.request(dream.dream());
    String customId = CustomIds.of(analyst.analyst().id(), dream.id());
    byte[] line = BatchInputLine.chat(customId, request).toJsonLine();
    if (line.length > maxBytes) {
      throw new dev.reve.analysis.InvalidDreamException(
          "the request for dream '" + dream.id() + "' by " + analyst.analyst().id() + " is " + line.length
              + " bytes, over the batch file limit of " + maxBytes + "; shorten the dream");
    }
    String endpoint = analyst.client().baseUrl().toString();
    String key = endpoint + "\n" + request.model();
    Group group = groups.computeIfAbsent(key, k -> new Group(endpoint, request.model()));
    group.write(analyst.analyst().id(), customId, line);
    count(request);
  }

  private void count(ChatRequest request) {
    lines++;
    long prompt = tokens.countMessages(request.messages());
    long completion = request.maxCompletionTokens().or(request::maxTokens).orElse(0);
    promptTokens += prompt;
    completionTokens += completion;
    Optional<TokenPrice> price = prices.price(request.model(), PriceTier.BATCH);
    if (price.isEmpty()) {
      unpriced.add(request.model());
    } else {
      usd = usd.add(price.get().cost(prompt, 0, completion));
    }
    if (lines % 10_000 == 0) {
      listener.onLinesWritten(lines);
    }
  }

  /** The open file of one endpoint and model. */
  private final class Group {
    private final String endpoint;
    private final String model;
    private AtomicFiles.Replacement file;
    private String partId;
    private MessageDigest digest;
    private final Set<String> ids = new HashSet<>();
    private final Set<String> analystIds = new java.util.LinkedHashSet<>();
    private long partLines;
    private long partBytes;

    Group(String endpoint, String model) {
      this.endpoint = endpoint;
      this.model = model;
    }

    void write(String analystId, String customId, byte[] line) {
      if (file != null && (partLines + 1 > maxLines || partBytes + line.length > maxBytes)) {
        close();
      }
      if (file == null) {
        partId = "p" + (++partNumber);
        file = AtomicFiles.begin(workDir.resolve(PARTS_DIR).resolve(partId + ".jsonl"));
        digest = Sha256.newDigest();
      }
      if (!ids.add(customId)) {
        throw new dev.reve.analysis.InvalidDreamException(
            "dream id '" + CustomIds.dream(customId) + "' appears twice; give every dream its own id");
      }
      analystIds.add(analystId);
      file.write(line);
      digest.update(line);
      partLines++;
      partBytes += line.length;
    }

    void close() {
      if (file == null) {
        return;
      }
      file.commit();
      file.close();
      String relative = PARTS_DIR + "/" + partId + ".jsonl";
      parts.add(BatchPart.planned(partId, endpoint, model, List.copyOf(analystIds), relative,
          Sha256.hex(digest), partLines, partBytes, Optional.empty()));
      file = null;
      ids.clear();
      analystIds.clear();
      partLines = 0;
      partBytes = 0;
    }

    void discard() {
      if (file != null) {
        file.close();
        file = null;
      }
    }
  }
}
