package dev.reve.finetune.export;

import java.util.List;

/** The text of an export's trainer configuration, commands and README. */
final class ExportConfigs {
  private static final int VLLM_PORT = 8000;

  private ExportConfigs() {}

  static String config(String analyst, ExportOptions o, boolean validation) {
    int epochs = o.epochs().forEstimate();
    String adapterDir = "out/" + analyst + "-lora";
    return switch (o.format()) {
      case TRL -> String.join("\n",
          "# trl sft --config trl-config.yaml: SFTTrainer reads the chat 'messages' and applies the",
          "# base model's chat template; the loss covers the analyst's (assistant) turns only.",
          "model_name_or_path: " + quoted(o.baseModel()),
          "datasets:",
          "  - path: json",
          validation ? "    data_files: {train: train.jsonl, test: validation.jsonl}" : "    data_files: {train: train.jsonl}",
          "dataset_train_split: train",
          validation ? "dataset_test_split: test\neval_strategy: epoch" : "eval_strategy: \"no\"",
          "assistant_only_loss: true",
          "use_peft: true",
          "lora_r: " + o.loraRank(),
          "lora_alpha: " + o.loraAlpha(),
          "lora_dropout: 0.05",
          "lora_target_modules: all-linear",
          "num_train_epochs: " + epochs,
          "learning_rate: 0.0002",
          "per_device_train_batch_size: 2",
          "gradient_accumulation_steps: 4",
          "max_length: 4096",
          "output_dir: " + adapterDir,
          "report_to: none",
          "");
      case AXOLOTL -> String.join("\n",
          "# axolotl train axolotl.yaml: a chat_template dataset over the 'messages' field.",
          "base_model: " + quoted(o.baseModel()),
          "chat_template: tokenizer_default",
          "datasets:",
          "  - path: train.jsonl",
          "    ds_type: json",
          "    type: chat_template",
          "    field_messages: messages",
          "    roles_to_train: [\"assistant\"]",
          validation ? "test_datasets:\n  - path: validation.jsonl\n    ds_type: json\n    split: train\n"
              + "    type: chat_template\n    field_messages: messages" : "val_set_size: 0",
          "adapter: lora",
          "lora_r: " + o.loraRank(),
          "lora_alpha: " + o.loraAlpha(),
          "lora_dropout: 0.05",
          "lora_target_linear: true",
          "sequence_len: 4096",
          "num_epochs: " + epochs,
          "micro_batch_size: 2",
          "gradient_accumulation_steps: 4",
          "learning_rate: 0.0002",
          "optimizer: adamw_torch",
          "lr_scheduler: cosine",
          "bf16: auto",
          "output_dir: " + adapterDir,
          "");
      case UNSLOTH -> String.join("\n",
          "# python train_unsloth.py: Unsloth's fast LoRA on TRL's SFTTrainer, the chat 'messages' as they are.",
          "from unsloth import FastLanguageModel",
          "from datasets import load_dataset",
          "from trl import SFTConfig, SFTTrainer",
          "",
          "model, tokenizer = FastLanguageModel.from_pretrained(" + quoted(o.baseModel()) + ", max_seq_length=4096)",
          "model = FastLanguageModel.get_peft_model(model, r=" + o.loraRank() + ", lora_alpha=" + o.loraAlpha()
              + ", lora_dropout=0,",
          "    target_modules=[\"q_proj\", \"k_proj\", \"v_proj\", \"o_proj\", \"gate_proj\", \"up_proj\", \"down_proj\"])",
          "files = {\"train\": \"train.jsonl\"" + (validation ? ", \"validation\": \"validation.jsonl\"" : "") + "}",
          "data = load_dataset(\"json\", data_files=files)",
          "trainer = SFTTrainer(",
          "    model=model,",
          "    processing_class=tokenizer,",
          "    train_dataset=data[\"train\"],",
          validation ? "    eval_dataset=data[\"validation\"]," : "    eval_dataset=None,",
          "    args=SFTConfig(num_train_epochs=" + epochs + ", learning_rate=2e-4, per_device_train_batch_size=2,",
          "        gradient_accumulation_steps=4, assistant_only_loss=True, output_dir=" + quoted(adapterDir)
              + ", report_to=\"none\"),",
          ")",
          "trainer.train()",
          "model.save_pretrained(" + quoted(adapterDir) + ")",
          "tokenizer.save_pretrained(" + quoted(adapterDir) + ")",
          "");
    };
  }

  static String trainCommand(String analyst, ExportOptions o) {
    String dir = "cd " + analyst + " && ";
    return dir + switch (o.format()) {
      case TRL -> "trl sft --config trl-config.yaml";
      case AXOLOTL -> "axolotl train axolotl.yaml";
      case UNSLOTH -> "python train_unsloth.py";
    };
  }

  static String serveCommand(String analyst, ExportOptions o) {
    return "vllm serve " + o.baseModel() + " --enable-lora --max-lora-rank " + Math.max(16, o.loraRank())
        + " --lora-modules " + analyst + "=" + analyst + "/out/" + analyst + "-lora --port " + VLLM_PORT;
  }

  static String readme(List<ExportedAnalyst> done, ExportOptions o) {
    StringBuilder text = new StringBuilder();
    text.append("# Open-weight export (").append(o.format().id()).append(")\n\n")
        .append("Base model: ").append(o.baseModel()).append("; LoRA rank ").append(o.loraRank())
        .append(", alpha ").append(o.loraAlpha()).append("; ").append(o.epochs().forEstimate()).append(" epochs.\n\n");
    for (ExportedAnalyst a : done) {
      text.append("## ").append(a.analyst()).append("\n\n")
          .append(a.examples()).append(" training examples in ").append(a.analyst()).append("/train.jsonl")
          .append(a.validationFile().isPresent() ? ", validation in " + a.analyst() + "/validation.jsonl" : "")
          .append(".\n\nTrain:\n\n    ").append(a.trainCommand())
          .append("\n\nServe (OpenAI-compatible, /v1/chat/completions):\n\n    ").append(a.serveCommand())
          .append("\n\nThen in reve-models.properties:\n\n    ").append(a.analyst()).append(".model=").append(a.analyst())
          .append("\n    ").append(a.analyst()).append(".base-url=http://localhost:").append(VLLM_PORT).append("/v1/\n\n");
      a.notes().forEach(n -> text.append("- ").append(n).append('\n'));
      if (!a.notes().isEmpty()) {
        text.append('\n');
      }
    }
    return text.toString();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
