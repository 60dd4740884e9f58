// Types for scripts/runtime-files.mjs, which TypeScript tests import.
import type { Plugin } from 'esbuild';

export function copyRuntimeFiles(outDir: string): void;
export const pgliteCommonJsPlugin: Plugin;
