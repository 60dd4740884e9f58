// Checks a database URL before anything connects with it. The common failure is not a typo but
// text meant for a shell: `${DATABASE_URL:-postgres://…}` pasted into a .env file, which no
// shell ever expands there (seed 002), so every tool receives those characters literally.

import { ConnectionError } from '../connection.js';
import { parseDatabaseUrl, redactUrl } from '../targets/url.js';
import type { PreflightProblem } from './problem.js';

/** `${NAME}`, `${NAME:-default}` (and `-`, `=`, `:=`, `?`, `+` forms), `$NAME` in capitals. */
const SHELL_EXPANSION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=?+]([^}]*))?\}|\$([A-Z_][A-Z0-9_]+)/;

/** `label` names where the URL came from in messages ("DATABASE_URL", "--target"). */
export function checkDatabaseUrl(raw: string, label = 'The database URL'): PreflightProblem | undefined {
  const url = raw.trim();
  const problem = (message: string): PreflightProblem => ({ check: 'url', severity: 'error', message });
  const shell = SHELL_EXPANSION.exec(url);
  if (shell) {
    const [written, bracedName, fallback, bareName] = shell;
    const name = bracedName ?? bareName;
    const advice = fallback && /^[a-z][a-z0-9+.-]*:\/\//i.test(fallback)
      ? `write the URL itself: ${label.includes('_') ? `${label}=` : ''}${redactUrl(fallback)}`
      : `replace ${shortened(written)} with the value of ${name}`;
    return problem(
      `${label} contains shell syntax ${shortened(written)}: .env files and settings are read literally, not expanded by a shell, so the URL would contain those characters. Instead, ${advice} (a literal "$" in a password is written %24).`,
    );
  }
  const quote = /^(["'`])/.exec(url)?.[1];
  if (quote) return problem(`${label} is wrapped in ${quote} quotes, which become part of the URL here: remove them.`);
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    if (error instanceof ConnectionError) return problem(`${label}: ${error.message}`);
    throw error;
  }
  return undefined;
}

/** `${DATABASE_URL:-…}`: the expansion without its (possibly secret) default. */
function shortened(expansion: string): string {
  return expansion.replace(/^(\$\{[A-Za-z0-9_]+:?[-=?+]).+\}$/, '$1…}');
}
