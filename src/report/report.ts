/**
 * Assumption reports: one model (report.json, with a schema version), rendered as
 * Markdown (report.md, renders on GitHub), one self-contained HTML file with inline
 * SVG (report.html, no network), and each plot as its own .svg. Everything needed to
 * replay the run is in it: seed, tool version, git commit, Node's version, the command.
 */
import type { CheckReport, ConditionResult } from '../conditions/result.ts';
import { upperHull } from '../core/hull.ts';
import { html } from './html.ts';
import { markdown } from './markdown.ts';
import {
  SCHEMA_VERSION,
  type Plot,
  type Provenance,
  type RenderedReport,
  type ReportModel,
  type RunSection,
} from './model.ts';
import { conditionPlots, tracePlot } from './plots.ts';

/** The frontier's hull lives in core/ (experiments use it too); re-exported for the API. */
export { upperHull };
/** The model and its types live in model.ts, the renderings beside it; all re-exported here as before. */
export {
  SCHEMA_VERSION,
  type Plot,
  type Provenance,
  type RenderedReport,
  type ReportModel,
  type RunSection,
} from './model.ts';
export { resultDetails } from './text.ts';

/** The model, and every file of the report directory by name (report.json, report.md, report.html, each plot). */
export function buildReport(check: CheckReport, provenance: Provenance, run?: RunSection): RenderedReport {
  const plots: Plot[] = [];
  check.results.forEach((r, i) =>
    plots.push(...conditionPlots(r, i).map((p) => ({ ...p, condition: r.condition, result: i }))),
  );
  if (run) plots.push(tracePlot(run));
  // The scatter samples go to the plots, not into report.json (they can be large).
  const results = check.results.map(({ scatter: _s, ...rest }) => rest);
  const model: ReportModel = {
    schemaVersion: SCHEMA_VERSION,
    provenance,
    objective: check.objective,
    dim: check.dim,
    seed: check.seed,
    box: check.box,
    notes: check.notes,
    check: { ...check, results: results as ConditionResult[] },
    run,
    plots: plots.map((p) => ({ file: p.file, title: p.title, condition: p.condition, result: p.result })),
  };
  const files: Record<string, string> = {};
  for (const p of plots) files[p.file] = p.svg + '\n';
  files['report.json'] =
    JSON.stringify(model, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
  files['report.md'] = markdown(model);
  files['report.html'] = html(model, plots);
  return { model, files };
}
