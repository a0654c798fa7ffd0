import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // The `sg-` tags are custom elements, not Vue components.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('sg-') } } })],
  base: '/vue/',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
});
