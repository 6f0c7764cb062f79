/**
 * The sublevel domain `sublevel:F` = {x in the ambient domain (a box or a ball) : f(x) ≤ F}: the
 * region a descent method started below F never leaves, where many theorems assume their condition.
 *
 * Rejection from the ambient domain is hopeless in high dimension (the set is a vanishing fraction
 * of it), so it is sampled by hit-and-run with shrinkage: from a point of the set, a uniform
 * random direction, the chord of the ambient box along it, a uniform point of the chord, accepted
 * if it lies in the set, otherwise the chord is shrunk towards the current point and the proposal
 * repeated (a slice-sampler step, which keeps the uniform distribution on the set invariant and
 * always ends, since the current point is in the set). The chain starts at a point of the set (the
 * objective's start when it is in, else the lowest of many ambient points, improved by L-BFGS),
 * runs a burn-in of 10n steps and is thinned; the acceptance statistics of the initial samples go
 * into the domain's notes.
 * Chain states are not independent draws, so no coverage statement counts them as uniform.
 */
import type { Rng } from '../core/rng.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { lbfgs } from '../search/local.ts';
import { joinXY, type Domain, type Drawn, type Origin } from './domain.ts';

export interface SublevelOptions {
  /** The seeded stream the chain's start is searched with. */
  rng: Rng;
  spec?: string;
}

