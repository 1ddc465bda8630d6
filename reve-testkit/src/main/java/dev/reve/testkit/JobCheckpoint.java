package dev.reve.testkit;

/** A checkpoint a finished job saved, as the emulator holds it; written out by {@link WireShapes}. */
record JobCheckpoint(String id, long createdAt, String model, long step, double trainLoss, double accuracy,
    String jobId) {}
