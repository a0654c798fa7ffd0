import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './host.js';

interface Manifest {
  modules: { declarations: { tagName?: string; attributes?: { name: string }[]; events?: { name: string }[] }[] }[];
}

/** The part of an interface in components/element-types.ts that belongs to one tag. */
function entries(source: string, interfaceName: string): Map<string, string> {
  const body = new RegExp(`export interface ${interfaceName} \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1] ?? '';
  const map = new Map<string, string>();
  for (const part of body.split(/\n(?=  'sg-)/)) {
    const tag = /^\s*'(sg-[a-z-]+)':/.exec(part)?.[1];
    if (tag) map.set(tag, part);
  }
  return map;
}

/**
 * The React and Vue typings are written from components/element-types.ts; the manifest is
 * generated from the elements themselves. Every attribute and event an element has must be in
 * the typings, so a new one cannot ship untyped.
 */
describe('framework typings of the elements', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest;
  const source = readFileSync(join(root, 'components/element-types.ts'), 'utf8');
  const props = entries(source, 'SgElementProps');
  const events = entries(source, 'SgElementEvents');
  const common = /interface SgCommonProps \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  const elements = manifest.modules.flatMap((mod) => mod.declarations).filter((d) => d.tagName);

  it('cover every element', () => {
    expect(elements.length).toBeGreaterThan(0);
    expect([...props.keys()].sort()).toEqual(elements.map((d) => d.tagName).sort());
    expect([...events.keys()].sort()).toEqual(elements.map((d) => d.tagName).sort());
  });

  for (const element of elements) {
    it(`type every attribute and event of <${element.tagName}>`, () => {
      const own = props.get(element.tagName!) ?? '';
      const withCommon = own.includes('SgCommonProps') ? own + common : own;
      for (const { name } of element.attributes ?? []) expect(withCommon, `attribute ${name}`).toMatch(new RegExp(`(^|\\s)('${name}'|${name})\\?:`, 'm'));
      for (const { name } of element.events ?? []) expect(events.get(element.tagName!), `event ${name}`).toContain(`'${name}':`);
    });
  }
});
