/**
 * An objective's own derivatives against finite differences (`gensmooth verify`).
 *
 * Gradient: fourth-order central differences of f along each coordinate (dim ≤ 200)
 * or along 64 random unit directions (larger dim). Hessian-vector product:
 * fourth-order central differences of ∇f along random unit directions.
 * The finite-difference error is estimated, not assumed: Richardson's comparison
 * of steps h and 2h estimates the truncation error, and eps·|f|/h the rounding
 * error; a mismatch is a difference well beyond both. So smooth objectives pass at
 * a relative error around 1e-10, and a gradient off by 1 % fails by orders of
 * magnitude, while kinks (C¹ objectives) widen the estimate instead of failing.
 */
import { Rng, type Seed } from '../core/rng.ts';
import { nrm2 } from '../core/vec.ts';
import { ObjectiveError, fmtPoint } from '../errors.ts';
import type { Objective } from './objective.ts';

export interface VerifyOptions {
  seed?: Seed;
  box?: [number, number];
  points?: number;
  /** Check at these points (instead of seeded points of the box). */
  at?: Float64Array[];
  /** Largest dimension whose gradient is checked along every coordinate (default 200). */
  coordinateMax?: number;
  /** Random directions for the gradient check above coordinateMax dimensions (default 64). */
  directions?: number;
  /** A point where f is undefined (NaN, ±∞) is an objective error, not a skipped point. */
  strict?: boolean;
  /** Relative tolerance on top of the estimated finite-difference error. */
  rtol?: number;
  /**
   * Retry smaller steps only when a test fails (default: also when it passes with a relative
   * agreement worse than 1e-7, for the sharpest reported error). The verdict is the same.
   */
  retryFailuresOnly?: boolean;
}

export interface DerivCheck {
  maxRelError: number;
  worst: {
    x: number[];
    relError: number;
    analytic: number;
    finiteDifference: number;
    fdErrorEstimate: number;
    /** The coordinate (or random direction) of the worst directional derivative. */
    direction?: number;
  } | null;
  points: number;
  ok: boolean;
  /** What a mismatch looks like, in words ("the gradient looks sign-flipped", "off by a factor 2", ...). */
  diagnosis?: string;
}

/**
 * Name the pattern of a mismatch from the pairs (analytic, finite difference) of one point:
 * the least-squares factor c with analytic ≈ c·fd, and how well it explains them.
 */
export function diagnose(an: number[], fd: number[], what: string): string {
  let sab = 0,
    sbb = 0,
    saa = 0;
  for (let i = 0; i < an.length; i++) {
    sab += an[i] * fd[i];
    sbb += fd[i] * fd[i];
    saa += an[i] * an[i];
  }
  if (!(sbb > 0))
    return saa > 0 ? `the ${what} is nonzero where the finite differences vanish` : `the ${what} does not match`;
  const c = sab / sbb;
  const resid = Math.max(0, saa - c * sab) / Math.max(saa, 1e-300);
  const near = (k: number) => Math.abs(c - k) <= 0.02 * Math.abs(k);
  if (resid < 1e-4) {
    if (near(-1)) return `the ${what} looks sign-flipped (it is −1 times the finite differences)`;
    if (near(0)) return `the ${what} is (nearly) zero where the finite differences are not`;
    for (const k of [2, 0.5, 4, 0.25, -2, -0.5])
      if (near(k)) return `the ${what} is off by a factor ${k} (it is ${k} times the finite differences)`;
    if (!near(1))
      return `the ${what} is off by a factor ${Number(c.toPrecision(4))} (it is that multiple of the finite differences)`;
  }
  return `the ${what} does not match the finite differences (no common factor explains it)`;
}

export interface VerifyResult {
  objective: string;
  dim: number;
  seed: Seed;
  box: [number, number];
  gradient: DerivCheck;
  hvp: (DerivCheck & { directions: number }) | null;
  verdict: 'ok' | 'mismatch';
  skippedPoints: number;
  /** The first point where f was undefined (skipped), if any. */
  skippedAt: number[] | null;
  notes: string[];
}

const EPS = 2.220446049250313e-16;

/** Fourth-order central difference of s ↦ φ(s) at 0 with step h, and its error estimate. */
function fd4(phi: (s: number) => number, h: number): { d: number; err: number; scale: number } {
  const p1 = phi(h),
    m1 = phi(-h),
    p2 = phi(2 * h),
    m2 = phi(-2 * h);
  const d = (8 * (p1 - m1) - (p2 - m2)) / (12 * h);
  // The same formula at step 2h, for Richardson's truncation estimate.
  const p4 = phi(4 * h),
    m4 = phi(-4 * h);
  const d2 = (8 * (p2 - m2) - (p4 - m4)) / (24 * h);
  const scale = Math.max(Math.abs(p1), Math.abs(m1), Math.abs(p2), Math.abs(m2));
  return { d, err: Math.abs(d - d2) / 15, scale };
}

