import { frenchDe } from '../../model/french-de.js';

/**
 * A placeholder, with the French preposition `de` when it stands right before one (not the end
 * of a longer word: "Conde {x}").
 */
const PLACEHOLDER = /((?<![\p{L}\p{N}_])[Dd]e )?\{(\w+)\}/gu;

/** A French locale tag (`fr`, `fr-CA`): its words elide `de` before a vowel. */
const isFrench = (locale: string | undefined) => locale !== undefined && /^fr(?:-|$)/i.test(locale);

/**
 * Replaces `{name}` placeholders in one pass (a value is never filled again, so a name holding
 * `{count}` stays as it is); unknown ones stay as they are. With a French `locale`, a `de`
 * written before a placeholder is elided or contracted as the value needs (`de {builder}` →
 * `d’Acme`, `des Constructions Dupré`).
 *
 * @example fill('portail client de {builder}', { builder: 'Acme' }, 'fr-CA') // 'portail client d’Acme'
 */
export function fill(template: string, values: Readonly<Record<string, string>>, locale?: string): string {
  const french = isFrench(locale);
  return template.replace(PLACEHOLDER, (whole, de: string | undefined, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    const value = values[name]!;
    if (de === undefined) return value;
    return french ? frenchDe(de, value) : `${de}${value}`;
  });
}
