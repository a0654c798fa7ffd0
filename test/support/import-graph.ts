import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import (static, `export … from`, `import type`, or `import()`) of a repository file. */
export interface ImportEdge {
  /** The importing file, relative to the repository root, with `/` separators. */
  from: string;
  /** The imported file, resolved the same way (the `.js` of a NodeNext import names a `.ts`). */
  to: string;
  /** The specifier as written. */
  specifier: string;
}

const SOURCE = /\.(ts|tsx|mts)$/;

function sourceFiles(root: string, dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...sourceFiles(root, path));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Every relative import of the TypeScript files under `dirs`. TypeScript's own pre-processor
 * reads the specifiers, so type-only imports and `import('…')` types count as well: a cycle of
 * types is still a cycle between folders. Package imports (`zod`, `lit`) are not edges.
 */
export function importEdges(root: string, dirs: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of dirs.flatMap((dir) => sourceFiles(root, dir))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const target = relative(root, resolve(root, dirname(file), specifier)).split(sep).join('/');
      edges.push({ from: file, to: target.replace(/\.js$/, '.ts'), specifier });
    }
  }
  return edges;
}

/** The folder right under `src/` a file belongs to; files directly in `src/` are `(root)`. */
export function srcFolder(file: string): string | null {
  const parts = file.split('/');
  if (parts[0] !== 'src') return null;
  return parts.length > 2 ? parts[1]! : '(root)';
}

/**
 * The groups of folders that import each other (strongly connected components with more than
 * one folder), each sorted by name, the groups sorted too. Tarjan's algorithm.
 */
export function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => a.join().localeCompare(b.join()));
}
