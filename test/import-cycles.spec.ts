import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '..', 'src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      return name === 'web' ? [] : sourceFiles(path);
    }
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Relative imports of each source file (type-only ones included: they tie the code together just the same). */
function importGraph(): Map<string, string[]> {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)]
      .map((match) => resolve(dirname(file), `${match[1] ?? ''}.ts`))
      .filter((target) => known.has(target));
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan): the import cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, indices.get(next) ?? 0));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member !== undefined) {
          onStack.delete(member);
          component.push(relative(SRC, member));
        }
      } while (member !== undefined && member !== node);
      if (component.length > 1) {
        found.push(component.sort());
      }
    }
  };
  for (const node of graph.keys()) {
    if (!indices.has(node)) {
      visit(node);
    }
  }
  return found;
}

describe('module graph', () => {
  it('has no import cycle through the reminders: features register their deadline sources, reminders imports none of them', () => {
    const graph = importGraph();
    expect(cycles(graph).filter((component) => component.some((file) => file.startsWith('reminders/')))).toEqual([]);
    const fromReminders = [...graph.entries()].filter(([file]) => relative(SRC, file).startsWith('reminders/')).flatMap(([, targets]) => targets.map((t) => relative(SRC, t)));
    expect(fromReminders.filter((target) => /^(safety-cases|signals)\//.test(target))).toEqual([]);
  });
});
