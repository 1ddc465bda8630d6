/**
 * Distillation: the analyst's current (fine-tuned) model answers the training dreams and any extra
 * dreams, and its answers become a new training set for another trainer, rendered by the same
 * prompt builder, checked by the same validator, with its provenance beside it, resumable after a
 * crash. {@link dev.reve.finetune.distill.Distillation} is the entry point.
 */
package dev.reve.finetune.distill;
