// Settings name paths relative to the folder of the file (or workspace) that holds them; the
// engine works with absolute forward-slash paths only.

/** Absolute `path` as is; a relative one resolved against `baseDir`, with `.` and `..` folded. */
export function resolvePath(baseDir: string, path: string): string {
  const p = path.replace(/\\/g, '/');
  const absolute = p.startsWith('/') || /^[A-Za-z]:\//.test(p);
  const joined = absolute ? p : `${baseDir.replace(/\/$/, '')}/${p}`;
  const driveOrRoot = /^[A-Za-z]:/.test(joined) ? joined.slice(0, 2) : '';
  const segments: string[] = [];
  for (const segment of joined.slice(driveOrRoot.length).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `${driveOrRoot}/${segments.join('/')}`;
}

/** `path` relative to `root`, or undefined when it lies outside. */
export function relativeTo(root: string, path: string): string | undefined {
  if (path === root) return '';
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}
