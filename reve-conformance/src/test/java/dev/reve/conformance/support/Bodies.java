package dev.reve.conformance.support;

/** Realistic OpenAI response bodies for the fault tests. */
public final class Bodies {
  private Bodies() {}

  /** A chat completion whose text is {@code text}. */
  public static String chatCompletion(String text) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764072000,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"" + text + "\",\"refusal\":null},"
        + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":21,"
        + "\"completion_tokens\":9,\"total_tokens\":30},\"system_fingerprint\":\"fp_1\"}";
  }

  /** One streamed chunk carrying {@code content} (or none) and a finish reason (or null). */
  public static String chunk(String content, String finishReason) {
    return "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764072000,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":{"
        + (content == null ? "" : "\"content\":\"" + content + "\"")
        + "},\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"")
        + "}]}";
  }

  /** The final usage chunk. */
  public static final String USAGE_CHUNK =
      "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764072000,"
          + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":2,\"total_tokens\":23}}";

  /** A complete event stream whose text is {@code first + second}. */
  public static String stream(String first, String second) {
    return event(chunk(first, null))
        + event(chunk(second, null))
        + event(chunk(null, "stop"))
        + event(USAGE_CHUNK)
        + event("[DONE]");
  }

  /** One {@code data:} event. */
  public static String event(String data) {
    return "data: " + data + "\n\n";
  }

  /** OpenAI's error envelope. */
  public static String error(String message, String type, String code) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,"
        + "\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
  }

  /** A models list holding {@code ids}. */
  public static String models(String... ids) {
    StringBuilder data = new StringBuilder();
    for (String id : ids) {
      if (data.length() > 0) {
        data.append(',');
      }
      data.append(model(id));
    }
    return "{\"object\":\"list\",\"data\":[" + data + "]}";
  }

  /** One model. */
  public static String model(String id) {
    return "{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":1721172741,\"owned_by\":\"system\"}";
  }

  /** An uploaded file. */
  public static String file(String id, String filename, long bytes) {
    return "{\"id\":\"" + id + "\",\"object\":\"file\",\"bytes\":" + bytes
        + ",\"created_at\":1764072000,\"expires_at\":null,\"filename\":\"" + filename
        + "\",\"purpose\":\"fine-tune\",\"status\":\"processed\",\"status_details\":null}";
  }

  /** A fine-tuning job in {@code status}. */
  public static String job(String id, String status) {
    return "{\"object\":\"fine_tuning.job\",\"id\":\"" + id + "\",\"model\":\"gpt-4o-mini-2024-07-18\","
        + "\"created_at\":1764072000,\"finished_at\":null,\"fine_tuned_model\":"
        + ("succeeded".equals(status) ? "\"ft:gpt-4o-mini-2024-07-18:reve:jung:" + id + "\"" : "null")
        + ",\"organization_id\":\"org-reve\",\"result_files\":[],\"status\":\"" + status + "\","
        + "\"validation_file\":null,\"training_file\":\"file-train\",\"trained_tokens\":null,"
        + "\"error\":{\"code\":null,\"message\":null,\"param\":null},\"seed\":42,"
        + "\"estimated_finish\":null,\"metadata\":{\"analyst\":\"jung\"},"
        + "\"method\":{\"type\":\"supervised\",\"supervised\":{\"hyperparameters\":"
        + "{\"n_epochs\":3,\"batch_size\":\"auto\",\"learning_rate_multiplier\":\"auto\"}}}}";
  }

  /** A page of jobs. */
  public static String jobPage(boolean hasMore, String... ids) {
    StringBuilder data = new StringBuilder();
    for (String id : ids) {
      if (data.length() > 0) {
        data.append(',');
      }
      data.append(job(id, "running"));
    }
    return "{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":" + hasMore + "}";
  }

  /** The HTML page a proxy in front of the API sends with a 502. */
  public static final String BAD_GATEWAY_HTML =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
          + "</body>\r\n</html>\r\n";
}
