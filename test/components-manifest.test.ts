import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  events?: { name?: string }[];
  attributes?: { name: string }[];
}

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);

describe('custom-elements.json', () => {
  it('describes every element, with named events and attributes', () => {
    expect(elements.map((d) => d.tagName).sort()).toEqual(['sg-accept-invite', 'sg-client-list', 'sg-portal-provider', 'sg-portal-view', 'sg-share-button', 'sg-sign-in']);
    for (const d of elements) for (const event of d.events ?? []) expect(event.name, d.tagName).toMatch(/^sg-[a-z-]+$/);
    const byTag: Record<string, Declaration> = Object.fromEntries(elements.map((d) => [d.tagName!, d]));
    expect(byTag['sg-client-list']!.events!.map((e) => e.name)).toEqual(['sg-client-invited', 'sg-client-updated', 'sg-access-revoked']);
    expect(byTag['sg-share-button']!.attributes!.map((a) => a.name)).toEqual(expect.arrayContaining(['project-id', 'module', 'resource-id', 'kind', 'multiple', 'resource-ids']));
  });
});
