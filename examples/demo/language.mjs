// The demo's language switch: "English · Français" in the top bar of the pages that embed
// sitegate's elements. The choice is kept in a cookie rather than in the address, so it holds
// across the demo's pages and reloads, and no link needs rewriting: an email's link
// (`/portal/accept#token=…`) opens as sent. The page then comes as `<html lang="fr">`, and the
// elements, which read the nearest `lang`, speak French. The demo's own text stays English and
// is marked `lang="en"` where it sits (builder.html, builder.ts, portal.html); only the
// window's title is translated (`TITLES`).

const COOKIE = 'sitegate_demo_lang';

/** The languages on offer, each named in itself; the first is the default. */
const LANGUAGES = { en: 'English', fr: 'Français' };
const DEFAULT = 'en';

/** `value` when it is a language on offer, else English. */
const knownLanguage = (value) => (Object.hasOwn(LANGUAGES, value ?? '') ? value : DEFAULT);

/** The language chosen in this Cookie header; English when none (or an unknown one) is. */
export function languageOf(cookieHeader) {
  return knownLanguage(new RegExp(`(?:^|;\\s*)${COOKIE}=([a-z]{2})(?:;|$)`).exec(cookieHeader ?? '')?.[1]);
}

/** A `Set-Cookie` value keeping `lang` for a year. Only the server reads it. */
export function languageCookie(lang) {
  return `${COOKIE}=${knownLanguage(lang)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`;
}

/**
 * Where the switch's redirect goes back to: a path on this site. Anything else (`//elsewhere`,
 * a full URL) goes home, so the route never sends a visitor to another site.
 */
export const backPath = (back) => (/^\/(?![/\\])[\w/-]*$/.test(back ?? '') ? back : '/');

/**
 * The switch for a page at `path`: the language in use, in bold like the top bar's current
 * page, and a link to each other one. The link works as is (the route sets the cookie and sends
 * the browser back to `path`); the page's script (public/language-switch.ts) sets it without
 * leaving the page, then reloads it.
 */
function languageSwitch(lang, path) {
  const choices = Object.entries(LANGUAGES).map(([code, name]) =>
    code === lang
      ? `<strong lang="${code}">${name}</strong>`
      : `<a href="/demo/language?lang=${code}&amp;back=${encodeURIComponent(path)}" lang="${code}" hreflang="${code}" data-language="${code}">${name}</a>`,
  );
  return `<span class="languages" role="group" aria-label="Language">${choices.join(' · ')}</span>`;
}

/**
 * The pages' titles in each language but English. A title cannot be marked `lang="en"` inside a
 * French page as the rest of the demo's text is: a screen reader reads the window's title in the
 * page's language, so it is said in that language.
 */
const TITLES = {
  fr: {
    'Builder — sitegate demo': 'Constructeur — démo sitegate',
    'Client portal — Acme Builders': 'Portail client — Acme Builders',
  },
};

/** `html`'s `<title>` in `lang`, where the table has it; as written otherwise. */
function titleIn(html, lang) {
  return html.replace(/<title>([^<]*)<\/title>/, (whole, title) => {
    const titles = TITLES[lang] ?? {};
    return Object.hasOwn(titles, title) ? `<title>${titles[title]}</title>` : whole;
  });
}

/**
 * A page of the demo (its root `<html lang="en"…>`) in `lang`: its title translated, and the
 * switch at its `<!--language-switch-->`.
 */
export function inLanguage(html, lang, path) {
  const known = knownLanguage(lang);
  return titleIn(html.replace('<html lang="en"', `<html lang="${known}"`), known).replace('<!--language-switch-->', languageSwitch(known, path));
}
