// Whether a view may read a set's database by itself. Opening a view must not pop up a dialog
// or start a container: a database elsewhere (each read asks first), a stopped Docker container
// before the user asked once, and a URL whose password is not stored yet wait for a click on the
// view's "Read …" row. A container that runs is read, and so is one that does not exist yet:
// reading creates nothing and says every migration is pending. In Restricted Mode nothing is
// read at all (trust.ts).

import type { ExtensionContext } from 'vscode';
import type { TargetDescription } from '../../../server/src/lsp/protocol.js';
import { needsPasswordPrompt } from './target.js';

/** The sets whose database the user had a view read: later refreshes read it again by themselves. */
export class ReadPermissions {
  private readonly asked = new Set<string>();

  /** `containerState(root)`: Docker's state of the set's container, undefined when there is none (asks Docker, starts nothing). */
  constructor(private readonly containerState: (root: string) => Promise<string | undefined>) {}

  grant(root: string): void {
    this.asked.add(root);
  }

  /** Why reading the set's database now would ask or start something; undefined when it may read. */
  async reasonToWait(context: ExtensionContext, root: string, target: TargetDescription): Promise<string | undefined> {
    if (target.problem) return undefined;
    if (!target.local) return 'That database is not on this machine: it is read only when you ask, after a confirmation.';
    if (target.kind === 'docker' && !this.asked.has(root) && (await this.stoppedContainer(root))) return 'Reading starts its stopped container.';
    if (await needsPasswordPrompt(context, target)) return 'The first read asks for its password.';
    return undefined;
  }

  /** A container that exists and does not run; Docker not answering is not that: the read then says why it failed. */
  private async stoppedContainer(root: string): Promise<boolean> {
    try {
      const state = await this.containerState(root);
      return state !== undefined && state !== 'running';
    } catch {
      return false;
    }
  }
}
