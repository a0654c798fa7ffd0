import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({ plugins: [react()], base: '/react/', logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } });
