// What a tree view row shows, as plain data: the views build rows with no `vscode` import, so
// unit tests can check them, and tree-item.ts turns a row into VS Code's TreeItem.

export interface Row {
  label: string;
  description?: string;
  /** A codicon id, and the theme colour it is tinted with. */
  icon?: { id: string; color?: string };
  tooltip?: string;
  /** What `viewItem` is in the manifest's `when` clauses for this row's menus. */
  contextValue?: string;
  /** Run when the row is clicked. */
  command?: { command: string; title: string; arguments?: unknown[] };
  /** Opened when the row is clicked, instead of a command: a file's URI, and where in it (0-based). */
  open?: { uri: string; line?: number; character?: number };
  /** The file the row stands for (its decorations and its "open"). */
  resourceUri?: string;
  collapsible?: 'none' | 'collapsed' | 'expanded';
}

/** "1 error · 2 warnings", or nothing when there are no findings. */
export function findingsText(counts: { errors: number; warnings: number; infos?: number }): string | undefined {
  const parts = [
    [counts.errors, 'error'],
    [counts.warnings, 'warning'],
    [counts.infos ?? 0, 'info'],
  ] as const;
  const text = parts.filter(([count]) => count > 0).map(([count, word]) => `${count} ${word}${count === 1 || word === 'info' ? '' : 's'}`);
  return text.length > 0 ? text.join(' · ') : undefined;
}

/** Parts of a description, the empty ones left out. */
export const joinDescription = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(' · ');

/** "12 ms", "3.4 s", "2 min 5 s". */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** An ISO time as the views show it: `2025-03-04 05:06:07` (UTC, as tracking tables mostly store it). */
export function timeText(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : iso;
}
