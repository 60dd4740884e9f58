// What a statement locks while it runs, in terms a reviewer can act on: which table, which lock
// (PostgreSQL's lock mode, or MySQL/MariaDB's online-DDL algorithm and lock level), what other
// sessions can no longer do, and what work the statement does while it holds the lock.

import type { Dialect } from '../model/source.js';

/** What concurrent sessions cannot do on the locked table while the lock is held. */
export type Blocks = 'nothing' | 'writes' | 'reads-and-writes';

/** What the statement does while holding the lock: how long the lock lasts grows in this order. */
export type LockWork = 'metadata' | 'rows' | 'scan' | 'index-build' | 'rebuild' | 'copy';

/** MySQL/MariaDB online DDL algorithms, cheapest first. */
export type Algorithm = 'instant' | 'inplace' | 'copy';

export interface LockInfo {
  dialect: Dialect;
  /** The locked table as written (`movies`), or a description (`the table of index \`idx\``). */
  target: string;
  /** `ACCESS EXCLUSIVE`, or MySQL/MariaDB `ALGORITHM=COPY, LOCK=SHARED`. */
  mode: string;
  blocks: Blocks;
  work: LockWork;
  /** MySQL/MariaDB: the algorithm the server uses (or the one the statement forces). */
  algorithm?: Algorithm;
  /** "takes ACCESS EXCLUSIVE on `movies`: blocks reads and writes until it finishes". */
  sentence: string;
  /** Further facts: version differences, MariaDB vs MySQL, metadata-lock queueing. */
  notes: string[];
  /**
   * Set when the description rests on a guess (the column's previous definition is unknown);
   * rules should not report a guess as a fact.
   */
  assumption?: string;
}

const BLOCKS_RANK: Record<Blocks, number> = { nothing: 0, writes: 1, 'reads-and-writes': 2 };
const WORK_RANK: Record<LockWork, number> = { metadata: 0, rows: 1, scan: 2, 'index-build': 3, rebuild: 4, copy: 5 };

export function blocksRank(blocks: Blocks): number {
  return BLOCKS_RANK[blocks];
}

export function workRank(work: LockWork): number {
  return WORK_RANK[work];
}

export function strongerBlocks(a: Blocks, b: Blocks): Blocks {
  return BLOCKS_RANK[a] >= BLOCKS_RANK[b] ? a : b;
}

const BLOCKS_PHRASE: Record<Blocks, string> = {
  'reads-and-writes': 'blocks reads and writes until it finishes',
  writes: 'blocks writes until it finishes (reads continue)',
  nothing: 'reads and writes continue',
};

const WORK_PHRASE: Record<LockWork, string | undefined> = {
  metadata: undefined,
  rows: undefined,
  scan: 'it scans the whole table',
  'index-build': 'it builds an index over the whole table',
  rebuild: 'it rebuilds the whole table',
  copy: 'it copies the whole table row by row',
};

/** The one sentence findings and hovers show: "takes <mode> on <target>: <what it blocks>[; <work>]". */
export function lockSentence(mode: string, target: string, blocks: Blocks, work: LockWork): string {
  const workPhrase = WORK_PHRASE[work];
  return `takes ${mode} on ${target}: ${BLOCKS_PHRASE[blocks]}${workPhrase ? `; ${workPhrase}` : ''}`;
}

export const quoted = (name: string): string => `\`${name}\``;
