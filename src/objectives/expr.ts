/**
 * `expr:` objectives: a mathjs expression in x (one dimension) or x1..xn.
 *
 * mathjs parses the expression and derives the gradient and Hessian symbolically.
 * The derivative trees are then compiled by our own code generator into plain
 * JavaScript closures, because mathjs's evaluate is far too slow for the hot loop.
 *
 * Safety: the generator emits only numeric literals (finite numbers printed by
 * String()), `x[i]` with integer i, arithmetic operators, parentheses and calls to a
 * fixed list of `Math` functions. Every node type, function name and symbol is
 * checked against a whitelist before anything is generated, so no part of the
 * user's text ever reaches the generated code: a hostile expression cannot run code.
 */
import type { MathNode } from 'mathjs';
import { mathjs } from '../core/mathjs.ts';
import { UsageError } from '../errors.ts';
import { differentiate } from './derivative.ts';
import type { Objective, SymbolicForm } from './objective.ts';

/** Functions users may write, mapped to the JavaScript the generator emits. */
const FUNCS: Record<string, (a: string[]) => string> = {
  sin: (a) => `Math.sin(${a[0]})`,
  cos: (a) => `Math.cos(${a[0]})`,
  tan: (a) => `Math.tan(${a[0]})`,
  sec: (a) => `(1 / Math.cos(${a[0]}))`,
  csc: (a) => `(1 / Math.sin(${a[0]}))`,
  cot: (a) => `(1 / Math.tan(${a[0]}))`,
  asin: (a) => `Math.asin(${a[0]})`,
  acos: (a) => `Math.acos(${a[0]})`,
  atan: (a) => `Math.atan(${a[0]})`,
  acot: (a) => `Math.atan(1 / (${a[0]}))`,
  asec: (a) => `Math.acos(1 / (${a[0]}))`,
  sinh: (a) => `Math.sinh(${a[0]})`,
  cosh: (a) => `Math.cosh(${a[0]})`,
  tanh: (a) => `Math.tanh(${a[0]})`,
  sech: (a) => `(1 / Math.cosh(${a[0]}))`,
  csch: (a) => `(1 / Math.sinh(${a[0]}))`,
  coth: (a) => `(1 / Math.tanh(${a[0]}))`,
  asinh: (a) => `Math.asinh(${a[0]})`,
  acosh: (a) => `Math.acosh(${a[0]})`,
  atanh: (a) => `Math.atanh(${a[0]})`,
  exp: (a) => `Math.exp(${a[0]})`,
  log: (a) => (a.length === 1 ? `Math.log(${a[0]})` : `(Math.log(${a[0]}) / Math.log(${a[1]}))`),
  log10: (a) => `Math.log10(${a[0]})`,
  sqrt: (a) => `Math.sqrt(${a[0]})`,
  cbrt: (a) => `Math.cbrt(${a[0]})`,
  abs: (a) => `Math.abs(${a[0]})`,
  sign: (a) => `Math.sign(${a[0]})`,
  square: (a) => `((${a[0]}) * (${a[0]}))`,
  cube: (a) => `((${a[0]}) * (${a[0]}) * (${a[0]}))`,
};
/** Functions rewritten before differentiation (mathjs cannot differentiate them). */
const REWRITES = new Set(['log1p', 'expm1', 'log2', 'abs', 'sign']);
/** Own-property lookup only: names like "constructor" or "__proto__" must never match. */
const has = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);
const ARITY: Record<string, number[]> = { log: [1, 2] };
const CONSTANTS: Record<string, string> = { pi: 'Math.PI', e: 'Math.E' };
const OPS: Record<string, string> = { add: '+', subtract: '-', multiply: '*', divide: '/' };
const SIGN_PREFIX = 'gsSign_';
const VAR_RE = /^x([1-9]\d{0,5})?$/;

export interface CompiledExpr {
  objective: Objective;
  /** The expression trees, for tests and high-precision evaluation. */
  symbolic: SymbolicForm;
}

function describe(node: MathNode): string {
  try {
    return node.toString();
  } catch {
    return node.type;
  }
}

