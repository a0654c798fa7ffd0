import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/browser.js';
import { createHost, root, run, serve, tool, type Host, type RunResult } from './host.js';

/**
 * The package as a host gets it: `npm pack` of the build, installed from the tarball into
 * scratch projects — ESM TypeScript (bundler and nodenext), CommonJS, server-side Node, React 19
 * and Vue 3 with Vite, rendered in Chromium — plus publint and arethetypeswrong on the tarball.
 * Needs dist/ (`npm run build`).
 */
// Generous per-test bounds: each awaits compilers that share two cores; every child process is
// killed at its own limit (host.ts), so a hung tool fails its test instead of the run.
describe('the packed package in host projects', { timeout: 180_000 }, () => {
  let host: Host;
  /** Compiles and builds start together once the host is ready; each test awaits its own. */
  const jobs = new Map<string, Promise<RunResult>>();
  const job = (name: string) => jobs.get(name) ?? Promise.reject(new Error(`no job ${name}`));
  const ok = (result: RunResult) => expect(result.code, result.output).toBe(0);

  beforeAll(async () => {
    host = await createHost();
    const p = (name: string) => join(host.dir, name);
    const tsc = 'typescript/bin/tsc';
    // Longest first, two at a time: CI machines have two cores.
    const queue: [string, () => Promise<RunResult>][] = [
      ['esm-bundler', () => tool(host.dir, tsc, ['-p', '.'], p('esm-bundler'))],
      // The package is ESM; CommonJS hosts load it with require(esm) (Node ≥ 20.19, TypeScript
      // ≥ 5.8 under nodenext). arethetypeswrong's bundled TypeScript predates that and would
      // call it "dynamic import only", and `node10` resolution (deprecated in TypeScript 6)
      // cannot see subpaths: the esm-only profile leaves those two out, and the CommonJS side is
      // proved by the projects below.
      ['attw', () => run(process.execPath, [join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), host.tarball, '--profile', 'esm-only', '--format', 'json'], host.dir)],
      ['esm-nodenext', () => tool(host.dir, tsc, ['-p', '.'], p('esm-nodenext'))],
      ['cjs', () => tool(host.dir, tsc, ['-p', '.'], p('cjs'))],
      ['node-server', () => tool(host.dir, tsc, ['-p', '.'], p('node-server'))],
      ['react-tsc', () => tool(host.dir, tsc, ['-p', '.'], p('react'))],
      ['vue-tsc', () => tool(host.dir, 'vue-tsc/bin/vue-tsc.js', ['-p', '.'], p('vue'))],
      ['react-build', () => tool(host.dir, 'vite/bin/vite.js', ['build'], p('react'))],
      ['vue-build', () => tool(host.dir, 'vite/bin/vite.js', ['build'], p('vue'))],
      ['publint', () => run(process.execPath, [join(root, 'node_modules/publint/src/cli.js'), host.tarball, '--strict'], host.dir)],
    ];
    const settle = new Map<string, (result: Promise<RunResult>) => void>();
    for (const [name] of queue) {
      const result = new Promise<RunResult>((resolve) => settle.set(name, resolve));
      result.catch(() => undefined); // awaited by its test; never an unhandled rejection
      jobs.set(name, result);
    }
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [name, start] = next;
        const result = start();
        settle.get(name)!(result);
        await result.catch(() => undefined);
      }
    };
    void Promise.all([worker(), worker()]);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled(jobs.values());
    host?.cleanup();
  });

  describe('the tarball', () => {
    it('holds the build, the docs, the LICENSE and no source maps', () => {
      expect(host.files).toContain('LICENSE');
      expect(host.files).toContain('README.md');
      expect(host.files.some((file) => file.startsWith('docs/'))).toBe(true);
      expect(host.files).toContain('dist/components/react.d.ts');
      expect(host.files).toContain('dist/components/vue.d.ts');
      expect(host.files.filter((file) => file.endsWith('.map'))).toEqual([]);
      const pkg = JSON.parse(readFileSync(join(host.dir, 'node_modules/sitegate/package.json'), 'utf8')) as Record<string, unknown>;
      expect(pkg).toMatchObject({ license: 'MIT', repository: expect.anything(), homepage: expect.any(String), bugs: expect.anything(), keywords: expect.any(Array) });
    });

    it('names every declaration file after its source, none after a bundler chunk hash', () => {
      const declarations = host.files.filter((file) => file.endsWith('.d.ts'));
      // Records, ports and errors sit where an adapter author or a host looks for them.
      for (const file of ['dist/types/src/ports/storage.d.ts', 'dist/types/src/model/client.d.ts', 'dist/types/src/errors/NotFoundError.d.ts', 'dist/types/src/errors/wire.d.ts']) {
        expect(declarations).toContain(file);
      }
      // Outside dist/types/ only the subpath entries package.json names, each re-exporting its source's declarations.
      const pkg = JSON.parse(readFileSync(join(host.dir, 'node_modules/sitegate/package.json'), 'utf8')) as { exports: Record<string, { types?: string }> };
      const named = new Set(Object.values(pkg.exports).flatMap((target) => (target.types ? [target.types.replace(/^\.\//, '')] : [])));
      const entries = declarations.filter((file) => !file.startsWith('dist/types/'));
      expect(entries.filter((file) => !named.has(file))).toEqual([]);
      for (const entry of entries) {
        expect(readFileSync(join(host.dir, 'node_modules/sitegate', entry), 'utf8')).toMatch(/^export \* from '(\.\.?\/)+types\/[\w/-]+\.js';\n$/);
      }
    });

    it('passes publint with no message', async () => {
      const result = await job('publint');
      ok(result);
      expect(result.output).toContain('All good!');
    });

    it('passes arethetypeswrong for ESM hosts (node16 from ESM and bundler resolution)', async () => {
      const result = await job('attw');
      const report = JSON.parse(result.output.slice(result.output.indexOf('{'))) as { analysis: { problems: { resolutionKind?: string }[] } };
      const ignored = new Set(['node10', 'node16-cjs']);
      expect(report.analysis.problems.filter((problem) => !ignored.has(problem.resolutionKind ?? ''))).toEqual([]);
      ok(result);
    });
  });

  describe('TypeScript and Node hosts', () => {
    it('an ESM project with bundler resolution and skipLibCheck off compiles against the public types', async () => {
      ok(await job('esm-bundler'));
    });

    it('an ESM project under nodenext compiles, and what it compiled runs', async () => {
      ok(await job('esm-nodenext'));
      const result = await run(process.execPath, ['out/run.js'], join(host.dir, 'esm-nodenext'));
      ok(result);
      expect(result.output).toContain('every entry point works');
    });

    it('a Node server project without the DOM library, skipLibCheck off, compiles against the handler', async () => {
      ok(await job('node-server'));
    });

    it('a CommonJS project require()s every entry point', async () => {
      const result = await run(process.execPath, ['require-every-entry.cjs'], join(host.dir, 'cjs'));
      ok(result);
      expect(result.output).toContain('sitegate/adapters/memory:');
      expect(result.output).toContain('sitegate/components:');
    });

    it('a CommonJS project under nodenext compiles imports to require(), and Node agrees at run time', async () => {
      ok(await job('cjs'));
      expect(readFileSync(join(host.dir, 'cjs/out/every-entry.js'), 'utf8')).toContain('require("sitegate")');
      const result = await run(process.execPath, ['out/run.js'], join(host.dir, 'cjs'));
      ok(result);
      expect(result.output).toContain('every entry point works');
    });

    it('a server-rendering host imports every entry point, the elements included, in Node', async () => {
      const result = await run(process.execPath, ['import-everything.mjs'], join(host.dir, 'ssr'));
      ok(result);
      expect(result.output).toContain('sitegate/components:');
    });
  });

  describe('a page with some elements only', () => {
    /** What a host's bundler makes of a page that imports `entries` (esbuild: minified, split, gzip not applied). */
    async function bundle(entries: string[]): Promise<string> {
      const { build } = await import('esbuild');
      const result = await build({
        stdin: { contents: entries.map((entry) => `import '${entry}';`).join('\n'), resolveDir: host.dir, loader: 'js' },
        absWorkingDir: host.dir,
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      });
      return result.outputFiles.map((file) => file.text).join('\n');
    }

    it('registers just the elements it imports, each from its own entry', async () => {
      const page = await bundle(['sitegate/components/share-button', 'sitegate/components/portal-provider']);
      expect(page).toContain('"sg-share-button"');
      expect(page).toContain('"sg-portal-provider"');
      // (`sg-sign-in` is also an event's name, which the shared events module carries.)
      for (const tag of ['sg-client-list', 'sg-portal-view', 'sg-accept-invite', 'sg-reset-password', 'sg-confirm-email', 'sg-approval-button']) expect(page, tag).not.toContain(`"${tag}"`);
      // The whole set weighs more than twice as much: the page really is smaller.
      expect((await bundle(['sitegate/components'])).length).toBeGreaterThan(2 * page.length);
    });
  });

  describe('React 19 and Vue 3 with Vite', () => {
    let browser: Browser;
    let app: Awaited<ReturnType<typeof serve>>;

    beforeAll(async () => {
      [browser] = await Promise.all([launchChromium(), job('react-build'), job('vue-build')]);
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    it('React: the JSX typings type-check attributes, properties and events, and refuse wrong ones', async () => {
      ok(await job('react-tsc'));
    });

    it('Vue: vue-tsc --strictTemplates accepts the elements and refuses wrong props and event use', async () => {
      ok(await job('vue-tsc'));
    });

    for (const framework of ['react', 'vue'] as const) {
      it(`${framework}: the Vite build renders the elements in Chromium and their events reach the app's handlers`, async () => {
        ok(await job(`${framework}-build`));
        app ??= await serve('serve.mjs', host.dir);
        const page: Page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        try {
          await page.goto(`${app.url}/${framework}/`);
          const seen = { timeout: 15_000 };
          await page.getByRole('heading', { name: 'Sign in to your client portal' }).waitFor(seen);
          // `strings` is an object: the framework set it as a property of the element.
          const submit = page.getByRole('button', { name: 'Enter the portal' });
          await submit.waitFor(seen);
          await page.getByLabel('Email').fill('dana@example.com');
          await page.getByLabel('Password').fill('a long passphrase');
          await submit.click();
          await page.getByText('Signed in: dana@example.com').waitFor(seen);
        } finally {
          await page.close();
        }
        expect(errors).toEqual([]);
      });
    }
  });
});
