// Lock traces (migrationLens/trace) kept per migration file, so hovers and diagnostics can show
// what a database really did next to what the static analysis predicts. An observation belongs
// to the exact text that ran: it is shown only while the file still holds that statement, so
// editing a statement drops its observation and leaves the others. Traces live in memory for the
// server's life: one describes one database at one moment, and a restart, or a new trace of the
// file (which replaces the old one), is the time to observe again.

import type { TracedStatement } from '../db/trace.js';
import type { SourceRange } from '../engine/model/source.js';

export interface ObservedStatement extends TracedStatement {
  /** The statement's text as it ran. */
  text: string;
}

export interface FileTrace {
  /** Absolute path of the traced file; statement ranges are offsets into it as it was traced. */
  file: string;
  /** The database it ran on, printable (no password). */
  target: string;
  tracedAt: Date;
  statements: readonly ObservedStatement[];
}

/** A statement of the file as it is now. */
export interface CurrentStatement {
  range: SourceRange;
  text: string;
}

/** An observation that still holds, with the statement's range in the file now. */
export interface ObservedFact {
  statement: ObservedStatement;
  range: SourceRange;
  trace: FileTrace;
}

export class ObservedLocks {
  private readonly traces = new Map<string, FileTrace>();

  record(trace: FileTrace): void {
    this.traces.set(trace.file, trace);
  }

  files(): string[] {
    return [...this.traces.keys()];
  }

  /**
   * Pairs the traced statements of `file` with `current`, its statements now in file order, by
   * text and in order: an edited statement finds no partner and drops out, while statements that
   * edits elsewhere only moved keep their observation at their new range.
   */
  factsFor(file: string, current: readonly CurrentStatement[]): ObservedFact[] {
    const trace = this.traces.get(file);
    if (!trace) return [];
    const facts: ObservedFact[] = [];
    let next = 0;
    for (const statement of trace.statements) {
      const index = current.findIndex((candidate, i) => i >= next && candidate.text === statement.text);
      if (index < 0) continue;
      facts.push({ statement, range: current[index].range, trace });
      next = index + 1;
    }
    return facts;
  }
}
