/** Arbitraries for fuzzing the expression front end and the command line (used by the suite and scripts/fuzz.ts). */
import fc from 'fast-check';

/** Tokens a hostile or confused user might put in an expression. */
const TOKENS = [
  'x', 'x1', 'x2', 'x10', '1', '2.5', '1e308', '1e-320', '0', 'pi', 'e', 'Infinity', 'NaN',
  '+', '-', '*', '/', '^', '!', '%', '=', '==', '<', '>', '&', '|', '?', ':', ';', ',', '.', "'", '"', '`',
  '(', ')', '[', ']', '{', '}', ' ', '\\n',
  'sin', 'cos', 'exp', 'log', 'sqrt', 'abs', 'sign', 'tanh', 'log1p', 'expm1', 'log2',
  'constructor', '__proto__', 'prototype', 'process', 'this', 'globalThis', 'import', 'require', 'eval', 'Function',
  'return', 'new', 'delete', 'function', '=>', 'typeof', 'import(', 'evaluate', 'parse', 'config', 'derivative',
  'toString', 'valueOf', 'hasOwnProperty', 'Math', 'window', 'mod', 'to', 'cm', 'and', 'or', 'not', 'true', 'false', 'null', 'undefined',
];

export const tokenExprArb = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 }).map((t) => t.join(' ').replace(/ \\n /g, '\n'));

/** Random expression trees over identifiers, some hostile, and every operator mathjs parses. */
export const hostileTreeArb: fc.Arbitrary<string> = fc.letrec<{ t: string }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constantFrom('x1', 'x2', 'constructor', '__proto__', 'process', 'this', 'pi', '3', '"s"', 'true', 'Infinity'),
    fc.tuple(tie('t'), fc.constantFrom('+', '-', '*', '/', '^', '==', 'and', 'mod', '=', ':'), tie('t')).map(([a, o, b]) => `(${a} ${o} ${b})`),
    fc.tuple(fc.constantFrom('sin', 'exp', 'log', 'f', 'eval', 'import', 'constructor', 'evaluate'), tie('t')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('t'), tie('t')).map(([a, b]) => `[${a}, ${b}]`),
    tie('t').map((a) => `${a}.constructor`),
    tie('t').map((a) => `${a}[0]`),
    tie('t').map((a) => `f(x) = ${a}`),
  ),
})).t;

/** Argument vectors for the CLI: real flags and values, shuffled, plus junk. */
export const argvArb = fc.tuple(
  fc.constantFrom('check', 'verify', 'optimize', 'list', 'estimator', 'rate', 'escape', 'frob', '--help'),
  fc.array(fc.oneof(
    fc.constantFrom('expr:x^2', 'expr:x1^4+x2^2', 'builtin:poly-quartic', 'builtin:nope', 'expr:', 'expr:log(x)', './missing.ts'),
    fc.constantFrom('--condition', '--box', '--seed', '--samples', '--json', '--fstar', '--xstar', '--method', '--iters', '--x0', '--time-limit', '--frob', '-x'),
    fc.constantFrom('lsmooth:L=2', 'l0l1', 'gpl:mu=abc', 'aiming', 'l0l1:L0=-1', 'gd:gamma=0.1', 'sgd:gamma=1', '3:-3', '-1:1', '-1', '0', '50', 'abc', '1,2', ''),
  ), { maxLength: 8 }),
).map(([c, rest]) => [c, ...rest]);
