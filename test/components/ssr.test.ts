import { describe, expect, it, vi } from 'vitest';
import type { PortalClient } from 'sitegate/client';
import type { Feed } from '../../src/model/feed.js';
import type { Project } from '../../src/model/resource.js';

/**
 * Server-side rendering: the elements are imported and rendered in Node, where there is no
 * `document` or `window`. Lit's own Node build provides only a minimal `HTMLElement` and
 * registry, so any DOM access at import, in the constructor, `willUpdate` or `render` (the
 * parts Lit SSR runs) fails here.
 */

type Template = { strings: TemplateStringsArray; values: unknown[]; _$litType$: unknown };
const isTemplate = (value: unknown): value is Template => typeof value === 'object' && value !== null && '_$litType$' in value;
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/** A Lit template to a string, as far as a test needs: text, attributes and nested templates. */
function toHtml(value: unknown): string {
  if (isTemplate(value)) return value.strings.reduce((out, s, i) => out + s + (i < value.values.length ? toHtml(value.values[i]) : ''), '');
  if (Array.isArray(value)) return value.map(toHtml).join('');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return escape(String(value));
  return ''; // nothing, undefined, event listeners, directives
}

const project: Project = { tenantId: 'acme', id: 'p-maple', name: 'Maple Street' };
const at = new Date('2026-09-01T10:00:00Z');
const resource = (id: string, name: string, url?: string) => ({ tenantId: 'acme', projectId: 'p-maple', module: 'documents' as const, id, kind: 'item' as const, name, url, updatedAt: at });
const feed: Feed = {
  project,
  modules: {
    documents: [resource('d1', 'Contract.pdf', '/files/contract.pdf'), resource('d2', 'Hostile', 'javascript:alert(1)'), resource('d3', 'Spec', 'https://cdn.example/spec.pdf')],
    photos: [{ ...resource('ph1', 'Site photo', 'img/site.jpg'), module: 'photos' }],
  },
};
const client = new Proxy({}, { get: () => new Proxy({}, { get: () => () => new Promise(() => {}) }) }) as PortalClient;

describe('elements without a DOM (server-side rendering)', () => {
  it('import with no document or window', async () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    const components = await import('sitegate/components');
    expect(Object.keys(components)).toContain('SgPortalView');
  });

  it('render every element to a string', async () => {
    const { SgAcceptInvite, SgClientList, SgConfirmEmail, SgPortalProvider, SgPortalView, SgResetPassword, SgShareButton, SgSignIn } = await import('sitegate/components');
    const rendered: Record<string, string> = {};
    for (const Element of [SgAcceptInvite, SgClientList, SgConfirmEmail, SgPortalProvider, SgPortalView, SgResetPassword, SgShareButton, SgSignIn]) {
      const el = new Element();
      el.client = client;
      (el as unknown as { willUpdate(changed: Map<string, unknown>): void }).willUpdate(new Map());
      rendered[Element.name] = toHtml((el as unknown as { render(): unknown }).render());
    }
    expect(Object.keys(rendered)).toHaveLength(8);
    expect(rendered.SgShareButton).toContain('part="button"');
    expect(rendered.SgPortalView).toContain('part="base"');
  });

  it('render a portal view with sync-hash: no page, so no place to read from its hash', async () => {
    const { SgPortalView } = await import('sitegate/components');
    const el = new SgPortalView();
    el.client = client;
    el.syncHash = true;
    (el as unknown as { willUpdate(changed: Map<string, unknown>): void }).willUpdate(new Map([['syncHash', false]]));
    expect(toHtml((el as unknown as { render(): unknown }).render())).toContain('part="base"');
    expect(el.projectId).toBe('');
  });

  it('render the sign-in, invite, reset and confirm-email pages in their loading state, with or without a client', async () => {
    // On the server no provider has handed a client over yet, and a link's token is in the fragment, which never reaches it.
    const { SgAcceptInvite, SgConfirmEmail, SgResetPassword, SgSignIn } = await import('sitegate/components');
    for (const Element of [SgAcceptInvite, SgConfirmEmail, SgResetPassword, SgSignIn]) {
      for (const given of [undefined, client]) {
        const el = new Element();
        if (given) el.client = given;
        (el as unknown as { willUpdate(changed: Map<string, unknown>): void }).willUpdate(new Map());
        const out = toHtml((el as unknown as { render(): unknown }).render());
        const name = `${Element.name} ${given ? 'with' : 'without'} a client`;
        expect(out, name).toContain('role="status"');
        expect(out, name).toContain('Loading…');
        expect(out, name).not.toContain('role="alert"');
        expect(out, name).not.toContain('needs an api client');
      }
    }
  });

  it('render the loading state, not the missing-client alert, where the client comes in the browser', async () => {
    // On the server `<sg-portal-provider base-url>` has provided nothing yet: the client arrives
    // by context once the page runs, so the promised loading state is what the server sends.
    const { SgApprovalButton, SgPortalView } = await import('sitegate/components');
    for (const Element of [SgPortalView, SgApprovalButton]) {
      const el = Object.assign(new Element(), { projectId: 'p-maple', resourceId: 'co-1' });
      (el as unknown as { willUpdate(changed: Map<string, unknown>): void }).willUpdate(new Map());
      const out = toHtml((el as unknown as { render(): unknown }).render());
      expect(out, Element.name).toContain('Loading');
      expect(out, Element.name).not.toContain('needs an api client');
    }
  });

  it('render a portal with data: links stay relative, unsafe ones are dropped', async () => {
    const { SgPortalView } = await import('sitegate/components');
    const view = Object.assign(new SgPortalView(), { client, projects: [project], projectId: 'p-maple', feed });
    const out = toHtml((view as unknown as { render(): unknown }).render());
    expect(out).toContain('Maple Street');
    expect(out).toContain('href=/files/contract.pdf');
    expect(out).toContain('href=https://cdn.example/spec.pdf');
    expect(out).toContain('Hostile');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('src=img/site.jpg');
  });

  it('safeUrl falls back without a document and still refuses unsafe schemes', async () => {
    const { safeUrl, safeImageUrl } = await import('sitegate/components');
    expect(safeUrl('/files/a.pdf')).toBe('/files/a.pdf');
    expect(safeUrl('https://cdn.example/a.pdf')).toBe('https://cdn.example/a.pdf');
    expect(safeUrl('//cdn.example/a.pdf')).toBe('https://cdn.example/a.pdf');
    expect(safeUrl('java\tscript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeImageUrl('mailto:a@example.com')).toBeUndefined();
    expect(safeImageUrl('photos/a.jpg')).toBe('photos/a.jpg');
    expect(safeUrl('/a', 'https://host.example/x/')).toBe('https://host.example/a');
  });

  it('register each tag once: a second copy of the elements loads without an error', async () => {
    await import('sitegate/components');
    const first = customElements.get('sg-portal-view');
    expect(first).toBeDefined();
    vi.resetModules();
    const again = await import('sitegate/components');
    expect(again.SgPortalView).not.toBe(first);
    expect(customElements.get('sg-portal-view')).toBe(first);
  });
});
