// A server-rendering host imports the package in Node, where there is no DOM: every entry
// point, the elements included, must load without touching browser globals.
const { exports: map } = await import('sitegate/package.json', { with: { type: 'json' } }).then((m) => m.default);
const lines = [];
for (const subpath of Object.keys(map)) {
  if (subpath === './package.json') continue;
  const name = subpath === '.' ? 'sitegate' : `sitegate/${subpath.slice(2)}`;
  const entry = await import(name);
  lines.push(`${name}: ${Object.keys(entry).length} exports`);
}
const { SgSignIn } = await import('sitegate/components');
if (globalThis.customElements?.get('sg-sign-in') !== SgSignIn) throw new Error('sg-sign-in is not registered in Node');
console.log(lines.join('\n'));
