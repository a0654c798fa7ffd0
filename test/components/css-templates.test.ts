import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minifyCssTemplate, minifyCssTemplates } from '../../build/css-templates.mjs';

/** CSS split into its tokens: what minifying may not change (only the whitespace between them). */
const tokens = (css: string) =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .split(/\s+|(?=[{};,>])|(?<=[{};,>])/)
    .filter(Boolean);

describe('stylesheet minifying at build time', () => {
  it('removes indentation, newlines and comments, and only those', () => {
    const css = `
      /* the host */
      :host([theme='dark']) {
        --_text: var(--sg-color-text, #e6e9ee);
      }
      .list > li a :hover,
      .x::before {
        content: '  two  spaces ';
        width: calc(100% - 2 * var(--_space));
        ${'${darkPalette}'}
      }
      @media (prefers-color-scheme: dark) {
        :host([theme='auto']) { color: red }
      }`;
    expect(minifyCssTemplate(css)).toBe(
      ":host([theme='dark']){--_text: var(--sg-color-text,#e6e9ee);}.list>li a :hover,.x::before{content: '  two  spaces ';width: calc(100% - 2 * var(--_space));${darkPalette}}@media (prefers-color-scheme: dark){:host([theme='auto']){color: red}}",
    );
  });

  it('keeps every token of every stylesheet the elements ship', () => {
    const files = ['components/styles', ...readdirSync('components', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `components/${d.name}`)]
      .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.styles.ts')).map((f) => `${dir}/${f}`));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const before = [...source.matchAll(/\bcss`([^`]*)`/g)].map((m) => m[1]!);
      const after = [...minifyCssTemplates(source).matchAll(/\bcss`([^`]*)`/g)].map((m) => m[1]!);
      expect(after.length, file).toBe(before.length);
      before.forEach((css, i) => {
        expect(tokens(after[i]!), file).toEqual(tokens(css));
        if (css.trim()) expect(after[i]!.length, file).toBeLessThan(css.length);
      });
    }
  });
});
