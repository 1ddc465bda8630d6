package dev.reve.analysis.internal;

import java.util.List;

/**
 * The structured interpretation as the model sends it, read by Moshi. Public only because Moshi
 * reads public records; not part of the API.
 *
 * @param summary two or three sentences retelling the dream
 * @param themes the themes
 * @param emotions the emotions
 * @param symbols the key images
 */
public record InterpretationReply(
    String summary, List<String> themes, List<String> emotions, List<String> symbols) {}
