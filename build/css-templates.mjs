import { readFile } from 'node:fs/promises';

/**
 * Lit styles are `css` template literals, which JavaScript minifiers leave as written: every
 * indent and newline of the stylesheets would reach the browser. This removes that whitespace
 * (and CSS comments) at build time. Quoted strings and `${…}` interpolations are copied as they
 * are; spaces go only where CSS never needs them (around `{ } ; , >`), so `a :hover`,
 * `calc(1px + 2px)` and media queries keep their meaning.
 */
export function minifyCssTemplate(text) {
  let out = '';
  let i = 0;
  let space = false;
  const tight = (c) => c === '{' || c === '}' || c === ';' || c === ',' || c === '>';
  const emit = (chunk) => {
    if (space && out && !tight(out.at(-1)) && !tight(chunk[0])) out += ' ';
    space = false;
    out += chunk;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) break;
      }
      emit(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      emit(text.slice(i, end + 1));
      i = end + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 2;
      space = true;
    } else if (/\s/.test(c)) {
      space = true;
      i++;
    } else {
      emit(c);
      i++;
    }
  }
  return out;
}

/** Every css`…` template in a module's source, minified. */
export function minifyCssTemplates(source) {
  return source.replace(/\bcss`([^`]*)`/g, (_whole, body) => `css\`${minifyCssTemplate(body)}\``);
}

/** The esbuild (and tsup) plugin: applies `minifyCssTemplates` to the components' style modules. */
export function cssTemplatesPlugin() {
  return {
    name: 'sitegate-css-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]components[\\/].*\.styles\.ts$/ }, async (args) => ({
        contents: minifyCssTemplates(await readFile(args.path, 'utf8')),
        loader: 'ts',
      }));
    },
  };
}
