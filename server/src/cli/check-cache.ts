// `check --cache`: what the last run found and how every file parsed, kept on disk for the next
// run (a CI job that restores the folder between runs, or the same command again). Keyed by the
// build of migration-lens that wrote it (a hash of its own code), so a new version never reads
// an old one's results.
// - The whole result is reused when every file and folder the last analysis read reads the same
//   (and the command was given the same paths and options): then nothing is parsed at all.
// - Otherwise the analysis runs, and every file whose text was parsed before is not parsed again.
// A cache that cannot be read is ignored (and rewritten); one that cannot be written costs a
// warning, never the check.

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { listingSignature, type DirectoryEntry, type SnapshotHost } from '../engine/host.js';
import type { FileHost } from '../engine/index.js';
import type { Statement } from '../engine/model/changes.js';
import type { Dialect, SourceRange } from '../engine/model/source.js';
import type { ParseStore } from '../engine/schema/project.js';
import type { CheckResult } from './check-result.js';

/** Where `--cache` keeps its file when `--cache-location` does not say. */
export const DEFAULT_CACHE_LOCATION = '.migration-lens/cache/check.json';

interface StoredRun {
  /**
   * Every file the analysis read, with a hash of its text (null: it did not exist) and, when the
   * file was not modified just before the run, its size and modification time: a file whose
   * stamp is unchanged is not read again (as git trusts its index).
   */
  reads: [string, string | null, string?][];
  /** Every folder it listed, with its entries. */
  listings: [string, string][];
  result: CheckResult;
}

interface CacheFile {
  build: string;
  /** By the command's paths and options. */
  runs: Record<string, StoredRun>;
}

/** Beside the results, read only when the analysis has to run. */
interface ParsesFile {
  build: string;
  /** Statements by the hash of the text, place and dialect they were parsed from. */
  parses: Record<string, Statement[]>;
}

export class CheckCache {
  private readonly used = new Map<string, Statement[]>();
  private readonly runs: Record<string, StoredRun>;
  private storedParses: Record<string, Statement[]> | undefined;
  /** Before anything was read (milliseconds since the epoch). */
  private readonly openedAt = Date.now();

  private constructor(
    private readonly location: string,
    private readonly build: string,
    stored: Record<string, StoredRun>,
  ) {
    this.runs = { ...stored };
  }

  /** The cache at `location`, empty when there is none or it was written by another build. */
  static open(location: string): CheckCache {
    // Made before the analysis lists the workspace, so the next run lists the same entries.
    try {
      mkdirSync(dirname(location), { recursive: true });
    } catch {
      // save() reports it
    }
    const build = currentBuild();
    const stored = readJson<CacheFile>(location, build);
    return new CheckCache(location, build, stored?.runs ?? {});
  }

  /** The last result of the command `key`, if everything it read still reads the same. */
  result(key: string, host: FileHost): CheckResult | undefined {
    const run = this.runs[key];
    if (!run) return undefined;
    const same =
      run.reads.every(([path, hash, stamp]) => (stamp !== undefined && stampOf(path) === stamp) || textHash(host.readFile(path)) === hash) &&
      run.listings.every(([path, entries]) => this.listing(path, host.readDirectory(path)) === entries);
    return same ? run.result : undefined;
  }

  /** Parse results to reuse, recording which ones this run used. */
  get parses(): ParseStore {
    const stored = (this.storedParses ??= readJson<ParsesFile>(this.parsesLocation, this.build)?.parses ?? {});
    const key = (text: string, range: SourceRange, dialect: Dialect, sentWhole: boolean) =>
      sha1().update(`${dialect}\u0000${sentWhole}\u0000${range.start}\u0000${range.end}\u0000`).update(text).digest('base64');
    return {
      get: (text, range, dialect, sentWhole) => {
        const id = key(text, range, dialect, sentWhole);
        const statements = stored[id];
        if (statements) this.used.set(id, statements);
        return statements;
      },
      set: (text, range, dialect, sentWhole, statements) => void this.used.set(key(text, range, dialect, sentWhole), statements),
    };
  }

