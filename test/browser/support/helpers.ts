import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import type { PortalClient } from '../../../src/client/types.js';

type Fakes = { [K in keyof PortalClient]?: PortalClient[K] extends (...args: never[]) => unknown ? PortalClient[K] : Partial<PortalClient[K]> };

/**
 * A `PortalClient` whose methods are the given fakes; any other call rejects, so a test sees at
 * once when an element reaches for something it should not.
 */
export function fakeClient(fakes: Fakes): PortalClient {
  const missing = (path: string) => () => Promise.reject(new Error(`fake client: ${path} not faked`));
  const group = <T extends object>(name: string, given: Partial<T> | undefined): T =>
    new Proxy((given ?? {}) as T, {
      get: (target, key) => (target as Record<PropertyKey, unknown>)[key] ?? missing(`${name}.${String(key)}`),
    });
  return {
    clients: group('clients', fakes.clients),
    projects: group('projects', fakes.projects),
    shares: group('shares', fakes.shares),
    updates: group('updates', fakes.updates),
    roles: group('roles', fakes.roles),
    audit: group('audit', fakes.audit),
    invites: group('invites', fakes.invites),
    tenants: group('tenants', fakes.tenants),
    passwords: group('passwords', fakes.passwords),
    emails: group('emails', fakes.emails),
    sessions: group('sessions', fakes.sessions),
    view: group('view', fakes.view),
    // Every portal view asks for the approvals waiting on its client: none, unless a test fakes some.
    approvals: group('approvals', { listMine: async () => [], ...fakes.approvals }),
    me: fakes.me ?? missing('me'),
  } as PortalClient;
}

/** An error shaped like the api client's typed errors. */
export function problem(code: string, message = code, issues?: { path: (string | number)[]; message: string }[]): Error {
  return Object.assign(new Error(message), { name: 'SitegateError', code, status: 400, ...(issues ? { issues } : {}) });
}

/** Saves a screenshot of the element to test/screenshots/NAME.png. */
export async function shot(name: string, el: Element): Promise<void> {
  const r = el.getBoundingClientRect();
  await executeServerCommand('sg-screenshot', { name, rect: { x: r.x, y: r.y, width: Math.max(r.width, 1), height: Math.max(r.height, 1) } });
}

/**
 * Screenshots at desktop and phone width (NAME-1280.png, NAME-390.png), then back to the
 * runner's default viewport.
 */
export async function shots(name: string, el: Element): Promise<void> {
  for (const width of [1280, 390]) {
    await setViewport({ width, height: 900 });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await shot(`${name}-${width}`, el);
  }
  await setViewport({ width: 800, height: 600 });
}

/** Data a hostile user might type; rendering it must neither run it nor build markup from it. */
export const HOSTILE_NAME = `<img src=x onerror="window.__sgPwned = 1">`;
export const HOSTILE_TITLE = `<script>window.__sgPwned = 2</script>`;
export const HOSTILE_URL = `javascript:window.__sgPwned = 3`;

export function pwned(): unknown {
  return (window as unknown as { __sgPwned?: unknown }).__sgPwned;
}

/** Waits until `check` returns something truthy (elements load asynchronously). */
export async function until<T>(check: () => T | undefined | null | false, timeout = 3000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - started > timeout) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Query inside an element's shadow root. */
export function $<E extends Element = HTMLElement>(host: Element, selector: string): E | null {
  return host.shadowRoot!.querySelector<E>(selector);
}
export function $$<E extends Element = HTMLElement>(host: Element, selector: string): E[] {
  return [...host.shadowRoot!.querySelectorAll<E>(selector)];
}

/** Text of the element and its open shadow roots, whitespace collapsed. */
export function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    if (n instanceof HTMLSlotElement) n.assignedNodes({ flatten: true }).forEach(walk);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** WCAG contrast ratio of two computed colours (`rgb(…)` or `color(srgb …)`). */
export function contrast(a: string, b: string): number {
  const channels = (color: string): number[] => {
    const numbers = color.match(/[\d.]+/g)!.map(Number);
    return color.startsWith('color(') ? numbers.slice(0, 3) : numbers.slice(0, 3).map((n) => n / 255);
  };
  const luminance = (color: string): number => {
    const [r, g, b] = channels(color).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** A computed colour as `rgb(r, g, b)`: a colour from `color-mix()` computes to `color(srgb …)`. */
export function asRgb(color: string): string {
  if (!color.startsWith('color(')) return color;
  const [r, g, b] = color.match(/[\d.]+/g)!.map((n) => Math.round(Number(n) * 255));
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * What a custom property of the element's own (`--_accent`, `--_surface`) resolves to inside
 * `parent`, as a computed colour: read through a probe drawn in it for a moment.
 */
export function resolvedColor(parent: Element, property: string): string {
  const probe = parent.appendChild(document.createElement('i'));
  probe.style.color = `var(${property})`;
  const color = asRgb(getComputedStyle(probe).color);
  probe.remove();
  return color;
}

/**
 * A node as a short string, for comparing focus: a failed `expect(a).to.equal(b)` on two
 * elements can take the browser down while chai describes them.
 */
export function nodeName(node: Element | null | undefined): string {
  return node ? node.outerHTML.replace(/\s+/g, ' ').slice(0, 120) : '(nothing)';
}

/** Presses "Back to sign in" (part `back`) by keyboard; answers the `sg-sign-in-request` it fires. */
export async function backToSignInByKeyboard(el: Element): Promise<Event> {
  const back = await until(() => $<HTMLButtonElement>(el, '[part=back]'));
  const requests: Event[] = [];
  document.addEventListener('sg-sign-in-request', (e) => requests.push(e), { once: true });
  back.focus();
  await sendKeys({ press: 'Enter' });
  await until(() => requests.length);
  return requests[0]!;
}