export function sublevelDomain(obj: Objective, F: number, ambient: Domain, o: SublevelOptions): Domain {
  const n = obj.dim;
  if (!Number.isFinite(F)) throw new UsageError(`sublevel:F needs a finite level F, got ${F}`);
  const inSet = (x: Float64Array) => ambient.contains(x) && obj.value(x) <= F;
  // A point of the set to start from.
  let start: Float64Array | null = obj.x0 && inSet(obj.x0) ? Float64Array.from(obj.x0) : null;
  let lowest = Infinity;
  if (!start) {
    const cands = ambient.starts(o.rng, 256).map((x) => ({ x, f: obj.value(x) }));
    cands.sort((a, b) => (Number.isNaN(a.f) ? 1 : Number.isNaN(b.f) ? -1 : a.f - b.f));
    for (const c of cands.slice(0, 8)) {
      if (Number.isFinite(c.f)) lowest = Math.min(lowest, c.f);
      if (c.f <= F) {
        start = c.x;
        break;
      }
      const r = lbfgs(obj, c.x, 200);
      const x = Float64Array.from(r.x);
      ambient.project(x);
      const fx = obj.value(x);
      if (Number.isFinite(fx)) lowest = Math.min(lowest, fx);
      if (fx <= F) {
        start = x;
        break;
      }
    }
  }
  if (!start)
    throw new UsageError(
      `sublevel:${F} is empty as far as the search can tell: the lowest f found in ${ambient.spec} is ${lowest}; choose F above it`,
    );
  type Stats = { steps: number; proposals: number; firstTry: number };
  const u = new Float64Array(n);
  /** One hit-and-run step from x (in place). */
  const step = (rng: Rng, x: Float64Array, stats: Stats) => {
    rng.sphere(u);
    let a = -Infinity,
      b = Infinity;
    for (let i = 0; i < n; i++) {
      if (u[i] > 0) {
        a = Math.max(a, (ambient.lo[i] - x[i]) / u[i]);
        b = Math.min(b, (ambient.hi[i] - x[i]) / u[i]);
      } else if (u[i] < 0) {
        a = Math.max(a, (ambient.hi[i] - x[i]) / u[i]);
        b = Math.min(b, (ambient.lo[i] - x[i]) / u[i]);
      }
    }
    if (!(a <= 0 && b >= 0)) return;
    const y = new Float64Array(n);
    stats.steps++;
    for (let k = 0; k < 60; k++) {
      const t = a + (b - a) * rng.uniform();
      for (let i = 0; i < n; i++) y[i] = x[i] + t * u[i];
      stats.proposals++;
      if (inSet(y)) {
        if (k === 0) stats.firstTry++;
        x.set(y);
        return;
      }
      if (t < 0) a = t;
      else b = t;
    }
  };
  const chain = (
    rng: Rng,
    count: number,
    stats: Stats = { steps: 0, proposals: 0, firstTry: 0 },
    stop?: () => boolean,
  ): Float64Array[] => {
    const x = Float64Array.from(start!);
    const burn = Math.min(2000, 10 * n),
      thin = Math.max(1, Math.min(10, n));
    for (let k = 0; k < burn; k++) step(rng, x, stats);
    const out: Float64Array[] = [];
    // `stop` is asked every 64 states (a time limit): a shorter chain, the same states as far as it goes.
    while (out.length < count && !((out.length & 63) === 0 && stop?.())) {
      for (let k = 0; k < thin; k++) step(rng, x, stats);
      out.push(Float64Array.from(x));
    }
    return out;
  };
  // The statistics of the latest initial sample of each kind (a run draws each kind once, so
  // another run on the same domain object reports the same numbers).
  const drawn = new Map<string, Stats>();
  const notes: string[] = [];
  const note = () => {
    notes.length = 0;
    const stats = { steps: 0, proposals: 0, firstTry: 0 };
    for (const t of drawn.values()) {
      stats.steps += t.steps;
      stats.proposals += t.proposals;
      stats.firstTry += t.firstTry;
    }
    if (stats.steps > 0)
      notes.push(
        `sublevel:${F} sampled by hit-and-run in ${ambient.spec}: ${stats.steps} steps after a burn-in of ${Math.min(2000, 10 * n)}, ${(stats.proposals / stats.steps).toFixed(2)} proposals a step, ${((100 * stats.firstTry) / stats.steps).toFixed(0)} % accepted at the first`,
      );
  };
  return {
    spec: o.spec ?? `sublevel:${F}`,
    describe: () => ({ kind: 'sublevel', level: F, within: ambient.describe() }),
    n,
    lo: ambient.lo,
    hi: ambient.hi,
    width: ambient.width,
    contains: (x) => inSet(Float64Array.from(x)),
    admits: (x) => obj.value(x) <= F,
    project: (x) => ambient.project(x),
    centre: () => Float64Array.from(start!),
    starts: (rng, count) => chain(rng, count),
    notes,
    initial(rng, kind, count, special, stop) {
      const out: Drawn[] = [];
      const add = (z: Float64Array, origin: Origin) => out.push({ z, origin });
      const inside = special.filter((s) => inSet(Float64Array.from(s)));
      const stats = { steps: 0, proposals: 0, firstTry: 0 };
      const wanted = kind === 'point' ? count : Math.ceil(0.6 * count) + 2;
      const states = chain(rng.stream('chain'), wanted, stats, stop);
      // A chain cut short by the time limit gives a sample of its own length (none without states).
      if (states.length < wanted) count = Math.min(count, states.length);
      drawn.set(kind, stats);
      note();
      if (kind === 'point') {
        for (const s of inside) add(Float64Array.from(s), 'special');
        for (const x of states) if (out.length < count) add(x, 'sampled');
        return out;
      }
      // Near pairs: a short step from a chain state, halved until it stays in the set.
      const nrng = rng.stream('near');
      for (let k = 0; k < Math.floor(0.4 * count); k++) {
        const x = states[k % states.length];
        nrng.sphere(u);
        let t = nrng.logUniform(1e-6 * ambient.width, 0.1 * ambient.width);
        for (let j = 0; j < 30; j++, t /= 2) {
          const y = Float64Array.from(x, (v, i) => v + t * u[i]);
          if (inSet(y)) {
            add(joinXY(x, y), 'sampled');
            break;
          }
        }
      }
      // Far pairs: states half a chain apart; anchored pairs at the special points.
      const half = Math.floor(states.length / 2);
      for (let k = 0; out.length < count && k < half; k++) add(joinXY(states[k], states[k + half]), 'sampled');
      for (let k = 0; out.length < count && inside.length > 0; k++)
        add(joinXY(Float64Array.from(inside[k % inside.length]), states[k % states.length]), 'sampled');
      for (let k = 0; out.length < count; k++)
        add(joinXY(states[k % states.length], states[(k * 7 + 3) % states.length]), 'sampled');
      return out;
    },
  };
}
