import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderCycles, importEdges, srcFolder, type ImportEdge } from './support/import-graph.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const edges = importEdges(root, ['src', 'components', 'adapters']);
const under = (file: string, ...dirs: string[]) => dirs.some((dir) => file.startsWith(`${dir}/`));
const show = (list: readonly ImportEdge[]) => list.map((e) => `${e.from} → ${e.specifier}`).join('\n');

describe('architecture', () => {
  it('has no import cycles between the folders of src/', () => {
    const graph = new Map<string, Set<string>>();
    const between: ImportEdge[] = [];
    for (const edge of edges) {
      const from = srcFolder(edge.from);
      const to = srcFolder(edge.to);
      if (!from || !to || from === to) continue;
      between.push(edge);
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
    const cycles = folderCycles(graph);
    // Which imports close each cycle, so a failure says what to move.
    const detail = cycles
      .map((group) => {
        const inside = between.filter((e) => group.includes(srcFolder(e.from)!) && group.includes(srcFolder(e.to)!));
        return `${group.join(' ⇄ ')}:\n${show(inside)}`;
      })
      .join('\n\n');
    expect(cycles, detail).toEqual([]);
  });

  it('keeps adapters and components out of src/, except the test-support entries', () => {
    // src/testing and src/mocks compose a portal on the memory adapter for hosts' tests.
    const leaks = edges.filter(
      (e) => under(e.from, 'src') && !under(e.from, 'src/testing', 'src/mocks') && under(e.to, 'adapters', 'components'),
    );
    expect(leaks, show(leaks)).toEqual([]);
  });

  it('lets adapters depend on the core only', () => {
    const leaks = edges.filter((e) => under(e.from, 'adapters') && !under(e.to, 'adapters', 'src'));
    expect(leaks, show(leaks)).toEqual([]);
  });

  it('lets browser code reach the core only through the model, errors, the contract and the api client', () => {
    // The api client and the elements run in pages: services, storage ports, the access policy
    // and the server stay out of their bundles (and out of their types).
    const allowed = ['src/model', 'src/errors', 'src/contract', 'src/client'];
    const browser = edges.filter((e) => under(e.from, 'src/client', 'components'));
    const leaks = browser.filter((e) => !under(e.to, ...allowed) && (under(e.to, 'src', 'adapters') || under(e.from, 'src/client')));
    expect(leaks, show(leaks)).toEqual([]);
  });
});
