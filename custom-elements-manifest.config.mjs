// Generates custom-elements.json from the components' JSDoc (@summary @attr @prop @event @slot @csspart @cssproperty).

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

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [dropNamelessEvents],
};
