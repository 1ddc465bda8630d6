/**
 * Open-weight export: the analysts' training data and a ready configuration for Hugging Face TRL,
 * axolotl or Unsloth, the command to train, and the vLLM command that serves the result on an
 * OpenAI-compatible endpoint.
 */
package dev.reve.finetune.export;
