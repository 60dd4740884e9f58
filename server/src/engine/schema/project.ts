// The long-lived state behind incremental analysis: parsed statements per migration part (kept
// while the part's text is unchanged) and one SetReplay per migration set. The language server
// keeps one ReplayProject across edits; the CLI makes one per run.

import type { FileHost } from '../host.js';
import type { Statement } from '../model/changes.js';
import type { Direction, MigrationPart, MigrationSet } from '../model/migration-set.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { parseStatements } from '../parse/index.js';
import { replayBaseline } from './baseline.js';
import type { Schema } from './model.js';
import { SetReplay, type PartInput } from './replay.js';

export interface ParsedPart extends PartInput {
  /** The part's place: dialect, file, direction and how it is sent. */
  slot: string;
  direction: Direction;
  /** The file's full text the statements were parsed from. */
  text: string;
  /** Where the part sits in `text`. */
  start: number;
  end: number;
}

/**
 * Parse results kept outside the process (the command line's `--cache`), by the text they were
 * parsed from, the place in it and the dialect.
 */
export interface ParseStore {
  /** `sentWhole`: the part's framework sends it to the server whole (MigrationPart.sentWhole). */
  get(text: string, range: SourceRange, dialect: Dialect, sentWhole: boolean): Statement[] | undefined;
  set(text: string, range: SourceRange, dialect: Dialect, sentWhole: boolean, statements: Statement[]): void;
}

export class ReplayProject {
  /** One entry per part slot (dialect, file, direction): the last text parsed there. */
  private readonly parsed = new Map<string, ParsedPart>();
  private readonly byPart = new WeakMap<MigrationPart, { dialect: Dialect; parsed: ParsedPart }>();
  private readonly replays = new Map<string, SetReplay>();
  /** Numbers parse results, so a part's key changes exactly when it was parsed again. */
  private version = 0;
  /** One entry per (dialect, baseline file): the last text replayed, so an unchanged file keeps its Schema's identity. */
  private readonly baselines = new Map<string, { text: string; schema: Schema }>();

  /** `oneShot`: replays that are never updated (one command-line run), so what they read is not recorded. */
  constructor(
    private readonly store?: ParseStore,
    private readonly oneShot = false,
  ) {}

  /**
   * The part's statements and cache key, parsing only when its text changed. Undefined when the
   * file cannot be read.
   */
  part(part: MigrationPart, dialect: Dialect, host: FileHost): ParsedPart | undefined {
    const text = host.readFile(part.file);
    if (text === undefined) return undefined;
    // Discovery keeps a part's object while it is unchanged: then one lookup finds its parse.
    const known = this.byPart.get(part);
    if (known && known.dialect === dialect && known.parsed.text === text) return known.parsed;
    const parsed = this.parseSlot(part, dialect, text);
    this.byPart.set(part, { dialect, parsed });
    return parsed;
  }

  private parseSlot(part: MigrationPart, dialect: Dialect, text: string): ParsedPart {
    const slot = partSlot(dialect, part);
    const { start, end } = part.range;
    const previous = this.parsed.get(slot);
    // Statements carry file offsets, so the part's position is part of its identity. Hosts
    // usually return the same string for an unchanged file, which makes this check cheap.
    if (previous && previous.start === start && previous.end === end && (previous.text === text || previous.text.slice(start, end) === text.slice(start, end))) {
      return previous;
    }
    const parsed: ParsedPart = { key: `${slot}\u0000${++this.version}`, slot, direction: part.direction, text, start, end, statements: this.parse(text, part.range, dialect, part.sentWhole === true) };
    this.parsed.set(slot, parsed);
    return parsed;
  }

  private parse(text: string, range: SourceRange, dialect: Dialect, sentWhole: boolean): Statement[] {
    const stored = this.store?.get(text, range, dialect, sentWhole);
    if (stored) return stored;
    const statements = parseStatements(text, range, dialect, { sentWhole });
    this.store?.set(text, range, dialect, sentWhole, statements);
    return statements;
  }

  /** Whether `parsed` is still the parse this project holds for its part's place. */
  isCurrent(parsed: ParsedPart): boolean {
    return this.parsed.get(parsed.slot) === parsed;
  }

  statements(part: MigrationPart, dialect: Dialect, host: FileHost): readonly Statement[] | undefined {
    return this.part(part, dialect, host)?.statements;
  }

  /** The replay of `set`, reusing every migration result whose inputs did not change. */
  /** The replay of `set`; `changed`: the files whose text may differ since the last call (see SetReplay.update). */
  replay(set: MigrationSet, host: FileHost, baseline?: Schema, changed?: ReadonlySet<string>): SetReplay {
    const id = `${set.dialect}\u0000${set.root}`;
    const readPart = (part: MigrationPart) => this.part(part, set.dialect, host);
    const existing = this.replays.get(id);
    if (existing && existing.baseline === baseline) {
      existing.update(set, readPart, changed);
      return existing;
    }
    const replay = new SetReplay(set, readPart, { baseline, oneShot: this.oneShot });
    this.replays.set(id, replay);
    return replay;
  }

  /**
   * The schema a baseline file defines, replayed in `dialect`; the same object while the file's
   * text is unchanged, so replays built on it are reused. Undefined when the file cannot be read.
   */
  baseline(file: string, dialect: Dialect, host: FileHost): Schema | undefined {
    const text = host.readFile(file);
    if (text === undefined) return undefined;
    const slot = `${dialect}\u0000${file}`;
    const previous = this.baselines.get(slot);
    if (previous && previous.text === text) return previous.schema;
    const schema = replayBaseline(file, text, dialect);
    this.baselines.set(slot, { text, schema });
    return schema;
  }

  /** Forgets sets and parts that are gone, so their snapshots and statements can be collected. */
  retain(sets: readonly MigrationSet[]): void {
    const liveSets = new Set(sets.map((set) => `${set.dialect}\u0000${set.root}`));
    for (const id of this.replays.keys()) if (!liveSets.has(id)) this.replays.delete(id);
    const liveParts = new Set<string>();
    for (const set of sets) {
      for (const migration of set.migrations) {
        for (const part of [migration.up, migration.down]) if (part) liveParts.add(partSlot(set.dialect, part));
      }
    }
    for (const slot of this.parsed.keys()) if (!liveParts.has(slot)) this.parsed.delete(slot);
  }
}

/** A part's place: its dialect, file, direction, and how its framework sends it (which changes how it splits). */
const partSlot = (dialect: Dialect, part: MigrationPart): string => `${dialect}\u0000${part.file}\u0000${part.direction}${part.sentWhole ? '\u0000whole' : ''}`;