/** Validate a parsed tree against the whitelist; collect variable names. */
function validate(node: MathNode, vars: Set<string>): void {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      const v = n.value;
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new UsageError(`expression: only finite numbers are allowed as constants, got ${JSON.stringify(v)}`);
      return;
    }
    case 'SymbolNode': {
      const name = n.name as string;
      if (VAR_RE.test(name)) vars.add(name);
      else if (!has(CONSTANTS, name))
        throw new UsageError(
          `expression: unknown symbol "${name}"; variables are x (one dimension) or x1, x2, ..., constants pi and e`,
        );
      return;
    }
    case 'ParenthesisNode':
      validate(n.content as MathNode, vars);
      return;
    case 'OperatorNode': {
      const fn = n.fn as string;
      const args = n.args as MathNode[];
      const ok = has(OPS, fn) || fn === 'pow' || fn === 'unaryMinus' || fn === 'unaryPlus';
      if (!ok) throw new UsageError(`expression: operator "${n.op as string}" is not supported; use + - * / ^`);
      for (const a of args) validate(a, vars);
      return;
    }
    case 'FunctionNode': {
      const fnNode = n.fn as MathNode & { name?: string };
      const name = fnNode.type === 'SymbolNode' ? (fnNode.name ?? '') : '';
      if (!has(FUNCS, name) && !REWRITES.has(name)) {
        throw new UsageError(
          `expression: function "${name || describe(fnNode)}" is not supported; allowed: ${[...Object.keys(FUNCS), 'log1p', 'expm1', 'log2'].sort().join(', ')}`,
        );
      }
      const args = n.args as MathNode[];
      const arity = has(ARITY, name) ? ARITY[name] : [1];
      if (!arity.includes(args.length))
        throw new UsageError(`expression: ${name} takes ${arity.join(' or ')} argument(s), got ${args.length}`);
      for (const a of args) validate(a, vars);
      return;
    }
    default:
      throw new UsageError(
        `expression: ${node.type.replace(/Node$/, '').toLowerCase()} "${describe(node)}" is not allowed; write a formula in x or x1..xn with + - * / ^ and functions`,
      );
  }
}

/**
 * Replace functions mathjs cannot differentiate by equivalents it can:
 * log1p(u) → log(1 + u), expm1(u) → exp(u) − 1, log2(u) → log(u, 2),
 * abs(u) → u·S and sign(u) → S, where S is a symbol the derivative treats as a
 * constant and the generator evaluates as Math.sign(u). This gives the
 * almost-everywhere derivatives sign(u)·u' and 0 (and the subgradient 0 at u = 0),
 * instead of mathjs's abs(u)/u, which is NaN at 0.
 */
function rewrite(tree: MathNode, signs: MathNode[]): MathNode {
  const math = mathjs();
  return tree.transform((node) => {
    if (node.type !== 'FunctionNode') return node;
    const fn = node as unknown as { fn: { name: string }; args: MathNode[] };
    const name = fn.fn.name;
    if (!REWRITES.has(name)) return node;
    const u = rewrite(fn.args[0], signs);
    const U = new math.ParenthesisNode(u);
    switch (name) {
      case 'log1p':
        return new math.FunctionNode('log', [new math.OperatorNode('+', 'add', [new math.ConstantNode(1), u])]);
      case 'expm1':
        return new math.OperatorNode('-', 'subtract', [new math.FunctionNode('exp', [u]), new math.ConstantNode(1)]);
      case 'log2':
        return new math.FunctionNode('log', [u, new math.ConstantNode(2)]);
      default: {
        const S = new math.SymbolNode(`${SIGN_PREFIX}${signs.length}`);
        signs.push(u);
        return name === 'sign' ? S : new math.OperatorNode('*', 'multiply', [U, S]);
      }
    }
  });
}

class Generator {
  constructor(
    private readonly index: Map<string, number>,
    private readonly signs: MathNode[],
  ) {}

  gen(node: MathNode): string {
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new UsageError(`expression: non-finite constant ${String(v)} in a derivative`);
        return `(${String(v)})`;
      }
      case 'SymbolNode': {
        const name = n.name as string;
        const i = this.index.get(name);
        if (i !== undefined) return `x[${i}]`;
        if (has(CONSTANTS, name)) return CONSTANTS[name];
        if (name.startsWith(SIGN_PREFIX)) {
          const k = Number(name.slice(SIGN_PREFIX.length));
          if (Number.isInteger(k) && k >= 0 && k < this.signs.length) return `Math.sign(${this.gen(this.signs[k])})`;
        }
        throw new UsageError(`expression: unknown symbol "${name}"`);
      }
      case 'ParenthesisNode':
        return this.gen(n.content as MathNode);
      case 'OperatorNode': {
        const fn = n.fn as string;
        const args = (n.args as MathNode[]).map((a) => this.gen(a));
        if (has(OPS, fn)) {
          if (args.length < 1) throw new UsageError('expression: empty operator');
          return `(${args.join(` ${OPS[fn]} `)})`;
        }
        if (fn === 'pow') return powCode(args[0], args[1], (n.args as MathNode[])[1]);
        if (fn === 'unaryMinus') return `(-${args[0]})`;
        if (fn === 'unaryPlus') return `(+${args[0]})`;
        throw new UsageError(`expression: operator "${String(n.op)}" is not supported`);
      }
      case 'FunctionNode': {
        const name = (n.fn as { name?: string }).name ?? '';
        const f = has(FUNCS, name) ? FUNCS[name] : undefined;
        if (!f) throw new UsageError(`expression: function "${name}" is not supported`);
        return f((n.args as MathNode[]).map((a) => this.gen(a)));
      }
      default:
        throw new UsageError(`expression: ${node.type} is not allowed`);
    }
  }
}

/** u^2 as a product when u is short (exact, fast, no code blow-up when nested); Math.pow otherwise. */
function powCode(base: string, exponent: string, expNode: MathNode): string {
  const e = expNode as MathNode & { value?: unknown };
  if (e.type === 'ConstantNode' && e.value === 2 && base.length <= 32) return `(${base} * ${base})`;
  if (e.type === 'ConstantNode' && e.value === 1) return base;
  return `Math.pow(${base}, ${exponent})`;
}

