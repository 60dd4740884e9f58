// Migration files in the Explorer (and in editor tabs) carry their state in the set's database
// as the Migrations view last read it: a badge (✓ applied, ○ pending, ✗ failed part-way, ≠
// changed since it was applied) and, where it needs attention, a coloured name. Nothing is read
// for this: the decorations follow the view.

import { Disposable, EventEmitter, FileDecoration, ThemeColor, Uri, window, type FileDecorationProvider } from 'vscode';
import { STATE_DECORATIONS, STATE_WORDS } from './migration-state.js';
import type { FileState, MigrationsTree } from './migrations-tree.js';

export function registerMigrationDecorations(tree: MigrationsTree): Disposable {
  const changed = new EventEmitter<Uri[]>();
  /** By URI as VS Code writes it (the server's may encode differently). */
  let states = new Map<string, FileState>();
  const provider: FileDecorationProvider = {
    onDidChangeFileDecorations: changed.event,
    provideFileDecoration(uri) {
      const known = states.get(uri.toString());
      if (!known) return undefined;
      const { badge, color } = STATE_DECORATIONS[known.state];
      const when = known.state === 'applied' && known.appliedAt ? ` at ${known.appliedAt}` : '';
      return new FileDecoration(badge, `Migration Lens: ${STATE_WORDS[known.state]}${when} (${known.target})`, color ? new ThemeColor(color) : undefined);
    },
  };
  const update = tree.onDidChangeStates(() => {
    const before = states;
    states = new Map([...tree.fileStates()].map(([uri, state]) => [Uri.parse(uri).toString(), state]));
    const touched = new Set([...before.keys(), ...states.keys()]);
    if (touched.size > 0) changed.fire([...touched].map((uri) => Uri.parse(uri)));
  });
  return Disposable.from(window.registerFileDecorationProvider(provider), update, changed);
}
