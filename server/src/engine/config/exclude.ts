import picomatch from 'picomatch';
import { relativeTo } from './paths.js';
import type { ProjectConfig } from './settings.js';

/** Tells whether an absolute path is excluded by the config's globs (relative to its root). */
export function createExcludeMatcher(config: ProjectConfig): (path: string) => boolean {
  const root = config.root;
  if (!root || config.exclude.length === 0) return () => false;
  const matches = picomatch(config.exclude, { dot: true });
  return (path) => {
    const relative = relativeTo(root, path);
    return relative !== undefined && relative !== '' && matches(relative);
  };
}
