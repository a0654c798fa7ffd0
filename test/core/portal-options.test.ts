import { describe, expect, it } from 'vitest';
import { createPortal, type PortalOptions } from 'sitegate';
import { createPortalHandler, type PortalHandlerOptions } from 'sitegate/server';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, staffA, TENANT_A, tenantSettings } from '../../src/testing/fixtures.js';

/** Options that work; each case below spoils one. */
function options(): PortalOptions {
  return {
    storage: memoryStorage(),
    mail: memoryMail(),
    content: memoryContent(sampleContent()),
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
    tenants: async (id) => tenantSettings[id] ?? null,
  };
}

describe('createPortal refuses wiring mistakes where they are made', () => {
  const cases: [string, (o: PortalOptions) => unknown, RegExp][] = [
    ['no options', () => undefined, /options are required/],
    ['no storage', ({ storage: _storage, ...o }) => o, /^createPortal: `storage` is required: use memoryStorage\(\), pgliteStorage\(\) or postgresStorage\(\)/],
    ['no tenants', ({ tenants: _tenants, ...o }) => o, /^createPortal: `tenants` is required: \(tenantId\) => the builder's settings, or null$/],
    ['no acceptUrl', ({ acceptUrl: _acceptUrl, ...o }) => o, /^createPortal: `acceptUrl` is required: \(token\) => the URL of your accept page$/],
    ['acceptUrl a string', (o) => ({ ...o, acceptUrl: 'https://builder.example/accept' }), /`acceptUrl` must be a function, not string/],
    ['tenants an object', (o) => ({ ...o, tenants: { name: 'Acme' } }), /`tenants` must be a function/],
    ['mail without send', (o) => ({ ...o, mail: { close: async () => {} } }), /`mail` has no send method: .*smtpMail\(\{ transport \}\)/],
    ['a nodemailer transport as mail', (o) => ({ ...o, mail: { sendMail: async () => ({}) } }), /`mail` has no send method/],
    ['a Map as storage', (o) => ({ ...o, storage: new Map() }), /`storage` has no transaction, getClient, saveClient, listShares, insertMailJob methods: use memoryStorage\(\)/],
    ['content without resolve', (o) => ({ ...o, content: { ...memoryContent(sampleContent()), resolve: undefined } }), /`content` has no resolve method/],
    ['onError not a function', (o) => ({ ...o, onError: true }), /`onError` must be a function, not boolean/],
    // In JavaScript nothing else catches these: the default would silently take their place.
    ['acceptUrl in the wrong case', (o) => ({ ...o, acceptURL: o.acceptUrl }), /^createPortal: there is no option `acceptURL`; did you mean `acceptUrl`\?$/],
    ['sessionTtlDays misspelt', (o) => ({ ...o, sessionTTLDay: 7 }), /there is no option `sessionTTLDay`; did you mean `sessionTtlDays`\?$/],
    ['an option nothing is like', (o) => ({ ...o, database: 'postgres://' }), /^createPortal: there is no option `database`$/],
    // Inside the object options too: `maxAttemps: 10` kept 6 attempts without a word.
    ['outbox.maxAttempts misspelt', (o) => ({ ...o, outbox: { maxAttemps: 10 } }), /^createPortal: `outbox`: there is no option `maxAttemps`; did you mean `maxAttempts`\?$/],
    ['outbox.leaseMs in the wrong case', (o) => ({ ...o, outbox: { leaseMS: 60_000 } }), /^createPortal: `outbox`: there is no option `leaseMS`; did you mean `leaseMs`\?$/],
    ['outbox a number', (o) => ({ ...o, outbox: 10 }), /^createPortal: `outbox` must be an object$/],
    ['digestWindows.dailyHour misspelt', (o) => ({ ...o, digestWindows: { dailyHours: 6 } }), /^createPortal: `digestWindows`: there is no option `dailyHours`; did you mean `dailyHour`\?$/],
    ['digestWindows.dailyHourUtc in the wrong case', (o) => ({ ...o, digestWindows: { dailyHourUTC: 6 } }), /^createPortal: `digestWindows`: there is no option `dailyHourUTC`; did you mean `dailyHourUtc`\?$/],
    ['digestWindows with a local and a UTC daily hour', (o) => ({ ...o, digestWindows: { dailyHour: 6, dailyHourUtc: 6 } }), /^createPortal: digestWindows: give dailyHour \(in each tenant's timeZone\) or dailyHourUtc \(in UTC for every tenant\), not both$/],
    ['passwordHashing.concurrency misspelt', (o) => ({ ...o, passwordHashing: { concurency: 4 } }), /^createPortal: `passwordHashing`: there is no option `concurency`; did you mean `concurrency`\?$/],
    ['emails.strings misspelt', (o) => ({ ...o, emails: { string: {} } }), /^createPortal: `emails`: there is no option `string`; did you mean `strings`\?$/],
    ['emails.render.invite misspelt', (o) => ({ ...o, emails: { render: { invites: () => ({}) } } }), /^createPortal: `emails.render`: there is no option `invites`; did you mean `invite`\?$/],
  ];
  it.each(cases)('%s', (_name, spoil, message) => {
    expect(() => createPortal(spoil(options()) as PortalOptions)).toThrow(message);
  });

  it('reports settings its tenants hook answers wrongly as the host fault they are, naming each field', async () => {
    const portal = createPortal({ ...options(), tenants: async () => ({ nom: 'Acme' }) as never });
    const added = await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'], invite: false });
    const error = await portal.clients.get(staffA, added.id).catch((e) => e);
    expect(error).toMatchObject({ code: 'internal', status: 500 });
    expect(error.message).toBe(`tenants("${TENANT_A}") returned invalid settings: name: Invalid input: expected string, received undefined; modules: Invalid input: expected array, received undefined`);
  });
});

describe('createPortalHandler refuses wiring mistakes where they are made', () => {
  const portal = () => createPortal(options());
  const cases: [string, () => unknown, RegExp][] = [
    ['no portal', () => createPortalHandler({} as never, { basePath: '/api/portal', authenticateStaff: () => null }), /the first argument must be the portal `createPortal\(\)` returned/],
    ['no options', () => createPortalHandler(portal(), undefined as never), /options are required/],
    ['no authenticateStaff', () => createPortalHandler(portal(), { basePath: '/api/portal' } as never), /`authenticateStaff` must be a function/],
    ['authenticateStaff misspelt', () => createPortalHandler(portal(), { basePath: '/api/portal', authenticate: () => null } as never), /^createPortalHandler: there is no option `authenticate`; did you mean `authenticateStaff`\?$/],
    ['trustedOrigins misspelt', () => handlerWith({ trustedOrigin: ['https://builder.example'] } as never), /^createPortalHandler: there is no option `trustedOrigin`; did you mean `trustedOrigins`\?$/],
    ['basePath in the wrong case', () => createPortalHandler(portal(), { basepath: '/api/portal', authenticateStaff: () => null } as never), /there is no option `basepath`; did you mean `basePath`\?$/],
    ['an option nothing is like', () => handlerWith({ cors: true } as never), /^createPortalHandler: there is no option `cors`$/],
    ['cookie.secure misspelt', () => handlerWith({ cookie: { secur: true } as never }), /^createPortalHandler: `cookie`: there is no option `secur`; did you mean `secure`\?$/],
    ['rateLimit misspelt inside', () => handlerWith({ rateLimit: { limitter: {} } as never }), /`rateLimit`: there is no option `limitter`; did you mean `limiter`\?$/],
    ['basePath a number', () => createPortalHandler(portal(), { basePath: 42 as never, authenticateStaff: () => null }), /`basePath` must be a string such as "\/api\/portal", not number/],
    ['basePath a URL', () => createPortalHandler(portal(), { basePath: 'https://builder.example/api/portal', authenticateStaff: () => null }), /^createPortalHandler: `basePath` must be a path starting with "\/", such as "\/api\/portal" \(not a URL\), not "https:\/\/builder.example\/api\/portal"$/],
    // An unset environment variable read as a number: a NaN limit would be no limit at all.
    ['maxBodyBytes NaN', () => handlerWith({ maxBodyBytes: Number(undefined) }), /`maxBodyBytes` must be a whole number of bytes above 0 \(default 131072\), not NaN/],
    ['maxBodyBytes 0', () => handlerWith({ maxBodyBytes: 0 }), /`maxBodyBytes` must be .*, not 0/],
    ['maxBodyBytes negative', () => handlerWith({ maxBodyBytes: -1 }), /`maxBodyBytes` must be/],
    ['maxBodyBytes a string', () => handlerWith({ maxBodyBytes: '10' as never }), /`maxBodyBytes` must be .*, not "10"/],
    ['maxBodyBytes a fraction', () => handlerWith({ maxBodyBytes: 1.5 }), /`maxBodyBytes` must be/],
    ['onError not a function', () => handlerWith({ onError: 'console' as never }), /`onError` must be a function, not "console"/],
    ['clientIp not a function', () => handlerWith({ clientIp: {} as never }), /`clientIp` must be a function, not object/],
    ['requestId not a function', () => handlerWith({ requestId: 'x-request-id' as never }), /`requestId` must be a function/],
    ['cookie not an object', () => handlerWith({ cookie: true as never }), /`cookie` must be an object/],
    ['cookie.secure a string', () => handlerWith({ cookie: { secure: 'false' as never } }), /`cookie.secure` must be true or false, not "false"/],
    ['cookie.name with a space', () => handlerWith({ cookie: { name: 'my session' } }), /`cookie.name` must be a cookie name/],
    ['cookie.domain with a scheme', () => handlerWith({ cookie: { domain: 'https://builder.example' } }), /`cookie.domain` must be a host name/],
    ['trustedOrigins a string', () => handlerWith({ trustedOrigins: 'https://builder.example' as never }), /`trustedOrigins` must be a list of origins/],
    ['trustedOrigins without a scheme', () => handlerWith({ trustedOrigins: ['builder.example'] }), /each of `trustedOrigins` must be an http\(s\) origin .*, not "builder.example"/],
    ['rateLimit true', () => handlerWith({ rateLimit: true as never }), /`rateLimit` must be false or \{ limiter \}/],
    ['rateLimit.limiter without hit', () => handlerWith({ rateLimit: { limiter: {} as never } }), /`rateLimit.limiter` must have a hit\(key, rule\) method/],
  ];
  const handlerWith = (extra: Partial<PortalHandlerOptions>) => createPortalHandler(portal(), { basePath: '/api/portal', authenticateStaff: () => null, ...extra });
  it('takes every option set right', () => {
    expect(() =>
      handlerWith({ maxBodyBytes: 1024, onError: () => {}, clientIp: () => '127.0.0.1', requestId: () => null, cookie: { secure: false, name: 'portal_sid', domain: '.builder.example', path: '/' }, trustedOrigins: ['https://builder.example', 'http://localhost:3000'], rateLimit: false }),
    ).not.toThrow();
    expect(() => handlerWith({ rateLimit: { limiter: { hit: () => ({ allowed: true, retryAfterSeconds: 0 }) } } })).not.toThrow();
  });
  it.each(cases)('%s', (_name, make, message) => {
    expect(make).toThrow(message);
  });

  it('names the field an invalid staff actor lacks, and answers 500 with a request id', async () => {
    const errors: unknown[] = [];
    const handler = createPortalHandler(portal(), { basePath: '/api/portal', authenticateStaff: () => ({ type: 'staff', tenantId: 'acme', id: 'u1' }) as never, onError: (e) => errors.push(e) });
    const response = await handler(new Request('http://portal.test/api/portal/clients'));
    expect(response.status).toBe(500);
    expect(String(errors[0])).toContain(`authenticateStaff returned an invalid staff actor ({ type: 'staff', tenantId, userId }): userId: Invalid input: expected string, received undefined`);
  });
});

describe('the adapters refuse a wrong connection before they try it', () => {
  it('smtpMail: a URL that is not SMTP, or a From that is not an address', async () => {
    const { smtpMail } = await import('sitegate/adapters/smtp');
    expect(() => smtpMail({ url: 'not a url', from: 'portal@acme.example' })).toThrow(/`url` must be an smtp:\/\/ or smtps:\/\/ URL with a host, .*not "not a url"/);
    expect(() => smtpMail({ url: 'http://mail.example', from: 'portal@acme.example' })).toThrow(/`url` must be an smtp:\/\//);
    expect(() => smtpMail({ url: 'smtpp://mail.example', from: 'portal@acme.example' })).toThrow(/`url` must be an smtp:\/\//);
    expect(() => smtpMail({ url: 42 as never, from: 'portal@acme.example' })).toThrow(/`url` must be an smtp:\/\//);
    expect(() => smtpMail({ url: 'smtp://mail.example:587', from: 'not an address' })).toThrow(/`from` must be an address/);
    const mail = smtpMail({ url: 'smtps://user:pass@mail.example:465', from: '"Acme Builders" <portal@acme.example>' });
    await mail.close();
  });

  it('pgliteStorage: a dataDir where a file is in the way, said before PGlite tries it', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { pgliteStorage } = await import('sitegate/adapters/pglite');
    const dir = mkdtempSync(join(tmpdir(), 'sitegate-datadir-'));
    try {
      const file = join(dir, 'portal.db');
      writeFileSync(file, 'not a directory');
      for (const dataDir of [file, join(file, 'inside')]) {
        let error: unknown;
        try {
          pgliteStorage({ dataDir });
        } catch (caught) {
          error = caught;
        }
        expect(error, dataDir).toBeInstanceOf(TypeError);
        expect((error as Error).message).toBe(`pgliteStorage: \`dataDir\` "${dataDir}" cannot be a directory (a file is in the way)`);
        expect((error as Error).cause).toMatchObject({ code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/) });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('postgresStorage: an empty or foreign connection string, and takes a bare one', async () => {
    const { postgresStorage } = await import('sitegate/adapters/postgres');
    expect(() => postgresStorage({ connectionString: undefined as never })).toThrow(/`connectionString` is empty \(is DATABASE_URL set\?\)/);
    expect(() => postgresStorage({ connectionString: '' })).toThrow(/is empty/);
    expect(() => postgresStorage({ connectionString: 'mysql://db.example/app' })).toThrow(/must be a postgres:\/\/ or postgresql:\/\/ URL, not a mysql: one/);
    expect(() => postgresStorage({ connectionString: 'not a url' })).toThrow(/must be a postgres:\/\/ or postgresql:\/\/ URL, not "not a url"/);
    expect(() => postgresStorage(42 as never)).toThrow(/give \{ connectionString \} or \{ pool \}/);
    // Made, not connected: nothing is tried before the first operation.
    for (const storage of [postgresStorage('postgres://127.0.0.1:1/none'), postgresStorage({ connectionString: 'postgresql://127.0.0.1:1/none' })]) await storage.close();
  });

  it('the SQL adapters refuse a misspelt option by name: a misspelt dataDir would keep the data in memory', async () => {
    const { postgresStorage } = await import('sitegate/adapters/postgres');
    const { pgliteStorage } = await import('sitegate/adapters/pglite');
    const url = 'postgres://127.0.0.1:1/none';
    expect(() => postgresStorage(url, { schem: 'portal' } as never)).toThrow(/^postgresStorage: there is no option `schem`; did you mean `schema`\?$/);
    expect(() => postgresStorage(url, { timeouts: { statementMS: 1000 } } as never)).toThrow(/^postgresStorage: `timeouts`: there is no option `statementMS`; did you mean `statementMs`\?$/);
    expect(() => postgresStorage(url, 'portal' as never)).toThrow(/^postgresStorage: options must be an object$/);
    expect(() => pgliteStorage({ dataDirectory: './data' } as never)).toThrow(/^pgliteStorage: there is no option `dataDirectory`; did you mean `dataDir`\?$/);
    expect(() => pgliteStorage({ datadir: './data' } as never)).toThrow(/did you mean `dataDir`\?$/);
    expect(() => pgliteStorage(null as never)).toThrow(/^pgliteStorage: options must be an object$/);
    // Every documented option is still taken.
    await postgresStorage(url, { schema: 'portal', migrate: false, timeouts: { connectMs: 1, checkoutMs: 1, statementMs: 1, lockMs: 1 }, preparedStatements: false, genericPlans: false }).close();
  });
});

describe('outbox worker options', () => {
  const portal = () =>
    createPortal({ storage: memoryStorage(), mail: memoryMail(), content: memoryContent(sampleContent()), acceptUrl: (t) => `https://x.example/#${t}`, tenants: async (id) => tenantSettings[id] ?? null, onError: () => {} });

  it('refuse a batch size, interval or tenant that would do something else than asked, before claiming anything', async () => {
    const p = portal();
    await p.clients.add(staffA, { email: 'owner@example.com', projectIds: ['p-maple'] });
    await expect(p.outbox.flush({ batchSize: -1 })).rejects.toThrow(new TypeError('outbox.flush: batchSize must be a whole number from 1 to 1000 (got -1)'));
    await expect(p.outbox.flush({ batchSize: 2.5 })).rejects.toThrow(/got 2.5/);
    await expect(p.outbox.flush({ batchSize: 0 })).rejects.toThrow(TypeError);
    await expect(p.outbox.flush({ tenantId: '' })).rejects.toThrow('outbox.flush: tenantId must be a non-empty string');
    await expect(p.outbox.flush({ batchsize: 5 } as never)).rejects.toThrow('outbox.flush: there is no option `batchsize`; did you mean `batchSize`?');
    expect(() => p.outbox.start({ intervalMs: Number.NaN })).toThrow('outbox.start: intervalMs must be a number of milliseconds, 0 or more (got NaN)');
    expect(() => p.outbox.start({ tenantIds: 'acme' as never })).toThrow('outbox.start: tenantIds must be an array of non-empty strings');
    expect(() => p.outbox.start({ tenantId: TENANT_A } as never)).toThrow(/there is no option `tenantId`; did you mean `tenantIds`\?/);
    // Nothing was claimed: the job is still pending, and a proper flush sends it.
    expect((await p.outbox.list(TENANT_A)).map((j) => [j.state, j.attempts])).toEqual([['pending', 0]]);
    expect(await p.outbox.flush({ batchSize: 1 })).toMatchObject({ sent: 1 });
  });

  it('memory storage claims nothing for a batch of no room, as SQL storage does', async () => {
    const storage = memoryStorage();
    const p = createPortal({ storage, mail: memoryMail(), content: memoryContent(sampleContent()), acceptUrl: (t) => `https://x.example/#${t}`, tenants: async (id) => tenantSettings[id] ?? null });
    await p.clients.add(staffA, { email: 'a@example.com', projectIds: ['p-maple'] });
    await p.clients.add(staffA, { email: 'b@example.com', projectIds: ['p-maple'] });
    const now = new Date();
    expect(await storage.claimMailJobs(now, 0, new Date(now.getTime() + 60_000))).toEqual([]);
    expect(await storage.claimMailJobs(now, -1, new Date(now.getTime() + 60_000))).toEqual([]);
  });
});
