// Types for scripts/package.mjs, which TypeScript tests import.
export const MARKETPLACE_README: string;
export function packageExtension(out: string): number;
