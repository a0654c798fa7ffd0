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
  style: string;
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
        opts.close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };
  return html`<div part="menu" class="menu" role="menu" aria-label=${opts.label} style=${opts.style} @keydown=${keydown}>
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
