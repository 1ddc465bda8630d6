package dev.reve.finetune.validation;

import java.util.List;
import java.util.Map;

/** Reading a chat message's {@code content}: a string or an array of typed parts. */
final class ChatContent {
  private ChatContent() {}

  /** The text of a string content or of its text parts, joined; empty for anything else. */
  static String textOf(Object content) {
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof List<?> parts) {
      StringBuilder text = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof Map<?, ?> map && map.get("text") instanceof String t) {
          text.append(t);
        }
      }
      return text.toString();
    }
    return "";
  }

  /** Whether the content has an image part. */
  static boolean hasImage(Object content) {
    if (content instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Map<?, ?> map && "image_url".equals(map.get("type"))) {
          return true;
        }
      }
    }
    return false;
  }
}
