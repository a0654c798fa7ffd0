import type { Plugin } from 'esbuild';

export function minifyCssTemplate(text: string): string;
export function minifyCssTemplates(source: string): string;
export function cssTemplatesPlugin(): Plugin;
