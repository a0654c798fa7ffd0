import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as components from 'sitegate/components';
import { validateJsonSchema } from './support/json-schema.js';

interface Reference {
  name: string;
  module?: string;
  package?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  events?: { name: string; type?: { text: string; references?: Reference[] } }[];
  attributes?: { name: string }[];
  cssProperties?: { name: string }[];
  cssParts?: { name: string }[];
  slots?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string; declaration: Reference }[] }[];
}

const root = new URL('..', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const manifest = JSON.parse(read('custom-elements.json')) as Manifest;
const schema = JSON.parse(read('node_modules/custom-elements-manifest/schema.json')) as Record<string, unknown>;
const pkg = JSON.parse(read('package.json')) as { files: string[]; exports: Record<string, { types: string; import: string }> };
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
const byTag: Record<string, Declaration> = Object.fromEntries(elements.map((d) => [d.tagName!, d]));
const TAGS = ['sg-accept-invite', 'sg-approval-button', 'sg-client-list', 'sg-confirm-email', 'sg-portal-provider', 'sg-portal-view', 'sg-reset-password', 'sg-share-button', 'sg-sign-in'];
const tokensIn = (source: string) => new Set(source.match(/--sg-[a-z-]+/g) ?? []);

/** Each element's directory under components/, by tag (the one whose `register.ts` defines it). */
const dirOf = Object.fromEntries(
  readdirSync(new URL('components', root), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(new URL(`components/${d.name}`, root))
        .map((file) => /defineElement\('(sg-[a-z-]+)'/.exec(read(`components/${d.name}/${file}`))?.[1])
        .filter((tag): tag is string => !!tag)
        .map((tag) => [tag, `components/${d.name}`]),
    ),
) as Record<string, string>;
/**
 * The named slots docs/elements.md gives each element, from its **Slots.** paragraph: clauses
 * split by `;`, each "`<sg-a>` and `<sg-b>`: `slot` (what it is), `other` (…)".
 */
function documentedSlots(doc: string): Map<string, string[]> {
  const paragraph = /\*\*Slots\.\*\*([\s\S]*?)\n\n/.exec(doc)?.[1]?.replace(/\s+/g, ' ') ?? '';
  const out = new Map<string, string[]>();
  for (const clause of paragraph.split(';')) {
    const colon = clause.indexOf(':');
    const tags = [...(colon < 0 ? clause : clause.slice(0, colon)).matchAll(/`<(sg-[a-z-]+)>`/g)].map((m) => m[1]!);
    const named = colon < 0 ? [] : [...clause.slice(colon + 1).matchAll(/(?:^|,)\s*`([a-z-]+)`/g)].map((m) => m[1]!);
    for (const tag of tags) out.set(tag, [...(out.get(tag) ?? []), ...named].sort());
  }
  return out;
}

/** The files of components/base/ that declare a class, by class name (the pages' shared bases). */
const baseClassFiles = Object.fromEntries(
  readdirSync(new URL('components/base', root))
    .map((file) => ({ file, text: read(`components/base/${file}`) }))
    .flatMap(({ file, text }) => [...text.matchAll(/export (?:abstract )?class (\w+)/g)].map((m) => [m[1]!, { file, text }])),
) as Record<string, { file: string; text: string }>;

/** An element's own files, and the shared base class it extends (not `SgElement`, whose parts every element lists itself). */
const sourcesOf = (tag: string) => {
  const own = readdirSync(new URL(dirOf[tag]!, root)).map((file) => ({ file, text: read(join(dirOf[tag]!, file)) }));
  const bases = own.flatMap(({ text }) => [...text.matchAll(/extends (\w+)/g)].map((m) => baseClassFiles[m[1]!]).filter((b) => b !== undefined && !/class SgElement\b/.test(b.text)));
  return [...own, ...new Set(bases)] as { file: string; text: string }[];
};

describe('custom-elements.json', () => {
  it('is valid against the custom-elements-manifest schema', () => {
    expect(validateJsonSchema(schema, manifest)).toEqual([]);
    // The schema's CustomElementDeclaration keeps only the class part (a generated schema loses
    // the intersection), so the element members are checked against their own definitions.
    const parts = { attributes: 'Attribute', events: 'Event', slots: 'Slot', cssParts: 'CssPart', cssProperties: 'CssCustomProperty', members: 'ClassField' };
    for (const d of elements) {
      for (const [key, definition] of Object.entries(parts)) {
        const items = ((d as unknown as Record<string, unknown[]>)[key] ?? []).filter((m) => key !== 'members' || (m as { kind: string }).kind === 'field');
        expect(validateJsonSchema(schema, items, { type: 'array', items: { $ref: `#/definitions/${definition}` } }), `${d.tagName} ${key}`).toEqual([]);
      }
    }
    // The validator does catch what the schema forbids: an event without its type.
    const event = structuredClone(elements.find((d) => d.events?.length)!.events![0]!);
    delete event.type;
    expect(validateJsonSchema(schema, event, { $ref: '#/definitions/Event' })).toEqual([{ path: '$', message: 'missing required type' }]);
  });

  it('points every module and reference at the file the package ships', () => {
    const shipped = pkg.exports['./components']!;
    expect(manifest.modules.map((m) => m.path)).toEqual([shipped.import.replace(/^\.\//, '')]);
    expect(shipped.types).toBe(shipped.import.replace(/\.js$/, '.d.ts'));
    expect(pkg.files).toContain('dist');
    const paths = new Set(manifest.modules.map((m) => m.path));
    const modules: string[] = [];
    JSON.stringify(manifest, (key, value: unknown) => {
      if (key === 'module' && typeof value === 'string') modules.push(value);
      return value;
    });
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) expect(paths, module).toContain(module);
    const definitions = manifest.modules.flatMap((m) => m.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
    expect(definitions.map((e) => e.name).sort()).toEqual(TAGS);
  });

  it('describes every element, with named events and attributes', () => {
    expect(elements.map((d) => d.tagName).sort()).toEqual(TAGS);
    for (const d of elements) for (const event of d.events ?? []) expect(event.name, d.tagName).toMatch(/^sg-[a-z-]+$/);
    expect(byTag['sg-client-list']!.events!.map((e) => e.name)).toEqual(['sg-client-invited', 'sg-client-updated', 'sg-access-revoked']);
    expect(byTag['sg-share-button']!.attributes!.map((a) => a.name)).toEqual(expect.arrayContaining(['project-id', 'module', 'resource-id', 'kind', 'multiple', 'resource-ids']));
  });

  it('lists every attribute each element observes, the provider`s theme too', () => {
    for (const tag of TAGS) {
      const Element = customElements.get(tag) as unknown as { observedAttributes: string[] };
      const listed = (byTag[tag]!.attributes ?? []).map((a) => a.name).sort();
      expect(listed, tag).toEqual([...Element.observedAttributes].sort());
    }
    expect(byTag['sg-portal-provider']!.attributes!.map((a) => a.name)).toContain('theme');
  });

  it('types every event with its event class, and lists every event an element dispatches', () => {
    const classes = components as unknown as Record<string, { type?: string }>;
    for (const tag of TAGS) {
      const events = byTag[tag]!.events ?? [];
      for (const event of events) {
        expect(event.type?.text, `${tag} ${event.name}`).toMatch(/^Sg\w+Event$/);
        expect(classes[event.type!.text]?.type, `${event.type!.text}.type`).toBe(event.name);
      }
      const dispatched = new Set(sourcesOf(tag).flatMap(({ text }) => [...text.matchAll(/new (Sg\w+Event)\(/g)].map((m) => m[1]!)));
      expect(events.map((e) => e.type!.text).sort(), tag).toEqual([...dispatched].sort());
    }
  });

  it('lists the global --sg-* tokens on every element and each element its own', () => {
    const global = new Set(['tokens', 'buttons', 'controls'].flatMap((name) => [...tokensIn(read(`components/styles/${name}.styles.ts`))]));
    expect(global.size).toBeGreaterThanOrEqual(20);
    for (const tag of TAGS) {
      const listed = new Set((byTag[tag]!.cssProperties ?? []).map((p) => p.name));
      for (const token of global) expect(listed, `${tag} ${token}`).toContain(token);
      // Its own styles, and the shared style files they import (page.styles for the page-sized ones).
      const styles = sourcesOf(tag).filter(({ file }) => file.endsWith('.styles.ts'));
      const shared = styles.flatMap(({ text }) => [...text.matchAll(/from '\.\.\/styles\/([a-z.-]+)\.js'/g)].map((m) => read(`components/styles/${m[1]}.ts`)));
      for (const token of [...styles.map((s) => s.text), ...shared].flatMap((text) => [...tokensIn(text)])) expect(listed, `${tag} ${token}`).toContain(token);
    }
  });
  it('lists every part an element renders, and the docs name the same parts and every slot', () => {
    const partsOf = (tag: string) => (byTag[tag]!.cssParts ?? []).map((p) => p.name);
    const elementsDoc = read('docs/elements.md');
    for (const tag of TAGS) {
      // Parts written as text in the element's own files (some come from shared helpers, or are computed).
      const rendered = new Set(sourcesOf(tag).flatMap(({ text }) => [...text.matchAll(/\bpart="([a-z-]+)"/g)].map((m) => m[1]!)));
      for (const part of rendered) expect(partsOf(tag), `${tag} renders part ${part}`).toContain(part);
      // docs/elements.md's table: the row of the element, its last cell the parts.
      const row = elementsDoc.split('\n').find((line) => line.startsWith(`| \`<${tag}>\``));
      expect(row, `${tag} has a row in docs/elements.md`).toBeDefined();
      const cell = row!.split(' | ').at(-1)!.replace(/\s*\|$/, '');
      expect(cell === '—' ? [] : cell.replace(/`/g, '').split(' '), `${tag} parts in docs/elements.md`).toEqual(partsOf(tag));
      const slots = (byTag[tag]!.slots ?? []).map((slot) => slot.name).filter((name) => name !== '');
      expect(documentedSlots(elementsDoc).get(tag) ?? [], `${tag} slots in docs/elements.md`).toEqual(slots.sort());
    }
    const portalViewParts = /^\| parts \| `([a-z -]+)` \|$/m.exec(read('docs/portal-view.md'))?.[1];
    expect(portalViewParts?.split(' '), 'parts in docs/portal-view.md').toEqual(partsOf('sg-portal-view'));
  });
});
