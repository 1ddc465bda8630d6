/**
 * A comparison's report: the self-contained HTML page, the Markdown summary and the JSON of every
 * figure ({@link dev.reve.finetune.evaluation.report.ReportFiles}). Depends on {@code
 * dev.reve.finetune.evaluation}, never the other way.
 */
package dev.reve.finetune.evaluation.report;
