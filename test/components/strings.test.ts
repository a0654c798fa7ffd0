import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, SgAcceptInvite, SgApprovalButton, SgClientList, SgConfirmEmail, SgPortalView, SgResetPassword, SgShareButton, SgSignIn, setTranslations } from 'sitegate/components';

/**
 * Each element carries only its own English strings (so a page loads only the text of the
 * elements it shows). This keeps those tables complete: every key an element's files use is in
 * its table, the problem messages too.
 */
const root = new URL('../../components/', import.meta.url);
const keys = Object.keys(en);
const elements = { 'client-list': SgClientList, 'share-button': SgShareButton, 'portal-view': SgPortalView, 'accept-invite': SgAcceptInvite, 'sign-in': SgSignIn, 'reset-password': SgResetPassword, 'confirm-email': SgConfirmEmail, 'approval-button': SgApprovalButton };

function keysUsedIn(dir: string): string[] {
  const text = readdirSync(new URL(dir, root))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(new URL(`${dir}/${file}`, root), 'utf8'))
    .join('\n');
  // Literal keys, and keys built from a prefix (`status_${…}`, `module_${…}`, `action_${…}`).
  const prefixes = [...text.matchAll(/`([a-z]+_)\$\{/g)].map((m) => m[1]!);
  return keys.filter((key) => text.includes(`'${key}'`) || prefixes.some((p) => key.startsWith(p)));
}

describe('element strings', () => {
  for (const [dir, Element] of Object.entries(elements)) {
    it(`<${dir}> has every string its files use, and every problem message`, () => {
      const table = (Element as unknown as { defaultStrings: Record<string, string> }).defaultStrings;
      const used = keysUsedIn(dir);
      expect(used.length).toBeGreaterThan(2);
      for (const key of [...used, ...keys.filter((k) => k.startsWith('error_')), 'loading', 'noClient']) expect(table[key], `${dir}: ${key}`).toBe(en[key as keyof typeof en]);
    });
  }

  it('a page translation still reaches every element', () => {
    const button = new SgShareButton() as unknown as { t(key: string): string };
    setTranslations({ shareAction: 'Partager' });
    expect(button.t('shareAction')).toBe('Partager');
    setTranslations(null);
    expect(button.t('shareAction')).toBe('Share with client');
  });
});
