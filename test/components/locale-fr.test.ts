import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../components/i18n/en.js';
import { fr } from '../../components/i18n/fr.js';
import { format, localeTable, localParams, stringFor } from '../../components/i18n/translate.js';
import { importEdges } from '../support/import-graph.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the French locale', () => {
  it('has a French string for every English key, with the same placeholders', () => {
    const missing = Object.keys(en).filter((key) => !(fr as Record<string, string>)[key]?.trim());
    expect(missing).toEqual([]);
    for (const [key, text] of Object.entries(en)) expect(placeholders(fr[key as keyof typeof fr]!), key).toEqual(placeholders(text));
    expect(Object.keys(fr).filter((key) => !(key in en))).toEqual([]);
  });

  it('keeps French punctuation with the word before it: a no-break space before : ; ? !', () => {
    const strings = Object.values(fr).flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value as unknown as object)));
    // A plain space would let a narrow card start a line with the colon or question mark.
    expect(strings.filter((text) => / [:;?!]/.test(text))).toEqual([]);
    expect(strings.filter((text) => /\u00a0[:;?!]/.test(text)).length).toBeGreaterThan(10);
  });

  it('registers itself for fr and its regional forms, and only for them', () => {
    expect(localeTable('fr')).toBe(fr);
    expect(localeTable('fr-CA')).toBe(fr);
    expect(localeTable('en')).toBeUndefined();
    expect(stringFor('portalDetails', undefined, en, 'fr-BE')).toBe('Détails');
    // An element's own override still wins over the language's table.
    expect(stringFor('portalDetails', { portalDetails: 'Plus' }, en, 'fr')).toBe('Plus');
  });

  it('is not loaded by the elements: pages in English do not carry it', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const importers = importEdges(root, ['components', 'src']).filter((e) => e.to === 'components/i18n/fr.ts');
    expect(importers).toEqual([]);
  });
});

describe('plurals and numbers', () => {
  it('picks the plural form the language names, else the plain key', () => {
    expect(stringFor('clientsCount', undefined, en, 'en', 1)).toBe('{count} client');
    expect(stringFor('clientsCount', undefined, en, 'en', 2)).toBe('{count} clients');
    expect(stringFor('clientsCount', undefined, en, 'en', 0)).toBe('{count} clients');
    // French says "0 client": zero takes the singular.
    expect(stringFor('clientsCount', undefined, en, 'fr', 0)).toBe('{count} client');
    // A host override of the plain key is not undone by the English singular.
    expect(stringFor('clientsCount', { clientsCount: '{count} customers' }, en, 'en', 1)).toBe('{count} customers');
    expect(stringFor('clientsCount', undefined, en, 'not a tag!', 1)).toBe('{count} client');
  });

  it('writes numbers the language way and leaves text alone', () => {
    expect(localParams({ count: 1234, name: 'Dana' }, 'en')).toEqual({ count: '1,234', name: 'Dana' });
    expect(localParams({ count: 1234 }, 'fr')!.count).toMatch(/^1\s234$/);
    expect(localParams({ count: 5 }, 'not a tag!')).toEqual({ count: '5' });
  });
});

describe('French placeholders', () => {
  it('elide `de` before a name that starts with a vowel or an h, in French only', () => {
    expect(format('Accès aux projets de {name}', { name: 'Olivia Grant' }, 'fr')).toBe('Accès aux projets d’Olivia Grant');
    expect(format('Détails de {name}', { name: 'Éric Roy' }, 'fr-CA')).toBe('Détails d’Éric Roy');
    expect(format('Détails de {name}', { name: 'E\u0301ric Roy' }, 'fr')).toBe('Détails d’E\u0301ric Roy');
    expect(format('En attente de la confirmation de {email}', { email: 'anne@example.com' }, 'fr')).toBe('En attente de la confirmation d’anne@example.com');
    expect(format('Accès aux projets de {name}', { name: 'Bruno Roy' }, 'fr')).toBe('Accès aux projets de Bruno Roy');
    // Not in English, nor for a `de` that ends another word, nor for a placeholder left unfilled.
    expect(format('Projects de {name}', { name: 'Olivia' }, 'en')).toBe('Projects de Olivia');
    expect(format('Conde {name}', { name: 'Olivia' }, 'fr')).toBe('Conde Olivia');
    expect(format('Accès de {name}', {}, 'fr')).toBe('Accès de {name}');
  });
});
