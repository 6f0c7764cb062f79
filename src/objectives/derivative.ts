/**
 * Symbolic derivatives of `expr:` objectives (expr.ts): mathjs's derivative without its
 * simplifier, followed by one exact pruning pass of our own.
 */
import type { MathNode } from 'mathjs';
import { mathjs } from '../core/mathjs.ts';
import { UsageError } from '../errors.ts';

type Node = MathNode & {
  type: string;
  value?: unknown;
  op?: string;
  fn?: unknown;
  args?: MathNode[];
  content?: MathNode;
};

/**
 * One bottom-up pass of simplifications that hold for every real value and keep every constant
 * exact: x + 0, x·1, x·0, x^1, x^0, 0/x, −(−x), and arithmetic on integers. mathjs's simplify is
 * not used: it rewrites (u·v)^c as u^c·v^c, which is NaN for a negative factor and a fractional c
 * (the gradient of abs(x)^2.2 = (x·sign x)^2.2 was NaN at every x < 0), and its simplifyCore takes
 * time exponential in the length of a sum (20 terms: 1.4 s, 24 terms: a minute).
 */
export function prune(node: MathNode): MathNode {
  const m = mathjs();
  const n = node as Node;
  const num = (a: MathNode) =>
    (a as Node).type === 'ConstantNode' && typeof (a as Node).value === 'number' ? ((a as Node).value as number) : null;
  const konst = (v: number) =>
    v < 0 ? new m.OperatorNode('-', 'unaryMinus', [new m.ConstantNode(-v)]) : new m.ConstantNode(v);
  const int = (v: number | null) => v !== null && Number.isInteger(v) && Math.abs(v) < 2 ** 53;
  const neg = (a: MathNode): number | null => {
    const an = a as Node;
    if (an.type === 'OperatorNode' && an.fn === 'unaryMinus') {
      const v = num(an.args![0]);
      return v === null ? null : -v;
    }
    return num(a);
  };
  if (n.type === 'ParenthesisNode') {
    const c = prune(n.content!);
    const cn = c as Node;
    return cn.type === 'ConstantNode' || cn.type === 'SymbolNode' ? c : new m.ParenthesisNode(c);
  }
  if (n.type === 'FunctionNode') return new m.FunctionNode(n.fn as MathNode, n.args!.map(prune));
  if (n.type !== 'OperatorNode') return node;
  const args = n.args!.map(prune);
  const fn = n.fn as string;
  if (fn === 'unaryMinus') {
    const a = args[0] as Node;
    if (a.type === 'OperatorNode' && a.fn === 'unaryMinus') return a.args![0];
    const v = num(args[0]);
    if (v === 0) return new m.ConstantNode(0);
    return new m.OperatorNode('-', 'unaryMinus', args);
  }
  if (fn === 'unaryPlus') return args[0];
  const [a, b] = args;
  const va = neg(a),
    vb = neg(b);
  const both = int(va) && int(vb);
  switch (fn) {
    case 'add':
      if (va === 0) return b;
      if (vb === 0) return a;
      if (both && int(va! + vb!)) return konst(va! + vb!);
      break;
    case 'subtract':
      if (vb === 0) return a;
      if (va === 0) return prune(new m.OperatorNode('-', 'unaryMinus', [b]));
      if (both && int(va! - vb!)) return konst(va! - vb!);
      break;
    case 'multiply':
      if (va === 0 || vb === 0) return new m.ConstantNode(0);
      if (va === 1) return b;
      if (vb === 1) return a;
      if (both && int(va! * vb!)) return konst(va! * vb!);
      break;
    case 'divide':
      if (va === 0 && vb !== 0) return new m.ConstantNode(0);
      if (vb === 1) return a;
      if (both && vb !== 0 && int(va! / vb!)) return konst(va! / vb!);
      break;
    case 'pow':
      if (vb === 0) return new m.ConstantNode(1);
      if (vb === 1) return a;
      if (both && vb! >= 0 && int(va! ** vb!)) return konst(va! ** vb!);
      break;
  }
  return new m.OperatorNode(n.op as never, fn as never, args);
}

/** ∂tree/∂v by mathjs's derivative without its simplify, then pruned; a failure is a usage error naming v. */
export function differentiate(tree: MathNode, v: string): MathNode {
  try {
    return prune(mathjs().derivative(tree, v, { simplify: false }));
  } catch (e) {
    throw new UsageError(
      `cannot differentiate the expression with respect to ${v}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
