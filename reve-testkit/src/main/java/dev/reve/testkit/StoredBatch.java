package dev.reve.testkit;

import java.util.Map;
import java.util.Optional;

/**
 * A batch as the emulator holds it, at one moment.
 *
 * @param id the batch id, {@code batch_emu...}
 * @param status its status ({@code validating}, {@code in_progress}, ..., {@code completed})
 * @param inputFileId the input file
 * @param metadata the metadata given at creation
 * @param total the request lines
 * @param completed lines answered with a 2xx
 * @param failed lines answered otherwise, or not run (expired)
 * @param outputFileId the output file, once written
 * @param errorFileId the error file, once written
 */
public record StoredBatch(
    String id, String status, String inputFileId, Map<String, String> metadata, int total, int completed,
    int failed, Optional<String> outputFileId, Optional<String> errorFileId) {}
