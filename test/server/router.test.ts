import { describe, expect, it } from 'vitest';
import { createRouter, type Route } from '../../src/server/router.js';

const route = (method: Route<string>['method'], pattern: string): Route<string> => ({ method, pattern, handler: `${method} ${pattern}` });

describe('router', () => {
  const match = createRouter([
    route('GET', '/clients'),
    route('POST', '/clients'),
    route('GET', '/clients/:id'),
    route('PATCH', '/clients/:id'),
    route('GET', '/projects/:projectId/shares/:shareId'),
    route('DELETE', '/projects/:projectId/shares/:shareId'),
    route('GET', '/projects/:projectId/shares/status'),
  ]);
  const handlerOf = (method: string, path: string) => {
    const found = match(method, path);
    return found.kind === 'found' ? found.route.handler : found.kind;
  };

  it('finds a route by method and path, with its parameters', () => {
    expect(match('PATCH', '/clients/cl_1')).toMatchObject({ kind: 'found', params: { id: 'cl_1' }, route: { handler: 'PATCH /clients/:id' } });
  });

  it('lets literal segments beat parameters', () => {
    expect(handlerOf('GET', '/projects/p1/shares/status')).toBe('GET /projects/:projectId/shares/status');
    expect(handlerOf('GET', '/projects/p1/shares/sh_1')).toBe('GET /projects/:projectId/shares/:shareId');
  });

  it('falls back to a parameter route for a method the literal route lacks', () => {
    expect(handlerOf('DELETE', '/projects/p1/shares/status')).toBe('DELETE /projects/:projectId/shares/:shareId');
  });

  it('answers 405 with the methods the path has, HEAD beside GET', () => {
    expect(match('PUT', '/clients')).toEqual({ kind: 'method_not_allowed', allow: ['GET', 'HEAD', 'POST'] });
  });

  it('takes the GET route for a HEAD, and refuses a HEAD where no GET is', () => {
    expect(match('HEAD', '/projects/p1/shares/status')).toMatchObject({ kind: 'found', route: { handler: 'GET /projects/:projectId/shares/status' } });
    const postOnly = createRouter([route('POST', '/session')]);
    expect(postOnly('HEAD', '/session')).toEqual({ kind: 'method_not_allowed', allow: ['POST'] });
  });

  it('answers not found for unknown paths, extra or empty segments', () => {
    expect(match('GET', '/nothing').kind).toBe('not_found');
    expect(match('GET', '/clients/cl_1/extra').kind).toBe('not_found');
    expect(match('GET', '/clients/').kind).toBe('not_found');
  });

  it('percent-decodes parameters once, keeping an encoded slash inside the value', () => {
    expect(match('GET', '/clients/a%2Fb%2541')).toMatchObject({ params: { id: 'a/b%41' } });
  });

  it('refuses a parameter that is not valid percent-encoding with a 400 error', () => {
    expect(() => match('GET', '/clients/%E0%A4%A')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});
