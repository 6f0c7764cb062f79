/**
 * The assumption report's model (report.json, with a schema version) and the types its
 * renderings share: report.ts builds it, markdown.ts, html.ts and plots.ts render it.
 */
import type { CheckReport } from '../conditions/result.ts';
import type { OptimizeResult } from '../optim/run.ts';

export const SCHEMA_VERSION = 1;

export interface Provenance {
  tool: string;
  version: string;
  gitCommit: string | null;
  node: string;
  command: string[];
}

export interface RunSection {
  result: OptimizeResult;
  /** f*(if known) and the theorem's bound on f_t along the run, when one applies. */
  fstar?: number;
  bound?: { label: string; values: number[] };
}

export interface ReportModel {
  schemaVersion: number;
  provenance: Provenance;
  objective: string;
  dim: number;
  seed: number | string;
  box: CheckReport['box'];
  notes: string[];
  check: CheckReport;
  run?: RunSection;
  /** Each plot, with the index of the result it belongs to (none for the optimizer trace). */
  plots: { file: string; title: string; condition?: string; result?: number }[];
}

export interface RenderedReport {
  model: ReportModel;
  files: Record<string, string>;
}

/** One rendered plot; `result` is the index of the condition result it belongs to (none for the trace). */
export interface Plot {
  file: string;
  title: string;
  svg: string;
  condition?: string;
  result?: number;
}
