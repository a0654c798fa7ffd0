import { describe, expect, it } from 'vitest';
import { createPortalClient, TokenError } from 'sitegate/client';
import { BASE, makeHttp, ORIGIN, PASSWORD } from '../http/support.js';

/**
 * One browser: a cookie jar that every tab's client shares, as the browser's own does. Each
 * request is logged by whether it carried a Bearer token and what it was answered.
 */
function browser(http: ReturnType<typeof makeHttp>) {
  let jar = '';
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (jar) request.headers.set('cookie', jar);
    request.headers.set('origin', ORIGIN);
    const response = await http.handler(request);
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';')[0]!;
      jar = pair.endsWith('=') ? '' : pair;
    }
    sent.push(`${request.method} ${new URL(request.url).pathname.replace('/api/portal', '')} ${request.headers.has('authorization') ? 'bearer' : 'cookie'} ${response.status}`);
    return response;
  };
  return { fetch, sent, clearCookies: () => (jar = '') };
}

/** A tab signed in through an invite, whose stored session then ends elsewhere. */
async function tabWithEndedToken(http: ReturnType<typeof makeHttp>, tabs: ReturnType<typeof browser>) {
  const { token } = await http.invite();
  const tab = createPortalClient({ baseUrl: BASE, fetch: tabs.fetch, retries: 0 });
  await tab.invites.accept(token, { password: PASSWORD });
  // Signed out everywhere from another device, which holds only the token.
  const phone = createPortalClient({ baseUrl: BASE, fetch: (input, init) => http.handler(new Request(input as RequestInfo, init)), token: tab.token });
  await phone.sessions.signOutEverywhere();
  return tab;
}

describe('a stored session token that has ended', () => {
  it('gives way to the live cookie another tab signed in with: forgotten, and the request asked again without it', async () => {
    const http = makeHttp({ cookie: { secure: false } });
    const tabs = browser(http);
    const tab = await tabWithEndedToken(http, tabs);
    const otherTab = createPortalClient({ baseUrl: BASE, fetch: tabs.fetch, retries: 0 });
    await otherTab.sessions.signIn({ tenantId: 'acme', email: 'dana@example.com', password: PASSWORD });
    tabs.sent.length = 0;

    expect((await tab.view.me()).client.email).toBe('dana@example.com');
    expect(tab.token).toBeUndefined();
    expect(tabs.sent).toEqual(['GET /me bearer 401', 'GET /me cookie 200']);
    // Later requests go with the cookie alone.
    tabs.sent.length = 0;
    expect((await tab.notifications.get()).frequency).toBeDefined();
    expect(tabs.sent).toEqual(['GET /portal/notifications cookie 200']);
  });

  it('lets every read that carried the ended token go again, however many were out at once', async () => {
    const http = makeHttp({ cookie: { secure: false } });
    const tabs = browser(http);
    const tab = await tabWithEndedToken(http, tabs);
    await createPortalClient({ baseUrl: BASE, fetch: tabs.fetch, retries: 0 }).sessions.signIn({ tenantId: 'acme', email: 'dana@example.com', password: PASSWORD });
    // As a page loads: several reads at once, each sent with the token before any answer came.
    const answers = await Promise.allSettled([tab.view.me(), tab.view.projects(), tab.notifications.get()]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(tab.token).toBeUndefined();
  });

  it('sends no write again with the cookie, which may be another person\'s session, but forgets the token', async () => {
    const http = makeHttp({ cookie: { secure: false } });
    const tabs = browser(http);
    const tab = await tabWithEndedToken(http, tabs);
    // Another person signs in on the same browser.
    await http.invite('eve@example.com', ['p-maple']);
    await createPortalClient({ baseUrl: BASE, fetch: tabs.fetch, retries: 0 }).invites.accept(http.lastInviteToken('eve@example.com'), { password: PASSWORD });
    tabs.sent.length = 0;
    await expect(tab.notifications.set({ frequency: 'weekly' })).rejects.toMatchObject({ code: 'session_invalid' });
    expect(tabs.sent).toEqual(['PUT /portal/notifications bearer 401']);
    expect(tab.token).toBeUndefined();
    // Nothing was set for Eve, whose session the cookie holds.
    expect((await tab.notifications.get()).frequency).not.toBe('weekly');
  });

  it('asks once more only: without a live cookie the retry\'s answer is the caller\'s', async () => {
    const http = makeHttp({ cookie: { secure: false } });
    const tabs = browser(http);
    const tab = await tabWithEndedToken(http, tabs);
    tabs.clearCookies();
    tabs.sent.length = 0;

    await expect(tab.view.me()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(tab.token).toBeUndefined();
    expect(tabs.sent).toEqual(['GET /me bearer 401', 'GET /me cookie 401']);
  });

  it('asks nothing again when no token was sent, or when the 401 is a refused password', async () => {
    const http = makeHttp({ cookie: { secure: false } });
    const tabs = browser(http);
    const signedOut = createPortalClient({ baseUrl: BASE, fetch: tabs.fetch, retries: 0 });
    await expect(signedOut.view.me()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(tabs.sent).toEqual(['GET /me cookie 401']);

    const tab = await tabWithEndedToken(http, tabs);
    tabs.sent.length = 0;
    const refused = await tab.sessions.signIn({ tenantId: 'acme', email: 'dana@example.com', password: 'not the password at all' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TokenError);
    expect(refused).toMatchObject({ code: 'invalid_credentials' });
    expect(tabs.sent).toEqual(['POST /session bearer 401']);
  });
});
