import { Directive, directive, type ElementPart } from 'lit/directive.js';
import { noChange } from 'lit';

/**
 * Sets inline style properties through the CSSOM (`style.setProperty`), on every render; an
 * element binding: `<span ${cssomStyle({ width: '40%' })}>`. Every call site passes the same
 * property names on each render, so nothing needs removing.
 *
 * Lit's `styleMap` writes a `style` attribute on first render, and a Content-Security-Policy
 * without `'unsafe-inline'` for styles refuses that; CSSOM changes are not subject to it.
 */
class CssomStyleDirective extends Directive {
  render(_properties: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Readonly<Record<string, string>>]): typeof noChange {
    for (const name in properties) (part.element as HTMLElement).style.setProperty(name, properties[name]!);
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyleDirective);
