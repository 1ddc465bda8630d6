package dev.reve.analysis.internal;

import java.util.List;
import java.util.Optional;

/**
 * The structured interpretation as the model sends it, read by Moshi. Public only because Moshi
 * reads public records; not part of the API.
 *
 * @param summary two or three sentences retelling the dream
 * @param themes the themes (empty when the reply lacks the field, which makes it malformed)
 * @param emotions the emotions
 * @param symbols the key images
 */
public record InterpretationReply(
    String summary,
    Optional<List<String>> themes,
    Optional<List<String>> emotions,
    Optional<List<String>> symbols) {}
