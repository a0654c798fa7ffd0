import { describe, expect, it } from 'vitest';
import { createPortalHandler } from 'sitegate/server';
import { makePortal } from '../support/make-portal.js';
import { asAlice, testStaffHook } from '../http/support.js';

describe('createPortalHandler refuses a basePath no request can reach', () => {
  const { portal } = makePortal();
  const handlerAt = (basePath: string) => createPortalHandler(portal, { basePath, authenticateStaff: testStaffHook });

  it.each([
    ['/api portal', /^createPortalHandler: `basePath` "\/api portal" can match no request: a URL's path reads it as "\/api%20portal"; write that/],
    ['/portál', /a URL's path reads it as "\/port%C3%A1l"/],
    ['/api/./portal', /a URL's path reads it as "\/api\/portal"; write that, percent-encoded and without "\." or "\.\." steps$/],
    ['/api/../portal', /a URL's path reads it as "\/portal"/],
    ['/api\\portal', /a URL's path reads it as "\/api\/portal"/],
    ['/api/portal?x=1', /: "\?" starts the query string, which is not part of the path; a base path is a path alone, such as "\/api\/portal"$/],
    ['/api/portal#x', /: "#" starts the fragment, which a browser never sends/],
    ['/api;v=1/portal', /: ";" starts path parameters, which proxies and frameworks cut off/],
  ])('%s', (basePath, message) => {
    expect(() => handlerAt(basePath)).toThrow(TypeError);
    expect(() => handlerAt(basePath)).toThrow(message);
  });

  it('keeps every base path a URL can reach, and routes under it', async () => {
    for (const [basePath, url] of [
      ['/api/portal', 'http://portal.test/api/portal/projects'],
      ['/api/portal/', 'http://portal.test/api/portal/projects'],
      ['/portal', 'http://portal.test/portal/projects'],
      ['/', 'http://portal.test/projects'],
      ['', 'http://portal.test/projects'],
      ['/api%20portal', 'http://portal.test/api portal/projects'],
      ['/api//portal', 'http://portal.test/api//portal/projects'],
    ]) {
      const response = await handlerAt(basePath!)(new Request(url!, { headers: asAlice }));
      expect(response.status, basePath).toBe(200);
    }
  });
});
