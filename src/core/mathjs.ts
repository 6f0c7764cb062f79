/**
 * mathjs, loaded on first use and from its single-file build.
 *
 * Only `expr:` objectives need mathjs (parsing and symbolic derivatives in
 * objectives/expr.ts, 64-digit re-checks in conditions/precise.ts), so nothing
 * imports it at start-up. The package's ES-module entry is about 1,260 files and
 * builds every function of its default instance on import: 0.5 s on our machines
 * (docs/performance.md, start-up), spent in module resolution, compilation and
 * typed-function construction. The same release ships a one-file bundle
 * (`mathjs/lib/browser/math.js`, listed in its `exports`) that loads in about 45 ms and
 * creates functions lazily; it is the same code, so parses and derivatives are
 * identical. Loading it through `require` keeps the callers synchronous.
 */
import { createRequire } from 'node:module';
import type { ConfigOptions, MathJsInstance } from 'mathjs';

/**
 * The bundle exports its default instance, whose `create` is the package's create
 * already bound to every factory: it takes the configuration alone. (Called as
 * create(all, config), it would read `all` as the configuration and silently ignore
 * the BigNumber settings; test/core/mathjs.test.ts compares the configurations with
 * the ES-module build's.)
 */
interface MathJsBundle {
  create(config: ConfigOptions): MathJsInstance;
}

const require = createRequire(import.meta.url);
let bundle: MathJsBundle | null = null;
let plain: MathJsInstance | null = null;
let big: MathJsInstance | null = null;

function load(): MathJsBundle {
  bundle ??= require('mathjs/lib/browser/math.js') as MathJsBundle;
  return bundle;
}

/** A mathjs instance in double precision (parsing, derivatives, node constructors). */
export function mathjs(): MathJsInstance {
  plain ??= load().create({});
  return plain;
}

/** A mathjs instance in 64-digit decimal arithmetic (BigNumber; predictable: sqrt(−1) is NaN, not complex). */
export function bigMath(): MathJsInstance {
  big ??= load().create({ number: 'BigNumber', precision: 64, predictable: true });
  return big;
}
