/**
 * How French writes `de` before a name: the emails (`fill`, src/mail/strings/fill.ts) elide and
 * contract it; the elements' French (components/i18n/translate.ts) elides it by the same rule.
 */

/**
 * Whether French elides `de` before `name`: it starts with a vowel, accented or not, or an h,
 * taken as mute (`d’Habitations Roy`) since a name does not say when its h is aspirated.
 */
export const elidesDe = (name: string): boolean => /^[aeiouyhæœ]/i.test(name.normalize('NFD'));

/** A name that starts with the article `Le` or `Les`, which `de` contracts with. */
const ARTICLE = /^(les?) (?=\S)/i;

/**
 * `de ` (or `De `) and `name` as French writes them together: `de Bâtisseurs Dupré`, elided
 * before a vowel (`d’Acme`, `d’Écobâtir`), contracted with a leading article (`des
 * Constructions Dupré`, `du Groupe Roy`; `de La Maison` stays).
 */
export function frenchDe(de: string, name: string): string {
  const article = ARTICLE.exec(name);
  if (article) return `${de[0]}${article[1]!.length === 3 ? 'es' : 'u'} ${name.slice(article[0].length)}`;
  return `${elidesDe(name) ? `${de[0]}’` : de}${name}`;
}
