package dev.reve.analysis;

import java.util.Collection;

/** No analyst is registered under the id asked for; the message lists the known ids. */
public final class UnknownAnalystException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public UnknownAnalystException(String id, Collection<String> known) {
    super("Unknown analyst '" + id + "'; known analysts: " + String.join(", ", known));
  }
}
