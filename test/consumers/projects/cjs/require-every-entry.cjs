// Plain CommonJS, no compiler: `require` of every entry point the package exports.
const { exports: map } = require('sitegate/package.json');
const loaded = [];
for (const subpath of Object.keys(map)) {
  if (subpath === './package.json') continue;
  const name = subpath === '.' ? 'sitegate' : `sitegate/${subpath.slice(2)}`;
  const entry = require(name);
  loaded.push(`${name}: ${Object.keys(entry).length} exports`);
}
console.log(loaded.join('\n'));