export function verifyObjective(obj: Objective, opts: VerifyOptions = {}): VerifyResult {
  const n = obj.dim;
  const seed = opts.seed ?? 1;
  const box = opts.box ?? [-3, 3];
  const rtol = opts.rtol ?? 1e-6;
  const rng = new Rng(seed, 'verify');
  const nPts = opts.points ?? (n > 1000 ? 4 : n > 100 ? 8 : 20);
  const coordinateMode = n <= (opts.coordinateMax ?? 200);
  const x = new Float64Array(n),
    xs = new Float64Array(n),
    g = new Float64Array(n),
    gs = new Float64Array(n);
  const hv = new Float64Array(n);
  const gp1 = new Float64Array(n),
    gm1 = new Float64Array(n),
    gp2 = new Float64Array(n),
    gm2 = new Float64Array(n),
    gp4 = new Float64Array(n),
    gm4 = new Float64Array(n);
  const grad: DerivCheck = { maxRelError: 0, worst: null, points: 0, ok: true };
  const hvp: (DerivCheck & { directions: number }) | null = obj.hvp
    ? { maxRelError: 0, worst: null, points: 0, ok: true, directions: 0 }
    : null;
  const dirRng = rng.stream('directions');
  let skipped = 0;
  const notes: string[] = [];
  const points: Float64Array[] = [];
  if (opts.at) for (const a of opts.at) points.push(Float64Array.from(a));
  else {
    if (obj.x0 && obj.x0.every((t) => t >= box[0] && t <= box[1])) points.push(Float64Array.from(obj.x0));
    const ptRng = rng.stream('points');
    while (points.length < nPts) points.push(ptRng.fillUniform(new Float64Array(n), box[0], box[1]));
  }
  let firstSkipped: Float64Array | null = null;

  const nDir = coordinateMode ? n : (opts.directions ?? 64);
  const dirs: Float64Array[] = [];
  for (let k = 0; k < nDir; k++) {
    const d = new Float64Array(n);
    if (coordinateMode) d[k] = 1;
    else dirRng.sphere(d);
    dirs.push(d);
  }

  /** Gradient check at x with step h: directional derivatives along dirs. */
  const gradAt = (f: number, h: number) => {
    let num = 0,
      den = 0,
      slack = 0,
      finite = true;
    let worst = { an: 0, fd: 0, err: 0, rel: -1, k: 0 };
    const ans: number[] = [],
      fds: number[] = [];
    for (let k = 0; k < dirs.length; k++) {
      const d = dirs[k];
      const r = fd4((s) => {
        for (let i = 0; i < n; i++) xs[i] = x[i] + s * d[i];
        return obj.value(xs);
      }, h);
      if (!Number.isFinite(r.d)) {
        finite = false;
        continue;
      } // the stencil left the domain
      let an = 0;
      for (let i = 0; i < n; i++) an += g[i] * d[i];
      const diff = Math.abs(an - r.d);
      const floor = (100 * EPS * Math.max(r.scale, Math.abs(f))) / h;
      const err = 10 * r.err + floor;
      num += diff * diff;
      den = Math.max(den, Math.abs(an), Math.abs(r.d));
      slack += err * err;
      const rel = diff / Math.max(Math.abs(an), Math.abs(r.d), floor, 1e-300);
      if (rel > worst.rel) worst = { an, fd: r.d, err, rel, k };
      ans.push(an);
      fds.push(r.d);
    }
    const absErr = Math.sqrt(num);
    const pass = !(absErr > Math.sqrt(slack) + rtol * den);
    return { pass, rel: absErr / Math.max(den, 1e-300), worst, finite, ans, fds };
  };

  /** HVP check at x along d with step h: differences of gradients. */
  const hvpAt = (d: Float64Array, h: number) => {
    const gAt = (s: number, out: Float64Array) => {
      for (let i = 0; i < n; i++) xs[i] = x[i] + s * d[i];
      obj.grad(xs, out);
    };
    gAt(h, gp1);
    gAt(-h, gm1);
    gAt(2 * h, gp2);
    gAt(-2 * h, gm2);
    gAt(4 * h, gp4);
    gAt(-4 * h, gm4);
    let diff2 = 0,
      est2 = 0,
      hn = 0,
      gscale = 0;
    const ans: number[] = [],
      fds: number[] = [];
    for (let i = 0; i < n; i++) {
      const d1 = (8 * (gp1[i] - gm1[i]) - (gp2[i] - gm2[i])) / (12 * h);
      const d2 = (8 * (gp2[i] - gm2[i]) - (gp4[i] - gm4[i])) / (24 * h);
      diff2 += (hv[i] - d1) ** 2;
      est2 += ((d1 - d2) / 15) ** 2;
      hn = Math.max(hn, Math.abs(hv[i]), Math.abs(d1));
      gscale = Math.max(gscale, Math.abs(gp2[i]), Math.abs(gm2[i]));
      gs[i] = d1;
      ans.push(hv[i]);
      fds.push(d1);
    }
    const floor = (100 * EPS * gscale * Math.sqrt(n)) / h;
    const diff = Math.sqrt(diff2);
    const slackH = 10 * Math.sqrt(est2) + floor;
    const finite = Number.isFinite(diff) && Number.isFinite(slackH);
    const rel = finite ? diff / Math.max(nrm2(hv), nrm2(gs), floor, 1e-300) : 0;
    return {
      pass: !finite || !(diff > slackH + rtol * Math.max(hn, 1e-300) * Math.sqrt(n)),
      rel,
      slack: slackH,
      ans,
      fds,
    };
  };

  // A failure (or a poor agreement) at step h is retried at h/8 and h/64, keeping the
  // best: a wrong derivative is wrong at every step, while a stencil that straddles a
  // kink (C¹ or piecewise objectives) stops straddling it.
  const STEPS = [1, 1 / 8, 1 / 64];
  for (const p of points) {
    x.set(p);
    const f = obj.value(x);
    if (!Number.isFinite(f)) {
      if (opts.strict)
        throw new ObjectiveError(
          `${obj.name}: f is not finite (${f}) at x = ${fmtPoint(x)}; --strict makes an undefined point an error (without it, it is skipped)`,
        );
      skipped++;
      firstSkipped ??= Float64Array.from(x);
      continue;
    }
    const fg = obj.grad(x, g);
    if (!g.every(Number.isFinite))
      throw new ObjectiveError(`${obj.name}: the gradient is not finite at x = ${fmtPoint(x)} although f(x) = ${f} is`);
    if (Number.isFinite(fg) && Math.abs(fg - f) > 1e-8 * Math.max(1, Math.abs(f))) {
      grad.ok = false;
      notes.push(`grad() returned f = ${fg} but value() = ${f} at x = ${fmtPoint(x)}`);
    }
    let xinf = 0;
    for (let i = 0; i < n; i++) xinf = Math.max(xinf, Math.abs(x[i]));
    const h0 = 2e-3 * Math.max(1, xinf);
    let gr = gradAt(f, h0);
    for (let k = 1; k < STEPS.length && (!gr.pass || (!opts.retryFailuresOnly && gr.rel > 1e-7)); k++) {
      const r = gradAt(f, h0 * STEPS[k]);
      if ((r.pass && !gr.pass) || (r.pass === gr.pass && r.rel < gr.rel)) gr = r;
    }
    grad.points++;
    if (!gr.pass) grad.ok = false;
    if (grad.worst === null || gr.rel > grad.maxRelError) {
      grad.maxRelError = gr.rel;
      grad.worst = {
        x: Array.from(x),
        relError: gr.rel,
        analytic: gr.worst.an,
        finiteDifference: gr.worst.fd,
        fdErrorEstimate: gr.worst.err,
        direction: gr.worst.k,
      };
      if (!gr.pass) grad.diagnosis = diagnose(gr.ans, gr.fds, 'gradient');
    }
    if (hvp && obj.hvp) {
      for (let k = 0; k < 3; k++) {
        const d = dirRng.sphere(new Float64Array(n));
        obj.hvp(x, d, hv);
        let hr = hvpAt(d, h0);
        for (let j = 1; j < STEPS.length && (!hr.pass || (!opts.retryFailuresOnly && hr.rel > 1e-7)); j++) {
          const r = hvpAt(d, h0 * STEPS[j]);
          if ((r.pass && !hr.pass) || (r.pass === hr.pass && r.rel < hr.rel)) hr = r;
        }
        hvp.points++;
        hvp.directions++;
        if (!hr.pass) hvp.ok = false;
        if (hvp.worst === null || hr.rel > hvp.maxRelError) {
          hvp.maxRelError = hr.rel;
          if (!hr.pass) hvp.diagnosis = diagnose(hr.ans, hr.fds, 'Hessian-vector product');
          hvp.worst = {
            x: Array.from(x),
            relError: hr.rel,
            analytic: nrm2(hv),
            finiteDifference: nrm2(gs),
            fdErrorEstimate: hr.slack,
          };
        }
      }
    }
  }
  if (grad.points === 0) {
    throw new ObjectiveError(
      `${obj.name}: f is not finite at any of the ${points.length} sampled points of the box [${box[0]}, ${box[1]}]; choose a --box inside its domain`,
    );
  }
  if (skipped > 0)
    notes.push(
      `${skipped} of ${points.length} sampled points are outside the domain (f not finite) and were skipped, e.g. x = ${fmtPoint(firstSkipped!)} (--strict makes them an error)`,
    );
  return {
    objective: obj.name,
    dim: n,
    seed,
    box,
    gradient: grad,
    hvp,
    verdict: grad.ok && (hvp?.ok ?? true) ? 'ok' : 'mismatch',
    skippedPoints: skipped,
    skippedAt: firstSkipped ? Array.from(firstSkipped) : null,
    notes,
  };
}
