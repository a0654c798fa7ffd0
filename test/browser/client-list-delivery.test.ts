import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgClientList } from '../../components/index.js';
import { DELIVERY_POLL } from '../../components/client-list/delivery-poll.js';
import { plainReason } from '../../components/client-list/delivery.js';
import { MailError } from '../../src/errors/MailError.js';
import type { MailMessage } from '../../src/ports/mail.js';
import type { Client, ClientDetails } from '../../src/model/client.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, shots, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

/** Live invite delivery: "Sending…", "Retrying — why", "Not delivered: why" without a reload, and "Fix email". */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const UNKNOWN_USER = 'SMTP 550 (RCPT): recipient or sender rejected: 550 5.1.1 <new.home@example.com>: Recipient address rejected: User unknown';
const REFUSED = 'SMTP ECONNECTION/ECONNREFUSED: connect ECONNREFUSED 10.0.0.25:587';

describe('sg-client-list live invite delivery (msw mocks, real core)', () => {
  let mock: MockPortal;
  let send: (message: MailMessage) => Promise<unknown>;
  beforeEach(async () => {
    mock = await startMocks();
    send = mock.mail.send.bind(mock.mail);
    DELIVERY_POLL.firstMs = 100;
  });
  afterEach(() => {
    DELIVERY_POLL.firstMs = 3000;
  });

  /** Mail to `to` fails with `error` while it is set; everything else goes through. */
  function failMailTo(to: string, error: () => Error | undefined): void {
    mock.mail.send = async (message) => {
      const failure = message.to === to ? error() : undefined;
      if (failure) throw failure;
      return send(message) as never;
    };
  }

  it('says "Retrying" with the reason, then "Not delivered" in plain words without a reload; "Fix email" resends by keyboard', async function () {
    this.timeout(60_000);
    let error: Error | undefined = new MailError(REFUSED, { data: { permanent: false } });
    failMailTo('new.home@example.com', () => error);
    await staffClient().clients.add({ email: 'new.home@example.com', name: 'New Home', projectIds: ['p-maple'] });

    const api = staffClient();
    let lists = 0;
    const list = api.clients.list.bind(api.clients);
    api.clients.list = (query) => (lists++, list(query));
    // Tall enough that every row is on screen at 390 px too, for the screenshots.
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${api} style="--sg-client-list-height: 90rem"></sg-client-list>`);
    const row = await until(() => rowOf(el, 'new.home@example.com'));
    expect(textOf(row)).to.contain('Retrying — the mail server could not be reached');
    const loads = lists;

    // The server now refuses the address for good; the outbox's next round records it.
    error = new MailError(UNKNOWN_USER, { data: { permanent: true, responseCode: 550 } });
    mock.advance(60 * 60_000);
    await mock.portal.outbox.flush();
    await until(() => textOf(rowOf(el, 'new.home@example.com')!).includes('Invite not delivered: this address does not exist'));
    expect(lists, 'no reload').to.equal(loads);
    const failed = rowOf(el, 'new.home@example.com')!;
    expect(failed.querySelector('details code')!.textContent).to.equal(UNKNOWN_USER);
    expect($(el, '[role=alert]')!.textContent).to.contain('The invite to new.home@example.com was not delivered: this address does not exist.');
    await expect(el).to.be.accessible();
    failed.querySelector('summary')!.click();
    await shots('client-list-not-delivered', el);

    // "Fix email": the edit dialog opens on the address, selected; typing replaces it.
    // (The screenshots at 390 px may have re-rendered the row: find it again.)
    (await until(() => rowOf(el, 'new.home@example.com')))!.querySelector<HTMLElement>('.fix')!.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    await until(() => el.shadowRoot!.activeElement?.id === 'f-email').catch(() => {
      throw new Error(`focus on ${el.shadowRoot!.activeElement?.outerHTML}`);
    });
    expect(dialog.querySelector('button[type=submit]')!.textContent).to.contain('Save and resend invite');
    await shots('client-list-fix-email', dialog);
    await sendKeys({ type: 'new.home.fixed@example.com' });
    await sendKeys({ press: 'Enter' });
    await until(() => rowOf(el, 'new.home.fixed@example.com'));
    expect(mock.inviteLink('new.home.fixed@example.com')).to.be.a('string');
    const fixed = rowOf(el, 'new.home.fixed@example.com')!;
    expect(fixed.querySelector('[part=delivery-problem]')).to.equal(null);
    expect(fixed.querySelector('[part=badge]')!.textContent).to.equal('Invited');
    expect(textOf(el)).to.contain('Invite sent to new.home.fixed@example.com');
  });

  it('wraps "Enregistrer et renvoyer l’invitation" inside the edit dialog at 390 and 320 px', async () => {
    failMailTo('new.home@example.com', () => new MailError('SMTP 554: the server refused the message: 554 5.7.1 Message rejected as spam', { data: { permanent: true } }));
    await staffClient().clients.add({ email: 'new.home@example.com', projectIds: ['p-maple'] });
    const page = await fixture(html`<div lang="fr"><sg-client-list .client=${staffClient()}></sg-client-list></div>`);
    const el = page.querySelector<SgClientList>('sg-client-list')!;
    (await until(() => rowOf(el, 'new.home@example.com')))!.querySelector<HTMLElement>('.fix')!.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    const submit = dialog.querySelector<HTMLElement>('button[type=submit]')!;
    expect(textOf(submit)).to.equal('Enregistrer et renvoyer l’invitation');
    try {
      for (const width of [390, 320]) {
        await setViewport({ width, height: 800 });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        // The dialog's content box: the actions sit at its end, so a button too wide runs out on the left.
        const style = getComputedStyle(dialog);
        const left = dialog.getBoundingClientRect().left + dialog.clientLeft + parseFloat(style.paddingLeft);
        const right = left + dialog.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        for (const button of dialog.querySelectorAll('button')) {
          const box = button.getBoundingClientRect();
          expect(box.left, `${width} px: ${textOf(button)} starts inside the dialog`).to.be.at.least(left - 0.5);
          expect(box.right, `${width} px: ${textOf(button)} ends inside the dialog`).to.be.at.most(right + 0.5);
          expect(button.scrollWidth, `${width} px: ${textOf(button)} fits its box`).to.be.at.most(button.clientWidth);
        }
        expect(dialog.scrollWidth, `${width} px: the dialog does not scroll sideways`).to.be.at.most(dialog.clientWidth);
        expect(document.documentElement.scrollWidth).to.be.at.most(width);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('"Fix email" with the address unchanged sends the invite again', async () => {
    let error: Error | undefined = new MailError('SMTP 554: the server refused the message: 554 5.7.1 Message rejected as spam', { data: { permanent: true } });
    failMailTo('new.home@example.com', () => error);
    await staffClient().clients.add({ email: 'new.home@example.com', projectIds: ['p-maple'] });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`);
    const row = await until(() => rowOf(el, 'new.home@example.com'));
    expect(textOf(row)).to.contain('Invite not delivered: rejected as spam');
    error = undefined;
    row.querySelector<HTMLElement>('.fix')!.click();
    await until(() => $(el, 'dialog[open]'));
    $(el, 'dialog button[type=submit]')!.click();
    // The row says "Saving…" while the request is out: the answer is the notice.
    await until(() => textOf(el).includes('Invite sent to new.home@example.com'));
    expect(rowOf(el, 'new.home@example.com')!.querySelector('[part=delivery-problem]')).to.equal(null);
    expect(mock.inviteLink('new.home@example.com')).to.be.a('string');
  });
});

