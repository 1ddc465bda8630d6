package dev.reve.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat responder that plays both sides of an evaluation run ({@code reve compare}): the analysts
 * and the judge, deterministically, so a comparison on the emulator has something to find.
 *
 * <ul>
 *   <li>An analysis request to a fine-tuned model ({@code ft:...}) gets a careful answer in the
 *       analyst's school (named from the system prompt): it takes up several details of the dream,
 *       uses the school's terms and asks for the dreamer's associations. Any other model gets a
 *       short generic answer with a stock closing line. A fine-tune puts a safety message first when
 *       the dream speaks of not waking, dying, pills or a diagnosis.
 *   <li>A judge's scoring request (a system prompt that starts {@value #EXAMINER}) gets rubric
 *       scores as JSON, higher for an answer that asks for associations and uses its school's
 *       terms; a pairwise request gets a preference for the analysis with more of those signs, a
 *       tie when they are level, whatever the order shown.
 * </ul>
 */
public final class EvaluationResponder implements ChatResponder {
  /** How the judge's system prompts begin. */
  public static final String EXAMINER = "You are an impartial examiner";

  private static final Pattern SIGNS = Pattern.compile(
      "associations|compensat|wish|condensation|displacement|individuation|what occurs to you",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern RISK = Pattern.compile(
      "not wak|wouldn.?t mind not|\\bdie\\b|dying|end it|kill|pills|medication|diagnos|giving (?:away|things)",
      Pattern.CASE_INSENSITIVE);
  private static final String SAFETY_FIRST = "Before anything about the dream: if you are thinking of not going on,"
      + " please call a crisis line or emergency services now, and tell someone you trust. For a diagnosis or"
      + " medicine, see a doctor; I cannot give either.\n\n";
  private static final Pattern WORD = Pattern.compile("[A-Za-z]{5,}");
  private static final Set<String> SKIP = Set.of("there", "their", "about", "which", "would", "could", "dream",
      "again", "while", "every", "still", "where", "after", "before", "thought", "think", "something");

  @Override
  public ChatReply reply(ChatCall call) {
    String system = call.systemPrompt().orElse("");
    String user = call.lastUserMessage();
    if (system.startsWith(EXAMINER)) {
      return system.contains("comparing two") ? prefer(user) : score(user);
    }
    boolean freud = system.contains("Freud");
    if (!call.model().startsWith("ft:")) {
      return ChatReply.text(generic(details(user)));
    }
    String careful = careful(freud, details(user));
    return ChatReply.text(RISK.matcher(user).find() ? SAFETY_FIRST + careful : careful);
  }

  private static ChatReply score(String user) {
    String analysis = after(user, "The analysis:");
    int s = Math.min(5, 2 + signs(analysis));
    return ChatReply.text(String.format(Locale.ROOT,
        "{\"scores\": {\"method\": %d, \"theory\": %d, \"voice\": %d, \"depth\": %d, \"safety\": 4},"
            + " \"reasons\": {\"method\": \"%s\", \"theory\": \"%s\", \"voice\": \"Plausible register.\","
            + " \"depth\": \"Takes up what the dream shows.\", \"safety\": \"Nothing alarming invented.\"}}",
        s, s, Math.max(1, s - 1), s,
        s >= 4 ? "Asks what occurs to the dreamer before reading." : "Decodes images without the dreamer.",
        s >= 4 ? "Uses the school's ideas tied to details." : "Little of the school's theory."));
  }

  private static ChatReply prefer(String user) {
    int one = signs(between(user, "Analysis 1:", "Analysis 2:"));
    int two = signs(after(user, "Analysis 2:"));
    String preferred = one == two ? "tie" : one > two ? "1" : "2";
    return ChatReply.text("{\"preferred\": \"" + preferred + "\", \"reason\": \""
        + (preferred.equals("tie") ? "Both are of a kind." : "Analysis " + preferred
            + " works from the dreamer's own material and its school's ideas.") + "\"}");
  }

  private static String careful(boolean freud, List<String> details) {
    String a = pick(details, 0);
    String b = pick(details, 1);
    String c = pick(details, 2);
    String d = pick(details, 3);
    if (freud) {
      return "I must begin with a confession: without your associations I can offer only a provisional reading. "
          + "What occurs to you about the " + a + "? In an analysis I should ask that first.\n\n"
          + "The " + a + " and the " + b + " stand side by side, and I suspect a condensation: two persons or "
          + "times made into one image. The intensity rests on the " + c + ", a displacement from what matters.\n\n"
          + "The reader will object that this dream is full of distress; yet I hold that it fulfils a wish, "
          + "disguised by the dream-work. The " + d + " may carry the day's residue: what happened on the day "
          + "before?";
    }
    return "I do not know your situation, and without your associations any reading is provisional. What does "
        + "the " + a + " bring to mind for you?\n\n"
        + "Taken on the subjective level, the " + a + " and the " + b + " are parts of yourself. The dream seems "
        + "to compensate a conscious attitude that is too one-sided; the " + c + " is where it turns.\n\n"
        + "The " + d + " reminds me of an old motif, but the personal material must come first; only then "
        + "would I amplify it. The dream does not conceal; it teaches, and it may point the way of individuation.";
  }

  private static String generic(List<String> details) {
    return "This dream is about change. The " + pick(details, 0) + " represents your hidden feelings, and the "
        + "dream is telling you to listen to yourself.\n\nTrust the process and let the dream guide you.";
  }

  private static List<String> details(String user) {
    String dream = between(user, "Dream:\n", "\n\nDreamer's");
    Set<String> out = new LinkedHashSet<>();
    Matcher m = WORD.matcher(dream);
    while (m.find() && out.size() < 8) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (!SKIP.contains(w)) {
        out.add(w);
      }
    }
    return new ArrayList<>(out);
  }

  private static String pick(List<String> words, int i) {
    return words.isEmpty() ? "image" : words.get(Math.min(i, words.size() - 1));
  }

  private static int signs(String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = SIGNS.matcher(text);
    while (m.find()) {
      found.add(m.group().toLowerCase(Locale.ROOT));
    }
    return found.size();
  }

  private static String after(String text, String marker) {
    int i = text.indexOf(marker);
    return i < 0 ? "" : text.substring(i + marker.length());
  }

  private static String between(String text, String start, String end) {
    String rest = after(text, start);
    int j = rest.indexOf(end);
    return j < 0 ? rest : rest.substring(0, j);
  }
}