const cacheVars = (tree: MathNode): string[] => {
  const vars = new Set<string>();
  validate(tree, vars);
  return [...vars];
};

/** The expression as quoted in messages: at most 80 characters. */
const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);
const tooDeep = (e: unknown) => e instanceof RangeError && /call stack/i.test(e.message);

/** Parse and validate; returns the tree and the variable names in order x1..xn (or x). */
export function parseExpression(src: string): { tree: MathNode; variables: string[] } {
  if (src.trim() === '') throw new UsageError('expression is empty; write e.g. expr:x1^4 + 2*x2^2');
  if (src.length > 20000) throw new UsageError(`expression is ${src.length} characters long; the limit is 20000`);
  let tree: MathNode;
  try {
    tree = mathjs().parse(src);
  } catch (e) {
    throw new UsageError(
      `malformed expression "${clip(src)}": ${tooDeep(e) ? 'nested too deeply' : e instanceof Error ? e.message : String(e)}`,
    );
  }
  const used = cacheVars(tree);
  if (used.length === 0)
    throw new UsageError(`expression "${clip(src)}" has no variable; use x (one dimension) or x1..xn`);
  const plain = used.includes('x');
  const indexed = used.filter((v) => v !== 'x');
  if (plain && indexed.length > 0)
    throw new UsageError(`expression mixes x with indexed variables (${indexed.join(', ')}); use either x or x1..xn`);
  if (plain) return { tree, variables: ['x'] };
  const n = Math.max(...indexed.map((v) => Number(v.slice(1))));
  if (n > 1000) throw new UsageError(`expression uses x${n}; at most 1000 variables are supported`);
  return { tree, variables: Array.from({ length: n }, (_, i) => `x${i + 1}`) };
}

/** Compile generated code (whitelisted tokens only, see the module comment). */
function compileFn<T>(params: string[], body: string): T {
  return new Function(...params, `"use strict";\n${body}`) as T;
}

/** Build an objective from an expression (without the `expr:` prefix). */
export function exprObjective(src: string): CompiledExpr {
  try {
    return buildExpr(src);
  } catch (e) {
    if (tooDeep(e)) throw new UsageError(`expression "${clip(src)}" is nested too deeply to differentiate`);
    throw e;
  }
}

function buildExpr(src: string): CompiledExpr {
  const { tree: parsed, variables } = parseExpression(src);
  const signs: MathNode[] = [];
  const tree = rewrite(parsed, signs);
  const n = variables.length;
  const index = new Map(variables.map((v, i) => [v, i] as const));
  const g = new Generator(index, signs);
  const gen = (node: MathNode) => g.gen(node);
  const valueCode = gen(tree);
  const gradTrees = variables.map((v) => differentiate(tree, v));
  const gradCode = gradTrees.map(gen);
  const value = compileFn<(x: Float64Array) => number>(['x'], `return ${valueCode};`);
  const grad = compileFn<(x: Float64Array, out: Float64Array) => number>(
    ['x', 'out'],
    `${gradCode.map((c, i) => `out[${i}] = ${c};`).join('\n')}\nreturn ${valueCode};`,
  );
  let hessFn: ((x: Float64Array, out: Float64Array) => void) | null = null;
  let hessTrees: MathNode[][] | null = null;
  const hessianTrees = () => {
    if (!hessTrees) {
      hessTrees = gradTrees.map((gt, i) =>
        variables.map((v, j) => (j < i ? null : differentiate(gt, v))),
      ) as MathNode[][];
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) hessTrees[i][j] = hessTrees[j][i];
    }
    return hessTrees;
  };
  const hessian = (x: Float64Array, out: Float64Array) => {
    if (!hessFn) {
      const H = hessianTrees();
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          lines.push(`out[${i * n + j}] = ${gen(H[i][j])};`);
          if (j !== i) lines.push(`out[${j * n + i}] = out[${i * n + j}];`);
        }
      }
      hessFn = compileFn(['x', 'out'], lines.join('\n'));
    }
    hessFn!(x, out);
  };
  const H = new Float64Array(n * n);
  // Strings for high-precision evaluation: the sign symbols become sign(u) again.
  const toText = (node: MathNode) =>
    node
      .transform((c) => {
        if (c.type === 'SymbolNode') {
          const name = (c as unknown as { name: string }).name;
          if (name.startsWith(SIGN_PREFIX))
            return new (mathjs().FunctionNode)('sign', [signs[Number(name.slice(SIGN_PREFIX.length))]]);
        }
        return c;
      })
      .toString();
  const symbolic: SymbolicForm = {
    variables,
    value: toText(tree),
    gradient: gradTrees.map(toText),
    get hessian() {
      return hessianTrees().map((row) => row.map(toText));
    },
  };
  const objective: Objective = {
    name: `expr:${src}`,
    dim: n,
    value,
    grad,
    hessian,
    hvp(x, v, out) {
      hessian(x, H);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += H[i * n + j] * v[j];
        out[i] = s;
      }
    },
    symbolic,
  };
  return { objective, symbolic };
}
