package dev.reve.conformance.support;

/**
 * Realistic OpenAI response bodies for the fault tests, besides chat completions (testkit's {@code
 * ChatCompletionBodies} writes those).
 */
public final class Bodies {
  private Bodies() {}

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
