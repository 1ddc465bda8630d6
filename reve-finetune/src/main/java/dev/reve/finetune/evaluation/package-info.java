/**
 * Comparing models on held-out evaluation dreams: answers (cached, resumable, archivable),
 * deterministic metrics, a rubric judge asked in both orders, and the figures with bootstrap
 * intervals. Start at {@link dev.reve.finetune.evaluation.Comparison} and {@link
 * dev.reve.finetune.evaluation.CompareOptions}; the outputs are in {@code .report}.
 */
package dev.reve.finetune.evaluation;
