// Generates custom-elements.json from the components' JSDoc (@summary @attr @prop @event @slot @csspart @cssproperty).
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
};
