import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgConfirmEmail } from '../../components/index.js';
import { createPortalClient } from '../../src/client/index.js';
import type { PortalClient } from '../../src/client/types.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, backToSignInByKeyboard, textOf, until } from './support/helpers.js';
import { BASE, staffClient, startMocks } from './support/mocks.js';

/**
 * Confirming is refused because another client has the new address now: the page says so in
 * its language and that only the builder can sort it out, and offers no form that could only
 * fail again.
 */

const NEW = 'dana.new@example.com';

/** An api client that counts its confirm requests. */
function countingClient(confirms: string[]): PortalClient {
  const counting: typeof fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (new URL(request.url).pathname.endsWith('/email/confirm')) confirms.push(request.url);
    return fetch(request);
  };
  return createPortalClient({ baseUrl: BASE, fetch: counting, keepSessionToken: false, retries: 0 });
}

describe('sg-confirm-email: the new address was taken meanwhile', () => {
  let mock: MockPortal;
  let token: string;
  beforeEach(async () => {
    mock = await startMocks();
    sessionStorage.clear();
    // The builder changes dana's address; before dana confirms, another client gets it (a race
    // the checks at changing cannot close).
    const dana = (await staffClient().clients.list()).items.find((c) => c.email === 'dana@example.com')!;
    await staffClient().clients.update(dana.id, { email: NEW });
    mock.staff = null;
    token = await until(() => mock.accountLinkToken(NEW, 'confirm-email'));
    const fay = (await mock.storage.getClientByEmail('acme', 'fay@example.com'))!;
    await mock.storage.saveClient({ ...fay, email: NEW });
  });

  for (const [lang, title, ask, back] of [
    ['en', 'This address is now used by another account', 'Only your builder can sort this out: ask them to change your email address.', 'Back to sign in'],
    ['fr', 'Cette adresse est désormais utilisée par un autre compte', 'Seul votre constructeur peut régler cela\u00a0: demandez-lui de changer votre adresse e-mail.', 'Retour à la connexion'],
  ] as const) {
    it(`says so plainly (${lang}), with no form to send again, and leads back to sign-in`, async () => {
      const confirms: string[] = [];
      const page = await fixture<HTMLElement>(html`<div lang=${lang}><sg-confirm-email token=${token} .client=${countingClient(confirms)}></sg-confirm-email></div>`);
      const el = page.querySelector<SgConfirmEmail>('sg-confirm-email')!;
      await until(() => $(el, 'form'));
      ($(el, '#password') as HTMLInputElement).value = ($(el, '#confirm') as HTMLInputElement).value = 'a brand new passphrase';
      $(el, '[part=submit]')!.click();
      const message = await until(() => $(el, '[part=message]'));
      expect(textOf(message)).to.contain(title);
      expect(message.textContent).to.contain(ask); // raw: the no-break space stays
      expect($(el, 'form')).to.equal(null);
      expect($(el, '.notice.error')).to.equal(null);
      expect(confirms).to.have.length(1);
      await until(() => el.shadowRoot!.activeElement === message);
      await expect(el).to.be.accessible();
      expect(textOf($(el, '[part=back]')!)).to.equal(back);
      expect((await backToSignInByKeyboard(el)).composed).to.equal(true);
    });
  }
});