describe('sg-client-list delivery polling', () => {
  const at = new Date('2026-11-30T10:00:00Z');
  const person = (id: string, delivery?: Client['inviteDelivery']): Client =>
    ({ id, tenantId: 'acme', email: `${id}@example.com`, name: id, roleId: 'client', projectIds: ['p1'], portalAccess: true, status: 'invited', inviteExpiresAt: new Date(Date.now() + 864e5), createdAt: at, updatedAt: at, ...(delivery ? { inviteDelivery: delivery } : {}) }) as Client;

  /** A client whose `get` answers from `answer(id, call)`, counting calls per id. */
  function counting(clients: Client[], answer: (id: string, call: number) => Client) {
    const calls = new Map<string, number>();
    const api = fakeClient({
      projects: { list: async () => [{ tenantId: 'acme', id: 'p1', name: 'Maple' }] },
      clients: {
        list: async () => ({ items: clients, nextCursor: null }),
        get: async (id: string) => {
          const call = (calls.get(id) ?? 0) + 1;
          calls.set(id, call);
          return { ...answer(id, call), permissions: [] } as ClientDetails;
        },
      },
    });
    return { api, calls, total: () => [...calls.values()].reduce((a, b) => a + b, 0) };
  }

  beforeEach(() => {
    DELIVERY_POLL.firstMs = 40;
  });
  afterEach(() => {
    DELIVERY_POLL.firstMs = 3000;
    fixtureCleanup();
  });

  it('asks only about rows in flight, shows "Sending…" meanwhile, and stops once they settle', async () => {
    const queued = person('queued', { state: 'queued', at });
    const { api, calls, total } = counting([queued, person('sent', { state: 'sent', at })], (id, call) =>
      call < 3 ? queued : person(id, { state: 'sent', at }),
    );
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${api}></sg-client-list>`);
    const row = await until(() => rowOf(el, 'queued@example.com'));
    expect(textOf(row)).to.contain('Sending…');
    await until(() => !textOf(rowOf(el, 'queued@example.com')!).includes('Sending…'), 5000);
    expect([...calls.keys()]).to.deep.equal(['queued']);
    const settled = total();
    await wait(600);
    expect(total(), 'no polling once nothing is in flight').to.equal(settled);
  });

  it('does not poll when nothing is in flight', async () => {
    const { api, total } = counting([person('a', { state: 'sent', at }), person('b', { state: 'failed', reason: 'quota exceeded', at })], (id) => person(id));
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${api}></sg-client-list>`);
    await until(() => rowOf(el, 'b@example.com'));
    expect(textOf(rowOf(el, 'b@example.com')!)).to.contain('Invite not delivered: the mailbox is full');
    await wait(400);
    expect(total()).to.equal(0);
  });

  it('starts the backoff over when a row in flight settles, the others still in flight', async () => {
    const [a, b] = [person('a', { state: 'queued', at }), person('b', { state: 'queued', at })];
    const times: number[] = [];
    // b goes out on its eighth look, when the wait has grown to some 680 ms (40 × 1.5⁷): the next
    // look at a comes after 40 ms again, where it would have come after some 1,000.
    const { api } = counting([a, b], (id, call) => {
      if (id === 'a') times.push(performance.now());
      return id === 'b' && call >= 8 ? person('b', { state: 'sent', at }) : id === 'a' ? a : b;
    });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${api}></sg-client-list>`);
    await until(() => rowOf(el, 'b@example.com') && !textOf(rowOf(el, 'b@example.com')!).includes('Sending…'), 5000);
    await until(() => times.length >= 9, 8000);
    const grown = times[7]! - times[6]!;
    const after = times[8]! - times[7]!;
    expect(grown, 'the wait grew while nothing changed').to.be.above(400);
    expect(after, 'and started over once b settled').to.be.below(grown / 2);
  });

  it('keeps polling after the element is moved in the page (re-parented, dragged, a tab container)', async () => {
    const queued = person('queued', { state: 'queued', at });
    let moved = false;
    const { api, total } = counting([queued], (id) => (moved ? person(id, { state: 'sent', at }) : queued));
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${api}></sg-client-list>`);
    await until(() => total() >= 2, 5000);
    // Between two looks (the next one waiting on its timer), not in the middle of one.
    await el.updateComplete;
    // Moving it disconnects and connects it again at once.
    el.parentElement!.appendChild(document.createElement('div')).append(el);
    moved = true;
    const before = total();
    await until(() => total() > before, 2000);
    await until(() => !textOf(rowOf(el, 'queued@example.com')!).includes('Sending…'));
  });

  it('backs off, pauses while the tab is hidden and stops when the element leaves the page', async () => {
    const retrying = person('slow', { state: 'queued', reason: 'retrying: SMTP 451 4.7.1 Greylisted, try again later', at });
    const { api, total } = counting([retrying], () => retrying);
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${api}></sg-client-list>`);
    const row = await until(() => rowOf(el, 'slow@example.com'));
    expect(textOf(row)).to.contain('Retrying — mail server said: SMTP 451 4.7.1 Greylisted, try again later');
    await expect(el).to.be.accessible();
    await shots('client-list-retrying', row);
    await until(() => total() >= 3, 5000);
    // Backing off: 40, 60, 90, 135, 202… ms, so far fewer calls than a fixed 40 ms would make.
    const started = total();
    await wait(800);
    expect(total() - started).to.be.below(8);

    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
    const whileHidden = total();
    await wait(400);
    expect(total(), 'no polling in a hidden tab').to.equal(whileHidden);
    delete (document as { hidden?: boolean }).hidden;
    expect(Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')).to.deep.equal(hidden);
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => total() > whileHidden, 2000);

    el.remove();
    await wait(100);
    const gone = total();
    await wait(400);
    expect(total(), 'no polling after disconnect').to.equal(gone);
  });
});

describe('delivery reasons in plain words', () => {
  it('maps the usual SMTP and adapter reasons', () => {
    expect(plainReason(UNKNOWN_USER)).to.equal('deliveryNoMailbox');
    expect(plainReason('SMTP 550 (RCPT): recipient or sender rejected: 550 5.1.2 Host or domain name not found')).to.equal('deliveryNoDomain');
    expect(plainReason('SMTP EDNS/ENOTFOUND: getaddrinfo ENOTFOUND mail.exampel.com')).to.equal('deliveryNoDomain');
    expect(plainReason('SMTP 554 (DATA): the server refused the message: 554 5.7.1 Rejected: message looks like spam')).to.equal('deliverySpam');
    expect(plainReason(`gave up after 6 attempts: ${REFUSED}`)).to.equal('deliveryUnreachable');
    expect(plainReason('SMTP send did not finish in time and was aborted')).to.equal('deliveryUnreachable');
    expect(plainReason('SMTP 552 5.2.2 Mailbox full')).to.equal('deliveryMailboxFull');
    expect(plainReason('the invite expired before its mail could be sent')).to.equal('deliveryExpired');
    expect(plainReason('SMTP 535: weird')).to.equal(undefined);
    expect(plainReason(undefined)).to.equal(undefined);
  });
});
