// Generates custom-elements.json from the components' JSDoc (@summary @attr @prop @event @slot @csspart @cssproperty).

/** The one shipped file that defines the elements (tsup bundles components/ into it; declarations beside it). */
const DIST = 'dist/components/index.js';

/**
 * The analyzer also records every `dispatchEvent(new SgXEvent(…))` as an event without a name
 * (it cannot read the name from the event class); the JSDoc `@event` tags already list them
 * by name, so the nameless duplicates go.
 */
const dropNamelessEvents = {
  name: 'sitegate-drop-nameless-events',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules ?? []) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
      }
    }
  },
};

/**
 * Gives each event its class as `type`, read from the event classes themselves (`static readonly
 * type = 'sg-…'`), so the JSDoc names the event once and the type cannot drift from it.
 */
const eventTypes = {
  name: 'sitegate-event-types',
  packageLinkPhase({ customElementsManifest }) {
    const classOf = new Map();
    for (const mod of customElementsManifest.modules ?? []) {
      for (const declaration of mod.declarations ?? []) {
        const type = declaration.members?.find((m) => m.static && m.name === 'type')?.default;
        if (declaration.kind === 'class' && type) classOf.set(type.replace(/^'|'$/g, ''), declaration.name);
      }
    }
    for (const mod of customElementsManifest.modules ?? []) {
      for (const declaration of mod.declarations ?? []) {
        for (const event of declaration.events ?? []) {
          const name = classOf.get(event.name);
          event.type = name ? { text: name, references: [{ name, module: DIST }] } : { text: 'Event' };
        }
      }
    }
  },
};

/**
 * The provider sets the global `--sg-*` tokens for everything inside it (its `theme`), and the
 * page may set them there: it lists the same global tokens the elements inherit from SgElement.
 */
const providerTokens = {
  name: 'sitegate-provider-tokens',
  packageLinkPhase({ customElementsManifest }) {
    const declarations = (customElementsManifest.modules ?? []).flatMap((m) => m.declarations ?? []);
    const base = declarations.find((d) => d.name === 'SgElement');
    const provider = declarations.find((d) => d.tagName === 'sg-portal-provider');
    if (!base || !provider) return;
    const own = new Set((provider.cssProperties ?? []).map((p) => p.name));
    provider.cssProperties = [...(provider.cssProperties ?? []), ...(base.cssProperties ?? []).filter((p) => !own.has(p.name))];
  },
};

/**
 * Points the manifest at what the package ships. The sources under components/ are not in the
 * package; every public declaration lives in dist/components/index.js, so the manifest has that
 * one module, with its exports and a definition per tag. Runs last, after the analyzer has linked
 * inheritance across the source modules.
 */
const shippedPaths = {
  name: 'sitegate-shipped-paths',
  packageLinkPhase({ customElementsManifest }) {
    const modules = customElementsManifest.modules ?? [];
    const index = modules.find((m) => m.path === 'components/index.ts');
    if (!index) throw new Error('custom-elements manifest: components/index.ts was not analysed');
    const exported = new Set((index.exports ?? []).map((e) => e.name));
    const declarations = [];
    // In path order: the analyzer's own module order follows the file system's, which differs
    // between checkouts, and the committed manifest must come out the same everywhere.
    for (const mod of [...modules].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      for (const declaration of mod.declarations ?? []) if (exported.has(declaration.name)) declarations.push(declaration);
    }
    const shipped = new Set(declarations.map((d) => d.name));
    // Every reference to a source module now points at the shipped file, or loses its module
    // when the declaration it names is internal (an unexported base class, say).
    const relink = (node) => {
      if (Array.isArray(node)) return node.forEach(relink);
      if (!node || typeof node !== 'object') return;
      if (typeof node.module === 'string' && !node.package) {
        if (shipped.has(node.name)) node.module = DIST;
        else delete node.module;
      }
      for (const value of Object.values(node)) relink(value);
    };
    relink(declarations);
    const exports = [
      ...(index.exports ?? []).filter((e) => shipped.has(e.name)).map((e) => ({ kind: 'js', name: e.name, declaration: { name: e.name, module: DIST } })),
      ...declarations
        .filter((d) => d.customElement && d.tagName)
        .map((d) => ({ kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: DIST } })),
    ];
    customElementsManifest.modules = [{ kind: 'javascript-module', path: DIST, declarations, exports }];
  },
};

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [dropNamelessEvents, eventTypes, providerTokens, shippedPaths],
};
