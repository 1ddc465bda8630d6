package dev.reve.testkit;

import com.squareup.moshi.Types;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.OpenAiClient;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * The files and jobs calls, made through the SDK client's generic {@code execute}: reve-finetune's
 * services cannot be used here (reve-finetune's tests depend on this module).
 */
final class Calls {
  static final Type MAP = Types.newParameterizedType(Map.class, String.class, Object.class);

  private Calls() {}

  static Map<String, Object> upload(OpenAiClient client, String filename, String purpose, String content) {
    RequestBody body = new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("purpose", purpose)
        .addFormDataPart("file", filename,
            RequestBody.create(content.getBytes(StandardCharsets.UTF_8), MediaType.get("application/jsonl")))
        .build();
    return client.transport().<Map<String, Object>>send(ApiRequest.post("files").body(body).build(), MAP).body();
  }

  static Map<String, Object> get(OpenAiClient client, String path, Map<String, Object> query) {
    ApiRequest.Builder request = ApiRequest.get(path);
    query.forEach(request::query);
    return client.transport().<Map<String, Object>>send(request.build(), MAP).body();
  }

  static Map<String, Object> post(OpenAiClient client, String path, Object body) {
    ApiRequest.Builder request = ApiRequest.post(path);
    if (body != null) {
      request.jsonBody(body);
    }
    return client.transport().<Map<String, Object>>send(request.build(), MAP).body();
  }

  static Map<String, Object> delete(OpenAiClient client, String path) {
    return client.transport().<Map<String, Object>>send(ApiRequest.delete(path).build(), MAP).body();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> data(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("data");
  }

  static List<Object> ids(Map<String, Object> page) {
    return data(page).stream().map(m -> m.get("id")).toList();
  }

  static String jsonl(int lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("{\"messages\":[{\"role\":\"user\",\"content\":\"dream ").append(i)
          .append("\"},{\"role\":\"assistant\",\"content\":\"reading ").append(i).append("\"}]}\n");
    }
    return text.toString();
  }
}
