/**
 * A paper's claims as data, each judged on many instances with the metric the claim is
 * about. Every judgement counts supporting cells (an instance, or an instance at a sample
 * count) and decides by one rule: `holds` when at least two thirds of the cells support
 * the claim, `not supported` when fewer than one third do, `mixed` in between. One instance
 * decides nothing: the evidence says how many there were and what each showed.
 */
import type { Claim, Reading, Verdict } from '../report/experiment.ts';
import type { Comparison } from './compare.ts';
import { fmt4, fmtInterval } from './summary.ts';

export type { Claim, Reading, Verdict } from '../report/experiment.ts';

export interface ClaimMeta {
  id: string;
  statement: string;
  reading: Reading;
}

export function verdictOf(support: number, cells: number): Verdict {
  if (cells <= 0) return 'mixed';
  if (3 * support >= 2 * cells) return 'holds';
  if (3 * support < cells) return 'not supported';
  return 'mixed';
}

const count = (xs: (string | null)[]) => {
  const m: Record<string, number> = {};
  for (const x of xs) if (x !== null) m[x] = (m[x] ?? 0) + 1;
  return m;
};
const counts = (m: Record<string, number>) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** "winner (or one of winners) has the lowest value at equal samples": cells are (checkpoint, instance). */
export function leadsClaim(c: Comparison, winners: string | string[], meta: ClaimMeta): Claim {
  const ws = typeof winners === 'string' ? [winners] : winners;
  const winner = ws.join(' or ');
  const n = c.seeds.length;
  const support = c.leaders.reduce((s, row) => s + row.filter((l) => l !== null && ws.includes(l)).length, 0);
  const cells = c.leaders.length * n;
  const perCheckpoint = c.checkpoints.map((cp, k) => ({
    samples: cp,
    leaders: count(c.leaders[k]),
    medians: Object.fromEntries(c.arms.map((a) => [a.label, a.summary.atCheckpoints[k]])),
  }));
  return {
    ...meta,
    metric:
      `the arm with the lowest ${c.metric} at ${c.checkpoints.map(fmt4).join(', ')} ${c.axis} (the ` +
      `paper's horizon), on each instance`,
    verdict: verdictOf(support, cells),
    instances: n,
    evidence: {
      summary: `${winner} leads in ${support} of ${cells} (checkpoint, instance) cells; ${perCheckpoint
        .map((p) => `at ${fmt4(p.samples)}: ${counts(p.leaders) || 'none finite'}`)
        .join('; ')}; median ${c.metric} at ${fmt4(c.checkpoints[c.checkpoints.length - 1])}: ${c.arms
        .map((a) => `${a.label} ${fmtInterval(a.summary.atCheckpoints[c.checkpoints.length - 1])}`)
        .join(', ')}`,
      support,
      cells,
      checkpoints: perCheckpoint,
    },
  };
}

/** Per instance, the arm that reaches its target with the fewest samples (first in order among ties; null if none). */
export function fastestPerInstance(c: Comparison): (string | null)[] {
  return c.seeds.map((_s, i) => {
    let best: string | null = null,
      bv = Infinity;
    for (const a of c.arms) {
      const v = a.toTarget[i];
      if (v !== null && v < bv) {
        bv = v;
        best = a.label;
      }
    }
    return best;
  });
}

const targetWords = (c: Comparison) =>
  `samples to reach the instance's target ${c.metric} (the median over arms of their best ${c.metric} within ` +
  `${fmt4(c.budget)} ${c.axis})`;

const toTargetSummary = (c: Comparison) =>
  c.arms
    .map((a) => `${a.label} ${fmtInterval(a.summary.toTarget)} (${a.summary.reached}/${c.seeds.length} reached)`)
    .join(', ');

/** "one of `winners` converges fastest": cells are instances, the metric samples to the target. */
export function fastestClaim(c: Comparison, winners: string[], meta: ClaimMeta): Claim {
  const fastest = fastestPerInstance(c);
  const support = fastest.filter((f) => f !== null && winners.includes(f)).length;
  const n = c.seeds.length;
  return {
    ...meta,
    metric: targetWords(c),
    verdict: verdictOf(support, n),
    instances: n,
    evidence: {
      summary:
        `fastest is ${winners.join(' or ')} on ${support} of ${n} instances (fastest: ` +
        `${counts(count(fastest)) || 'none reached'}); median samples to target: ${toTargetSummary(c)}`,
      support,
      cells: n,
      fastest,
      targets: c.targets,
    },
  };
}

/** "`label` is as fast as the fastest, within a factor": cells are instances. */
export function withinClaim(c: Comparison, label: string, factor: number, meta: ClaimMeta): Claim {
  const arm = c.arms.find((a) => a.label === label);
  if (!arm) throw new RangeError(`no arm "${label}" in the comparison`);
  const n = c.seeds.length;
  const ok = c.seeds.map((_s, i) => {
    const mine = arm.toTarget[i];
    const best = Math.min(...c.arms.map((a) => a.toTarget[i] ?? Infinity));
    return mine !== null && mine <= factor * best;
  });
  const support = ok.filter(Boolean).length;
  return {
    ...meta,
    metric: `${targetWords(c)}: ${label} within ${factor}× of the fastest arm, on each instance`,
    verdict: verdictOf(support, n),
    instances: n,
    evidence: {
      summary:
        `${label} is within ${factor}× of the fastest on ${support} of ${n} instances; median samples ` +
        `to target: ${toTargetSummary(c)}`,
      support,
      cells: n,
      within: ok,
    },
  };
}

/** A claim decided per instance by a boolean the experiment computed (e.g. an escape order). */
export function perInstanceClaim(
  ok: boolean[],
  meta: ClaimMeta & { metric: string; summary: string },
  extra: Record<string, unknown> = {},
): Claim {
  const support = ok.filter(Boolean).length;
  return {
    id: meta.id,
    statement: meta.statement,
    reading: meta.reading,
    metric: meta.metric,
    verdict: verdictOf(support, ok.length),
    instances: ok.length,
    evidence: {
      summary: meta.summary,
      support,
      cells: ok.length,
      ...extra,
    },
  };
}

/** The old single flag, from the claims: true when every claim holds in at least one reading, null without claims. */
export function agreesFromClaims(claims: Claim[]): boolean | null {
  if (claims.length === 0) return null;
  const byId = new Map<string, Verdict[]>();
  for (const c of claims) byId.set(c.id, [...(byId.get(c.id) ?? []), c.verdict]);
  return [...byId.values()].every((vs) => vs.includes('holds'));
}
