// Reading traces in tests: every node of a kind, at any depth, in order.
import type { TraceNode } from '../../runtime/ir.js';

export function traceNodes(trace: TraceNode[], kind: string): TraceNode[] {
  const out: TraceNode[] = [];
  const walk = (ns: TraceNode[]): void => {
    for (const n of ns) {
      if (n.kind === kind) out.push(n);
      if (n.children) walk(n.children);
    }
  };
  walk(trace);
  return out;
}