  /** Keeps the result of command `key` with what it read. */
  keep(key: string, result: CheckResult, read: SnapshotHost): void {
    this.runs[key] = {
      reads: [...read.files].map(([path, text]) => {
        const stamp = text === undefined ? undefined : stampOf(path, this.openedAt - CLOCK_TICK_MS);
        return stamp === undefined ? [path, textHash(text)] : [path, textHash(text), stamp];
      }),
      listings: [...read.directories].map(([path, entries]) => [path, this.listing(path, entries)]),
      result,
    };
  }

  /**
   * Writes the results kept and the parses this run used (others are dropped). Returns what went
   * wrong, if it could not.
   */
  save(): string | undefined {
    try {
      mkdirSync(dirname(this.location), { recursive: true });
      writeAtomically(this.location, { build: this.build, runs: this.runs } satisfies CacheFile);
      writeAtomically(this.parsesLocation, { build: this.build, parses: Object.fromEntries(this.used) } satisfies ParsesFile);
      return undefined;
    } catch (error) {
      return `could not write the cache ${this.location} (${(error as Error).message}); the next run checks everything again`;
    }
  }

  /**
   * A folder's entries as the cache compares them, without the cache's own files: kept inside a
   * folder the check lists (`--cache-location` in the tree), they appear after the first run and
   * would make every later one miss.
   */
  private listing(path: string, entries: readonly DirectoryEntry[] | undefined): string {
    if (entries === undefined || path !== dirname(this.location)) return listingSignature(path, entries);
    const own = [basename(this.location), basename(this.parsesLocation)];
    return listingSignature(path, entries.filter((entry) => !own.some((name) => entry.name === name || (entry.name.startsWith(`${name}.`) && entry.name.endsWith('.tmp')))));
  }

  private get parsesLocation(): string {
    return this.location.replace(/(\.json)?$/, '.parses.json');
  }
}

/** The JSON at `path` if this build wrote it; undefined when missing, unreadable or another build's. */
function readJson<T extends { build: string }>(path: string, build: string): T | undefined {
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as T;
    return stored.build === build ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Written aside and moved into place, so a killed run never leaves half a file. */
function writeAtomically(path: string, value: unknown): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, path);
}

/**
 * Loaded when first hashed: a run answered from its cache whose files all kept their stamps
 * hashes nothing, and node:crypto takes longer to load than such a run takes to check them.
 */
const sha1 = () => (require('node:crypto') as typeof import('node:crypto')).createHash('sha1');

const textHash = (text: string | undefined): string | null => (text === undefined ? null : sha1().update(text).digest('base64'));

/**
 * Size, modification time and inode of a regular file; undefined when there is none, or when
 * `settledBefore` (milliseconds since the epoch) is given and the file was modified after it:
 * such a file may have changed while it was read, or may change again within one tick of a
 * coarse file-system clock without its stamp changing, so it is compared by content next time.
 */
function stampOf(path: string, settledBefore?: number): string | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats?.isFile() || (settledBefore !== undefined && stats.mtimeMs >= settledBefore)) return undefined;
  return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
}

/** Two seconds: the coarsest modification-time resolution in use (FAT). */
const CLOCK_TICK_MS = 2000;

/** Set by scripts/build.mjs: a hash of the sources and dependencies the bundle was built from. */
declare const MIGRATION_LENS_BUILD: string | undefined;

let build: string | undefined;

/** Which migration-lens code is running: results of any other build are not reused. */
function currentBuild(): string {
  // Run from source (the tests), this file's own hash stands in for the build's.
  build ??= typeof MIGRATION_LENS_BUILD === 'string' ? MIGRATION_LENS_BUILD : sha1().update(readFileSync(__filename)).digest('base64');
  return build;
}
