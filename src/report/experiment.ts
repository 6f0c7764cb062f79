/**
 * Experiment reports: the same formats as assumption reports (report.json with a
 * schema version, report.md, a self-contained report.html, one .svg per plot), with
 * the published setting stated beside what was observed.
 */
import type { Provenance } from './report.ts';
import { plotSvg, type PlotSpec } from './svg.ts';

export type Verdict = 'holds' | 'not supported' | 'mixed';
/**
 * Whose rules the runs follow: the paper's text (gensmooth's definitions), the authors'
 * public code, or a third party's rendering of it.
 */
export type Reading = 'paper-text' | 'authors-code' | 'third-party-code';

export interface Claim {
  id: string;
  statement: string;
  reading: Reading;
  /** What decides it, in words (the metric and the horizon). */
  metric: string;
  verdict: Verdict;
  instances: number;
  evidence: { summary: string; support: number; cells: number } & Record<string, unknown>;
}

export interface ExperimentModel {
  schemaVersion: number;
  kind: 'experiment';
  name: string;
  title: string;
  provenance: Provenance;
  seed: number | string;
  /** What the paper did and claims, as stated (with our choices where it is silent). */
  setting: string[];
  /** What this run observed, in sentences a reader can check against the data. */
  observed: string[];
  /** Does the observation agree with the paper's claim? (With claims: every claim holds in some reading.) */
  agreesWithPaper: boolean | null;
  /** The paper's claims one by one, each judged on many instances. */
  claims: Claim[];
  data: Record<string, unknown>;
  plots: { file: string; title: string }[];
}

export interface ExperimentOutput {
  name: string;
  title: string;
  setting: string[];
  observed: string[];
  agreesWithPaper: boolean | null;
  claims?: Claim[];
  data: Record<string, unknown>;
  plots: { file: string; spec: PlotSpec }[];
}

/** Per claim its best verdict over the readings, tallied: "2 of 3 claims hold, 1 mixed". */
function claimTally(claims: Claim[]): string {
  const rank: Record<Verdict, number> = { holds: 0, mixed: 1, 'not supported': 2 };
  const best = new Map<string, Verdict>();
  for (const c of claims) {
    const b = best.get(c.id);
    if (b === undefined || rank[c.verdict] < rank[b]) best.set(c.id, c.verdict);
  }
  const v = [...best.values()];
  const k = (x: Verdict) => v.filter((y) => y === x).length;
  const held = `${k('holds')} of ${v.length} claims hold in at least one reading`;
  return `${held}, ${k('mixed')} mixed, ${k('not supported')} not supported`;
}

/** The claims as a table (statement, reading, verdict, instances), then each one's metric and evidence. */
function claimsMd(claims: Claim[]): string[] {
  if (claims.length === 0) return [];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '## Claims',
    '',
    '| claim | reading | verdict | instances | statement |',
    '|---|---|---|---|---|',
    ...claims.map((c) => `| ${c.id} | ${c.reading} | **${c.verdict}** | ${c.instances} | ${cell(c.statement)} |`),
    '',
    ...claims.map(
      (c) => `- **${c.id}** (${c.reading}): ${c.verdict}. Metric: ${c.metric}. Evidence: ${c.evidence.summary}.`,
    ),
    '',
  ];
}

function claimsHtml(claims: Claim[]): string {
  if (claims.length === 0) return '';
  const td = (s: string) => `<td>${s}</td>`;
  const head = ['claim', 'reading', 'verdict', 'instances', 'statement'].map((h) => `<th>${h}</th>`).join('');
  const rows = claims.map(
    (c) =>
      `<tr>${td(esc(c.id))}${td(esc(c.reading))}${td(`<b>${esc(c.verdict)}</b>`)}${td(String(c.instances))}` +
      `${td(esc(c.statement))}</tr>`,
  );
  const items = claims.map(
    (c) => `<li><b>${esc(c.id)}</b> (${esc(c.reading)}): ${esc(c.metric)}. ${esc(c.evidence.summary)}.</li>`,
  );
  const table = `<table border="1" cellpadding="4" style="border-collapse:collapse"><tr>${head}</tr>${rows.join('')}</table>`;
  return `<h2>Claims</h2>${table}<ul>${items.join('')}</ul>
`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderExperiment(
  o: ExperimentOutput,
  provenance: Provenance,
  seed: number | string,
): { model: ExperimentModel; files: Record<string, string> } {
  const plots = o.plots.map((p) => ({ file: p.file, title: p.spec.title, svg: plotSvg(p.spec) }));
  const model: ExperimentModel = {
    schemaVersion: 1,
    kind: 'experiment',
    name: o.name,
    title: o.title,
    provenance,
    seed,
    setting: o.setting,
    observed: o.observed,
    agreesWithPaper: o.agreesWithPaper,
    claims: o.claims ?? [],
    data: o.data,
    plots: plots.map((p) => ({ file: p.file, title: p.title })),
  };
  const files: Record<string, string> = {};
  for (const p of plots) files[p.file] = p.svg + '\n';
  files['report.json'] =
    JSON.stringify(model, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
  const verdict =
    model.claims.length > 0
      ? claimTally(model.claims)
      : o.agreesWithPaper === null
        ? 'not comparable'
        : o.agreesWithPaper
          ? 'agrees with the paper'
          : 'does NOT agree with the paper';
  const cmd = provenance.command.join(' ');
  files['report.md'] = [
    `# ${o.title}`,
    '',
    `Experiment \`${o.name}\`, seed ${seed}: ${verdict}.`,
    '',
    "## The paper's setting",
    '',
    ...o.setting.map((s) => `- ${s}`),
    '',
    ...claimsMd(model.claims),
    '## Observed',
    '',
    ...o.observed.map((s) => `- ${s}`),
    '',
    ...plots.flatMap((p) => [`![${p.title}](${p.file})`, '']),
    '## Replay',
    '',
    '```sh',
    cmd,
    '```',
    '',
    `${provenance.tool} ${provenance.version}, git ${provenance.gitCommit ?? 'unknown'}, Node ${provenance.node}.`,
    '',
  ].join('\n');
  files['report.html'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(o.title)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
figure{margin:1em 0}figcaption{color:#555;font-size:12px}svg{max-width:100%;height:auto}pre{background:#f5f5f5;padding:4px}</style>
</head><body>
<h1>${esc(o.title)}</h1><p>Experiment <code>${esc(o.name)}</code>, seed ${esc(String(seed))}: <b>${esc(verdict)}</b>.</p>
<h2>The paper's setting</h2><ul>${o.setting.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
${claimsHtml(model.claims)}<h2>Observed</h2><ul>${o.observed.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
${plots.map((p) => `<figure>${p.svg}<figcaption>${esc(p.title)}</figcaption></figure>`).join('\n')}
<h2>Replay</h2><pre>${esc(cmd)}</pre><p>${esc(`${provenance.tool} ${provenance.version}, git ${provenance.gitCommit ?? 'unknown'}, Node ${provenance.node}`)}</p>
</body></html>
`;
  return { model, files };
}
