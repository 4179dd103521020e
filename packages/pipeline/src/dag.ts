export interface DependencyNode {
  key: string;
  dependsOn: readonly string[];
}

export type DagProblem =
  | { kind: 'duplicate_key'; key: string }
  | { kind: 'unknown_ref'; key: string; ref: string }
  | { kind: 'cycle'; path: string[] };

/** Finds duplicate keys, dangling references and (one) cycle, so the model can be told all of them. */
export function findDagProblems(nodes: readonly DependencyNode[]): DagProblem[] {
  const problems: DagProblem[] = [];
  const byKey = new Map<string, DependencyNode>();
  for (const node of nodes) {
    if (byKey.has(node.key)) problems.push({ kind: 'duplicate_key', key: node.key });
    byKey.set(node.key, node);
  }
  for (const node of nodes) {
    for (const ref of node.dependsOn) {
      if (!byKey.has(ref)) problems.push({ kind: 'unknown_ref', key: node.key, ref });
    }
  }
  const cycle = findCycle(byKey);
  if (cycle) problems.push({ kind: 'cycle', path: cycle });
  return problems;
}

function findCycle(byKey: Map<string, DependencyNode>): string[] | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (key: string): string[] | null => {
    const start = onPath.indexOf(key);
    if (start !== -1) return [...onPath.slice(start), key];
    if (done.has(key)) return null;
    onPath.push(key);
    for (const ref of byKey.get(key)?.dependsOn ?? []) {
      if (!byKey.has(ref)) continue;
      const cycle = visit(ref);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(key);
    return null;
  };
  for (const key of byKey.keys()) {
    const cycle = visit(key);
    if (cycle) return cycle;
  }
  return null;
}

export function describeDagProblem(problem: DagProblem): string {
  switch (problem.kind) {
    case 'duplicate_key':
      return `task key "${problem.key}" is used more than once`;
    case 'unknown_ref':
      return `task "${problem.key}" depends on unknown task "${problem.ref}"`;
    case 'cycle':
      return `dependency cycle ${problem.path.join(' -> ')}`;
  }
}
