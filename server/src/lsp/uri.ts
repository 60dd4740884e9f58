// Document URIs ↔ the engine's absolute forward-slash paths. Only `file:` documents are analysed.

import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizePath } from '../engine/index.js';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  return normalizePath(fileURLToPath(uri));
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
