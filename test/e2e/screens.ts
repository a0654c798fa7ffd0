import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, type AxeFinding } from './axe.js';

/** Every state's PNG, named `<state>-<width>.png` (git-ignored). */
export const SCREENS_DIR = new URL('../screenshots/e2e/', import.meta.url).pathname;

/** What one state showed: axe violations, elements reaching past the viewport's right edge, targets under 24 px. */
export interface StateReport {
  state: string;
  width: number;
  violations: AxeFinding[];
  overflow: string[];
  smallTargets: string[];
}

/** WCAG 2.2's minimum target size (2.5.8), in CSS px. */
const MIN_TARGET = 24;

/**
 * Controls (through open shadow roots) less than 24 px wide or tall. axe's `target-size` rule
 * passes a small target that has 24 px of room around it; this holds every target to the size
 * itself, as a mouse user aims at it. Excepted as in WCAG: a link inside a sentence, whose height
 * is the text's; a checkbox or radio whose label takes the click too; what is visually hidden.
 */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = [];
    const CONTROLS = 'a[href], button, summary, input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=tab], [role=menuitem], [role=option], [tabindex]:not([tabindex="-1"])';
    const inSentence = (el: Element): boolean => {
      if (getComputedStyle(el).display !== 'inline') return false;
      const parent = el.parentElement;
      return !!parent && (parent.textContent ?? '').trim().length > (el.textContent ?? '').trim().length;
    };
    const labelled = (el: Element): boolean => el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') && (el.labels?.length ?? 0) > 0;
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!el.matches(CONTROLS) || (el as HTMLButtonElement).disabled) continue;
        const box = el.getBoundingClientRect();
        // Visually hidden (a 1 px clip) or not rendered.
        if (box.width <= 1 || box.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
        if (box.width >= min - 0.5 && box.height >= min - 0.5) continue;
        if (inSentence(el) || labelled(el)) continue;
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
        const host = (el.getRootNode() as ShadowRoot).host?.tagName.toLowerCase();
        found.push(`${host ? `${host} > ` : ''}${name} ${box.width.toFixed(1)}×${box.height.toFixed(1)} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}"`);
      }
    };
    walk(document);
    return found.slice(0, 10);
  }, MIN_TARGET);
}

/**
 * Elements (through open shadow roots) whose box ends right of the viewport, and whether the page
 * itself scrolls sideways. Content inside a scrolling box of its own is not counted.
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    const clipped = (el: Element): boolean => {
      for (let p: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null); p; p = p.parentElement ?? ((p.getRootNode() as ShadowRoot).host ?? null)) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
      }
      return false;
    };
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        if ((box.right > width + 1 || box.left < -1) && !clipped(el)) {
          const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
          found.push(`${name} [${Math.round(box.left)}..${Math.round(box.right)}] "${(el.textContent ?? '').trim().slice(0, 40)}"`);
        }
      }
    };
    walk(document);
    return found.slice(0, 10);
  });
}

/**
 * Records one state: waits for the page to settle, runs axe, looks for sideways overflow and
 * writes `<state>-<width>.png` — the full page; only `part` when given (one portal section); what
 * is in view for `'viewport'` (a dialog or menu over a long page).
 */
export async function capture(page: Page, state: string, part?: Locator | 'viewport'): Promise<StateReport> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const width = page.viewportSize()!.width;
  // Transitions and the row window's measuring finish within a couple of frames.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(150);
  const path = `${SCREENS_DIR}${state}-${width}.png`;
  if (part === 'viewport') await page.screenshot({ path, animations: 'disabled' });
  else if (part) await part.screenshot({ path, animations: 'disabled' });
  else await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return { state, width, violations: await axeViolations(page), overflow: await overflowing(page), smallTargets: await smallTargets(page) };
}

/** The violations of every state, one line each, for a readable failure message. */
export function describeViolations(reports: StateReport[]): string[] {
  return reports.flatMap((r) => r.violations.map((v) => `${r.state}@${r.width}: ${v.rule} (${v.impact}) ${v.help} — ${v.nodes.join(' | ')}`));
}

export function describeOverflow(reports: StateReport[]): string[] {
  return reports.flatMap((r) => r.overflow.map((o) => `${r.state}@${r.width}: ${o}`));
}

export function describeSmallTargets(reports: StateReport[]): string[] {
  return reports.flatMap((r) => r.smallTargets.map((t) => `${r.state}@${r.width}: a target under ${MIN_TARGET} px: ${t}`));
}
