// Runs one part of a migration statement by statement, inside the transaction its framework
// would use, around the framework's tracking writes. A failure is rolled back as far as the
// database allows and leaves exactly the record the framework would leave; it comes back with
// the failing statement's place in the file.

import type { Direction, Migration, MigrationPart } from '../../engine/model/migration-set.js';
import { splitStatements } from '../../engine/parse/index.js';
import { LineIndex, type SourceRange } from '../../engine/model/source.js';
import { DatabaseError, isConnectionLost, type DatabaseConnection } from '../connection.js';
import type { Step, Tracking } from '../tracking/index.js';

export interface StepResult {
  migration: Migration;
  direction: Direction;
  durationMs: number;
}

/** 1-based line and column, as editors and compilers print them. */
export interface FileLocation {
  file: string;
  line: number;
  column: number;
}

export interface StepFailure extends StepResult {
  message: string;
  /** SQLSTATE or MySQL error name. */
  code?: string;
  /** Where the failing statement (or the server's error position in it) is; absent when tracking failed. */
  location?: FileLocation;
  statement?: string;
  /** True when nothing of the part remains in the database. */
  rolledBack: boolean;
  /** When not rolled back: the statements before the failing one, which took effect and remain. */
  tookEffect: EffectiveStatement[];
  /** The session was lost mid-run (restart, failover, administrator): the tracking table could not be updated after it. */
  connectionLost?: true;
}

/** A statement of a migration file that ran, by its 1-based first line and its text. */
export interface EffectiveStatement {
  line: number;
  text: string;
}

export type StepOutcome = { ok: true; result: StepResult } | { ok: false; failure: StepFailure };

export interface ExecuteContext {
  connection: DatabaseConnection;
  tracking: Tracking;
  /** Set when a transaction spans the whole run (node-pg-migrate): the part opens none of its own. */
  runTransaction: boolean;
}

export async function executeStep(context: ExecuteContext, step: Omit<Step, 'inTransaction'>, part: MigrationPart): Promise<StepOutcome> {
  const { connection, tracking } = context;
  const ownTransaction = part.transaction.inTransaction && !context.runTransaction;
  const full: Step = { ...step, inTransaction: ownTransaction || context.runTransaction };
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const executed: SourceRange[] = [];
  let failing: SourceRange | undefined;
  try {
    await tracking.started(connection, full);
    if (ownTransaction) await connection.begin();
    for (const span of splitStatements(step.fileText, part.range, step.set.dialect, { sentWhole: part.sentWhole })) {
      failing = span;
      await connection.execute(step.fileText.slice(span.start, span.end));
      executed.push(span);
    }
    failing = undefined;
    await tracking.finished(connection, full, elapsed());
    if (ownTransaction) await connection.commit();
    return { ok: true, result: { migration: step.migration, direction: step.direction, durationMs: elapsed() } };
  } catch (error) {
    if (full.inTransaction) await connection.rollback().catch(() => undefined);
    // MySQL commits every DDL statement implicitly, so a rollback there undoes nothing before it.
    const rolledBack = executed.length === 0 || (full.inTransaction && connection.dialect === 'postgres');
    let message = (error as Error).message;
    const connectionLost = isConnectionLost(error);
    if (connectionLost) {
      // Nothing can be sent on a session that is gone: the server keeps what it kept (a transaction is rolled back with the session).
      message += ' — the connection to the database was lost (a restart, a failover or an administrator ended the session)';
    } else {
      try {
        await tracking.failed(connection, full, message, !rolledBack, elapsed());
      } catch (recordError) {
        message += `; recording the failure in ${tracking.table} failed too: ${(recordError as Error).message}`;
      }
    }
    return {
      ok: false,
      failure: {
        migration: step.migration,
        direction: step.direction,
        durationMs: elapsed(),
        message,
        code: error instanceof DatabaseError ? error.code : undefined,
        location: failing ? locate(part.file, step.fileText, failing, error) : undefined,
        statement: failing ? step.fileText.slice(failing.start, failing.end) : undefined,
        rolledBack,
        tookEffect: rolledBack ? [] : executed.map((span) => effective(step.fileText, span)),
        ...(connectionLost && { connectionLost: true as const }),
      },
    };
  }
}

/** The server's error position inside the statement, mapped back into the file. */
function locate(file: string, text: string, statement: SourceRange, error: unknown): FileLocation {
  const lines = new LineIndex(text);
  let offset = statement.start;
  if (error instanceof DatabaseError && error.position !== undefined) {
    offset = Math.min(statement.start + error.position - 1, statement.end);
  } else if (error instanceof DatabaseError && error.line !== undefined && error.line > 1) {
    const first = lines.positionAt(statement.start).line;
    offset = Math.min(lines.offsetAt({ line: first + error.line - 1, character: 0 }), statement.end);
  }
  const position = lines.positionAt(offset);
  return { file, line: position.line + 1, column: position.character + 1 };
}

function effective(text: string, span: SourceRange): EffectiveStatement {
  return { line: new LineIndex(text).positionAt(span.start).line + 1, text: text.slice(span.start, span.end).trim() };
}
