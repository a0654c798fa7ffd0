// Compiled as CommonJS: each `import` of sitegate becomes a `require()` of an ES module.
import { main } from './every-entry';

main().then(console.log, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
