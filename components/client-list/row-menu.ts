import { html, type TemplateResult } from 'lit';

export interface MenuItem {
  id: string;
  label: string;
  danger?: boolean;
}

/**
 * The per-row actions menu (ARIA menu button pattern): arrow keys move, Home/End jump,
 * Escape or Tab close, and the caller returns focus to the button that opened it.
 */
export function menuTemplate(opts: {
  label: string;
  items: MenuItem[];
  choose: (id: string) => void;
  close: (refocus: boolean) => void;
}): TemplateResult {
  const keydown = (event: KeyboardEvent): void => {
    const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(event.target as HTMLElement);
    const focus = (i: number): void => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(at + 1);
        break;
      case 'ArrowUp':
        focus(at - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Escape':
        opts.close(true);
        break;
      case 'Tab':
        // Back on its button first, so the browser's Tab moves on from the row, not from the page's top.
        opts.close(true);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };
  return html`<div part="menu" class="menu" role="menu" aria-label=${opts.label} @keydown=${keydown}>
    ${opts.items.map(
      (item) => html`<button
        role="menuitem"
        tabindex="-1"
        class="menuitem ${item.danger ? 'danger' : ''}"
        data-action=${item.id}
        @click=${() => opts.choose(item.id)}
      >
        ${item.label}
      </button>`,
    )}
  </div>`;
}

/**
 * Puts the (fixed) menu under its button, or above it when there is no room below, its end edge
 * lined up with the button's, then moved as little as needed to stay 8px inside the viewport (on
 * a phone the button may sit closer to the edge than the menu is wide). Through the CSSOM, not a
 * `style` attribute: a strict Content-Security-Policy (`style-src 'self'`) blocks inline style
 * attributes, even those Lit's `styleMap` writes on first render.
 */
export function placeMenu(menu: HTMLElement, trigger: HTMLElement, rtl: boolean): void {
  const button = trigger.getBoundingClientRect();
  const { width, height } = menu.getBoundingClientRect();
  const inside = (at: number, size: number, room: number): number => Math.max(8, Math.min(at, room - size - 8));
  const below = button.bottom + 4;
  menu.style.left = `${inside(rtl ? button.left : button.right - width, width, document.documentElement.clientWidth)}px`;
  menu.style.top = `${below + height > innerHeight - 8 ? inside(button.top - 4 - height, 0, innerHeight) : below}px`;
}
