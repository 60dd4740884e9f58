// What the readers of one statement share: the source text, the dialect, and the notes they leave
// for the grammar check (syntax-check.ts) about constructs node-sql-parser cannot parse.

import type { SourceRange } from '../../model/source.js';

export type MysqlDialect = 'mysql' | 'mariadb';

/** A span the grammar check replaces (same length, so error offsets still match the file). */
export interface GrammarWaiver {
  range: SourceRange;
  replacement: string;
}

export class StatementContext {
  readonly waivers: GrammarWaiver[] = [];
  /** MariaDB-only syntax met in a MySQL statement, named in the message if the grammar rejects it. */
  readonly mariadbOnly: SourceRange[] = [];
  /** False when node-sql-parser has no grammar for the statement and our reader alone judges it. */
  grammarCovers = true;
  /** The leading word starts no statement we know; a grammar error then names it. */
  unknownStatement = false;
  /** The INSERT, UPDATE, DELETE and REPLACE statements in a trigger's or routine's body, judged as statements of their own. */
  readonly bodyDataChanges: SourceRange[] = [];

  constructor(
    /** The file's text. */
    readonly text: string,
    readonly dialect: MysqlDialect,
    /** The statement's range in the file. */
    readonly range: SourceRange,
  ) {}

  slice(range: SourceRange): string {
    return this.text.slice(range.start, range.end);
  }

  /** Hides valid syntax the grammar lacks from the grammar check. */
  blank(range: SourceRange): void {
    this.replace(range, '');
  }

  /** Shows the grammar a supported equivalent (`INT` for `BOOLEAN`) padded to the same length. */
  replace(range: SourceRange, replacement: string): void {
    const length = range.end - range.start;
    if (replacement.length > length) return;
    this.waivers.push({ range, replacement: replacement.padEnd(length, ' ') });
  }

  /**
   * MariaDB accepts `IF [NOT] EXISTS` and similar clauses where MySQL does not; node-sql-parser's
   * MariaDB grammar lacks most of them. Hidden from the grammar for MariaDB, left for it to reject
   * for MySQL (with a message that says MariaDB would accept it).
   */
  mariadbSyntax(range: SourceRange): void {
    if (this.dialect === 'mariadb') this.blank(range);
    else this.mariadbOnly.push(range);
  }
}
