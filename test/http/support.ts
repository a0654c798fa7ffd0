import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createPortalHandler, type PortalHandlerOptions } from 'sitegate/server';
import { StaffActor, type Portal } from 'sitegate';
import { makePortal } from '../support/make-portal.js';

export const BASE = 'http://portal.test/api/portal';
export const ORIGIN = 'http://portal.test';
export const PASSWORD = 'correct horse battery';

/**
 * The host's staff hook for tests: `x-test-staff: tenant:user` stands in for the host's own
 * session. Real hosts check their own cookie or token here.
 */
export function testStaffHook(request: Request): StaffActor | null {
  const value = request.headers.get('x-test-staff');
  if (!value) return null;
  const [tenantId, userId] = value.split(':');
  return { type: 'staff', tenantId: tenantId!, userId: userId! };
}

/** A request body sent in `pieces` chunks of `size` spaces, with no Content-Length: a limit must bite while it streams. */
export function chunkedBody(pieces: number, size: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(' '.repeat(size));
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < pieces) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

/**
 * An answer as it came off the socket, over node:http's own client: for what `fetch` will not
 * send (TRACE) or would hide (a body sent after a HEAD).
 */
export function rawRequest(url: string, method: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export const asAlice = { 'x-test-staff': 'acme:u-alice' };
export const asBob = { 'x-test-staff': 'globex:u-bob' };

/** A portal on the test clock (made with `portal` options) behind the handler, plus a `send` helper speaking JSON. */
export function makeHttp(options: Partial<PortalHandlerOptions> = {}, portal?: Parameters<typeof makePortal>[0]) {
  const env = makePortal(portal);
  const errors: unknown[] = [];
  const handler = createPortalHandler(env.portal, {
    basePath: '/api/portal',
    authenticateStaff: testStaffHook,
    onError: (error) => errors.push(error),
    ...options,
  });

  async function send(method: string, path: string, init: { body?: unknown; raw?: BodyInit; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    let body: BodyInit | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const response = await handler(new Request(path.startsWith('http') ? path : `${BASE}${path}`, { method, headers, body }));
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.status, headers: response.headers, json };
  }

  /** Adds a client as Alice, flushes the outbox and returns the client and the invite token. */
  async function invite(email = 'dana@example.com', projectIds = ['p-maple', 'p-harbor']) {
    const added = await send('POST', '/clients', { body: { email, name: 'Dana Client', projectIds }, headers: asAlice });
    await env.portal.outbox.flush();
    return { client: added.json, token: env.lastInviteToken(email) };
  }

  /** An active client with a Bearer session token. */
  async function signedInClient(email = 'dana@example.com', projectIds = ['p-maple', 'p-harbor']) {
    const { client, token } = await invite(email, projectIds);
    const accepted = await send('POST', '/invites/accept', { body: { token, password: PASSWORD } });
    return { client, session: accepted.json.session.token as string, headers: { authorization: `Bearer ${accepted.json.session.token}` } };
  }

  return { ...env, handler, send, invite, signedInClient, errors };
}

/** Everything a tenant holds, read through the portal API: equal snapshots mean nothing changed. */
export async function snapshot(portal: Portal, mail: { messages: unknown[] }) {
  const out: Record<string, unknown> = { mail: mail.messages.length };
  for (const staff of [
    { type: 'staff' as const, tenantId: 'acme', userId: 'u-alice' },
    { type: 'staff' as const, tenantId: 'globex', userId: 'u-bob' },
  ]) {
    const clients = (await portal.clients.list(staff, { limit: 500 })).items;
    const shares: Record<string, unknown> = {};
    for (const project of await portal.projects.list(staff)) shares[project.id] = (await portal.shares.list(staff, project.id)).items;
    out[staff.tenantId] = {
      clients: await Promise.all(clients.map((c) => portal.clients.get(staff, c.id))),
      shares,
      roles: await portal.roles.list(staff),
      audit: (await portal.audit.list(staff, { limit: 500 })).items,
    };
  }
  return JSON.parse(JSON.stringify(out));
}
