// Whether a view may read a set's database by itself. Opening a view must not pop up a dialog
// or start a container: a database elsewhere (each read asks first), the Docker container before
// the user asked once, and a URL whose password is not stored yet wait for a click on the view's
// "Read …" row. In Restricted Mode nothing is read at all (trust.ts).

import type { ExtensionContext } from 'vscode';
import type { TargetDescription } from '../../../server/src/lsp/protocol.js';
import { needsPasswordPrompt } from './target.js';

/** The sets whose database the user had a view read: later refreshes read it again by themselves. */
export class ReadPermissions {
  private readonly asked = new Set<string>();

  grant(root: string): void {
    this.asked.add(root);
  }

  /** Why reading the set's database now would ask or start something; undefined when it may read. */
  async reasonToWait(context: ExtensionContext, root: string, target: TargetDescription): Promise<string | undefined> {
    if (target.problem) return undefined;
    if (!target.local) return 'That database is not on this machine: it is read only when you ask, after a confirmation.';
    if (target.kind === 'docker' && !this.asked.has(root)) return 'Reading starts the container (and pulls its image) if it is not running.';
    if (await needsPasswordPrompt(context, target)) return 'The first read asks for its password.';
    return undefined;
  }
}
