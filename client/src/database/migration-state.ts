// How each migration state reads and looks, the same in the Migrations view, the status quick
// pick and the output.

import type { MigrationStatusItem } from '../../../server/src/lsp/protocol.js';

export { MIGRATION_STATE_WORDS as STATE_WORDS } from '../../../server/src/lsp/protocol.js';

type State = MigrationStatusItem['state'];

/** A codicon id, and the theme colour the Migrations view tints it with. */
export const STATE_ICONS: Record<State, { id: string; color?: string }> = {
  applied: { id: 'pass-filled', color: 'testing.iconPassed' },
  pending: { id: 'circle-large-outline' },
  failed: { id: 'error', color: 'errorForeground' },
  changed: { id: 'warning', color: 'editorWarning.foreground' },
  missing: { id: 'question', color: 'editorWarning.foreground' },
};

/** How the Explorer marks a migration file in each state: a badge of one character, and a colour for the name where it needs attention. */
export const STATE_DECORATIONS: Record<State, { badge: string; color?: string }> = {
  applied: { badge: '✓' },
  pending: { badge: '○' },
  failed: { badge: '✗', color: 'list.errorForeground' },
  changed: { badge: '≠', color: 'list.warningForeground' },
  missing: { badge: '?' },
};
