/**
 * Planning a fine-tuning run before anything is sent: validation reports per analyst, the
 * validation split, and the total cost ({@link dev.reve.finetune.plan.RunPlanner}).
 */
package dev.reve.finetune.plan;
