// Gives memory back once the server has been idle for a while after an analysis. An edit at
// 2,000 migrations leaves a few MB of analysis data that V8 has already promoted to its old
// generation, which it collects only when the heap grows further; Node gives V8 no idle signal,
// so a server that answered forty edits stayed at ~310 MB resident for good, with ~80 MB live.
// Two full collections (the second returns the pages the first emptied) bring it to ~200 MB.
// They take 70–100 ms each, so they run only after IDLE_MS without an edit, and an edit that
// arrives after the first cancels the second.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const IDLE_MS = 5000;

let collect: (() => void) | undefined;

/** V8's full collection (what --expose-gc exposes), taken from a context made after setting the flag. */
function fullCollection(): () => void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
}

export class IdleCollection {
  private timer: NodeJS.Timeout | undefined;

  /** `collect`: one full collection (the tests count them). */
  constructor(private readonly collect: () => void = () => fullCollection()()) {}

  /** Work finished: collect if nothing else starts within IDLE_MS. */
  workDone(): void {
    this.workPending();
    this.timer = setTimeout(() => {
      this.collect();
      // On a later turn of the event loop, so an edit that arrived meanwhile is handled first (and cancels it).
      this.timer = setTimeout(() => this.collect(), 1).unref();
    }, IDLE_MS).unref();
  }

  /** Work is coming: no collection now. */
  workPending(): void {
    clearTimeout(this.timer);
  }
}
