import { describe, expect, it } from 'vitest';
import { describeDagProblem, findDagProblems } from './dag.ts';

describe('findDagProblems', () => {
  it('accepts a diamond', () => {
    const nodes = [
      { key: 'A', dependsOn: [] },
      { key: 'B', dependsOn: ['A'] },
      { key: 'C', dependsOn: ['A'] },
      { key: 'D', dependsOn: ['B', 'C'] },
    ];
    expect(findDagProblems(nodes)).toEqual([]);
  });

  it('reports a cycle with its path, self-dependencies, unknown refs and duplicates', () => {
    const nodes = [
      { key: 'A', dependsOn: ['C'] },
      { key: 'B', dependsOn: ['A', 'Z'] },
      { key: 'C', dependsOn: ['B'] },
      { key: 'S', dependsOn: ['S'] },
      { key: 'S', dependsOn: [] },
    ];
    const messages = findDagProblems(nodes).map(describeDagProblem);
    expect(messages).toEqual([
      'task key "S" is used more than once',
      'task "B" depends on unknown task "Z"',
      'dependency cycle A -> C -> B -> A',
    ]);
    expect(findDagProblems([{ key: 'S', dependsOn: ['S'] }]).map(describeDagProblem)).toEqual([
      'dependency cycle S -> S',
    ]);
  });
});
