import { describe, expect, it } from 'vitest';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { makeHttp, ORIGIN, PASSWORD } from './support.js';

describe('DELETE /session', () => {
  it('ends the session the cookie carries as well as the Bearer one beside it, since it clears that cookie', async () => {
    const http = makeHttp();
    const { session: first, headers } = await http.signedInClient();
    // Signed in again elsewhere in the same browser: the cookie now carries a second session.
    const again = await http.send('POST', '/session', { body: { tenantId: TENANT_A, email: 'dana@example.com', password: PASSWORD } });
    const second = again.json.session.token as string;
    expect(second).not.toBe(first);

    const out = await http.send('DELETE', '/session', { headers: { ...headers, cookie: `sitegate_session=${encodeURIComponent(second)}`, origin: ORIGIN } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/sitegate_session=;.*Max-Age=0/);
    expect((await http.send('GET', '/me', { headers })).status).toBe(401);
    expect((await http.send('GET', '/me', { headers: { authorization: `Bearer ${second}` } })).status).toBe(401);
  });

  it('still ends a Bearer session alone, and answers 204 for no session at all', async () => {
    const http = makeHttp();
    const { headers } = await http.signedInClient();
    expect((await http.send('DELETE', '/session', { headers })).status).toBe(204);
    expect((await http.send('GET', '/me', { headers })).status).toBe(401);
    expect((await http.send('DELETE', '/session')).status).toBe(204);
  });
});
