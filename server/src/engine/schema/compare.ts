// Compares two schemas — the one a migration history should produce (expected) and another one
// (a live database, a baseline, the sibling tree of another dialect) — and lists what differs.
// Pure: no database, no files. The ground-truth tests, baseline checks and drift detection all
// use it.

import { expressionKey } from './expressions.js';
import type {
  CheckConstraint,
  Column,
  EnumType,
  ForeignKey,
  Index,
  NamedObject,
  Origin,
  Provenance,
  Schema,
  SchemaObjectKind,
  Table,
  UniqueConstraint,
  View,
} from './model.js';
import { columnKey } from './names.js';
import type { PersistentMap } from './persistent-map.js';
import { formatType } from './types.js';

export interface SchemaDifference {
  objectKind: SchemaObjectKind;
  /** Qualified display name: `users`, `users.email`, `users.users_email_key`. */
  object: string;
  /** `exists` when the object is on one side only, else the property that differs. */
  property: 'exists' | string;
  /** The expected side's value; undefined when the object is not expected. */
  expected?: string;
  /** The actual side's value; undefined when the object is missing. */
  actual?: string;
  /** Where the expected object (or, when it is not expected, the actual one) was last defined. */
  definedBy?: Origin;
}

export interface CompareOptions {
  /** Object kinds left out of the comparison (e.g. what a catalog reader cannot see). */
  ignore?: readonly SchemaObjectKind[];
  /**
   * Whether constraint and primary-key names must match too. Off by default: a constraint is
   * matched by what it constrains, and names are often generated differently by hand and by tool.
   */
  constraintNames?: boolean;
}

/** Every difference between `expected` and `actual`, in a stable order. */
export function compareSchemas(expected: Schema, actual: Schema, options: CompareOptions = {}): SchemaDifference[] {
  const comparison = new Comparison(expected, actual, options);
  comparison.run();
  return comparison.differences.sort(
    (a, b) => compareText(a.objectKind, b.objectKind) || compareText(a.object, b.object) || compareText(a.property, b.property),
  );
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The origin of an object's last change, or of its creation. */
function lastDefinition(object: Provenance | undefined): Origin | undefined {
  if (!object) return undefined;
  return object.events.length ? object.events[object.events.length - 1].origin : object.created;
}

class Comparison {
  readonly differences: SchemaDifference[] = [];
  private readonly ignored: ReadonlySet<SchemaObjectKind>;
  /** Across dialects names are matched case-insensitively. */
  private readonly fold: (key: string) => string;

  constructor(
    private readonly expected: Schema,
    private readonly actual: Schema,
    private readonly options: CompareOptions,
  ) {
    this.ignored = new Set(options.ignore ?? []);
    this.fold = expected.dialect === actual.dialect ? (key) => key : (key) => key.toLowerCase();
  }

  run(): void {
    this.matchMaps('table', this.expected.tables, this.actual.tables, (name, e, a) => this.compareTables(name, e, a));
    this.matchMaps('enum', this.expected.enums, this.actual.enums, (name, e, a) => this.compareEnums(name, e, a));
    this.matchViews();
    for (const [kind, map] of [
      ['function', 'functions'],
      ['trigger', 'triggers'],
      ['extension', 'extensions'],
      ['sequence', 'sequences'],
      ['schema', 'schemas'],
    ] as const) {
      this.matchMaps<NamedObject>(kind, this.expected[map], this.actual[map], () => undefined);
    }
  }

  private add(difference: SchemaDifference): void {
    if (!this.ignored.has(difference.objectKind)) this.differences.push(difference);
  }

  private presence(kind: SchemaObjectKind, object: string, expected: Provenance | undefined, actual: Provenance | undefined): void {
    const difference: SchemaDifference = { objectKind: kind, object, property: 'exists' };
    difference[expected ? 'expected' : 'actual'] = 'present';
    const definedBy = lastDefinition(expected ?? actual);
    if (definedBy) difference.definedBy = definedBy;
    this.add(difference);
  }

  private property(kind: SchemaObjectKind, object: string, property: string, expected: string | undefined, actual: string | undefined, owner: Provenance): void {
    if (expected === actual) return;
    const difference: SchemaDifference = { objectKind: kind, object, property };
    if (expected !== undefined) difference.expected = expected;
    if (actual !== undefined) difference.actual = actual;
    const definedBy = lastDefinition(owner);
    if (definedBy) difference.definedBy = definedBy;
    this.add(difference);
  }

  /** Pairs the entries of two maps by (folded) key; reports the unpaired ones. */
  private matchMaps<T extends Provenance & { name: string }>(
    kind: SchemaObjectKind,
    expected: PersistentMap<T>,
    actual: PersistentMap<T>,
    compare: (name: string, expected: T, actual: T) => void,
  ): void {
    if (this.ignored.has(kind)) return;
    const display = (object: T) => object.name;
    if (this.expected.dialect === this.actual.dialect) {
      // Keys are not folded within one dialect, and an object shared by both sides (snapshots of
      // one history share everything neither changed) cannot differ from itself: compare the rest.
      const keys = expected.changedKeys(actual);
      const present = (map: PersistentMap<T>) => keys.flatMap((key): [string, T][] => {
        const value = map.get(key);
        return value === undefined ? [] : [[key, value]];
      });
      this.matchLists(kind, display, present(expected), present(actual), compare);
      return;
    }
    this.matchLists(
      kind,
      display,
      [...expected.sortedEntries()].map(([key, value]) => [this.fold(key), value]),
      [...actual.sortedEntries()].map(([key, value]) => [this.fold(key), value]),
      compare,
    );
  }

  private matchLists<T extends Provenance>(
    kind: SchemaObjectKind,
    display: (object: T) => string,
    expected: [string, T][],
    actual: [string, T][],
    compare: (name: string, expected: T, actual: T) => void,
  ): void {
    const actualByKey = new Map(actual);
    for (const [key, object] of expected) {
      const other = actualByKey.get(key);
      if (other) compare(display(object), object, other);
      else this.presence(kind, display(object), object, undefined);
      actualByKey.delete(key);
    }
    for (const object of actualByKey.values()) this.presence(kind, display(object), undefined, object);
  }

  private compareTables(name: string, expected: Table, actual: Table): void {
    const qualified = (inner: string) => `${name}.${inner}`;
    if (!expected.columnsUnknown && !actual.columnsUnknown) {
      const columns = (table: Table, dialect = this.expected.dialect): [string, Column][] =>
        table.columns.map((column) => [this.fold(columnKey(dialect, column.name)), column]);
      this.matchLists('column', (c) => qualified(c.name), columns(expected), columns(actual, this.actual.dialect), (display, e, a) =>
        this.compareColumns(display, e, a),
      );
    }
    const named = this.options.constraintNames === true;
    const columnsOf = (columns: readonly string[]) => columns.map((c) => this.fold(columnKey(this.expected.dialect, c))).join(',');

    const expectedPk = expected.primaryKey;
    const actualPk = actual.primaryKey;
    if (expectedPk || actualPk) {
      if (!expectedPk || !actualPk) this.presence('primary-key', `${name} primary key`, expectedPk, actualPk);
      else {
        this.property('primary-key', `${name} primary key`, 'columns', columnsOf(expectedPk.columns), columnsOf(actualPk.columns), expectedPk);
        if (named) this.property('primary-key', `${name} primary key`, 'name', expectedPk.name, actualPk.name, expectedPk);
      }
    }

    const uniqueKey = (u: UniqueConstraint): string => columnsOf(u.columns);
    this.matchLists<UniqueConstraint>('unique', (u) => qualified(`unique(${u.columns.join(', ')})`), keyed(expected.uniques, uniqueKey), keyed(actual.uniques, uniqueKey), (display, e, a) => {
      if (named) this.property('unique', display, 'name', e.name, a.name, e);
    });

    const foreignKeyKey = (fk: ForeignKey): string => `${columnsOf(fk.columns)}>${this.fold(fk.targetTable)}(${columnsOf(fk.targetColumns)})`;
    const foreignKeyDisplay = (fk: ForeignKey): string => qualified(`(${fk.columns.join(', ')}) → ${fk.targetTable}(${fk.targetColumns.join(', ')})`);
    this.matchLists<ForeignKey>('foreign-key', foreignKeyDisplay, keyed(expected.foreignKeys, foreignKeyKey), keyed(actual.foreignKeys, foreignKeyKey), (display, e, a) => {
      this.property('foreign-key', display, 'on delete', e.onDelete, a.onDelete, e);
      this.property('foreign-key', display, 'on update', e.onUpdate, a.onUpdate, e);
      if (named) this.property('foreign-key', display, 'name', e.name, a.name, e);
    });

    const checkKey = (c: CheckConstraint): string => this.fold(c.name);
    this.matchLists<CheckConstraint>('check', (c) => qualified(c.name), keyed(expected.checks, checkKey), keyed(actual.checks, checkKey), (display, e, a) =>
      this.property('check', display, 'expression', expressionKey(e.expression), expressionKey(a.expression), e),
    );

    const indexKey = (i: Index): string => this.fold(i.name);
    this.matchLists<Index>('index', (i) => qualified(i.name), keyed(expected.indexes, indexKey), keyed(actual.indexes, indexKey), (display, e, a) => {
      this.property('index', display, 'unique', String(e.unique), String(a.unique), e);
      this.property('index', display, 'method', e.method, a.method, e);
      this.property('index', display, 'columns', columnsOf(e.columns), columnsOf(a.columns), e);
      this.property('index', display, 'where', e.where && expressionKey(e.where), a.where && expressionKey(a.where), e);
    });
  }

  private compareColumns(display: string, expected: Column, actual: Column): void {
    const check = (property: string, e: string | undefined, a: string | undefined) => this.property('column', display, property, e, a, expected);
    check('type', formatType(expected.type), formatType(actual.type));
    check('nullable', String(expected.nullable), String(actual.nullable));
    check('default', expected.default, actual.default);
    check('identity', expected.identity, actual.identity);
    check('auto_increment', String(expected.autoIncrement === true), String(actual.autoIncrement === true));
    const generated = (column: Column) => column.generated && `${column.generated.stored ? 'stored' : 'virtual'} ${expressionKey(column.generated.expression)}`;
    check('generated', generated(expected), generated(actual));
    check('on update', expected.onUpdate, actual.onUpdate);
  }

  private compareEnums(name: string, expected: EnumType, actual: EnumType): void {
    this.property('enum', name, 'values', expected.values.join(', '), actual.values.join(', '), expected);
  }

  private matchViews(): void {
    const kindOf = (view: View): SchemaObjectKind => (view.materialized ? 'materialized-view' : 'view');
    this.matchMaps<View>('view', this.expected.views, this.actual.views, (name, e, a) => this.property(kindOf(e), name, 'materialized', String(e.materialized), String(a.materialized), e));
  }
}

/** Pairs each item with its matching key, numbering repeats so duplicates are still reported. */
function keyed<T>(items: readonly T[], key: (item: T) => string): [string, T][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = key(item);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return [count ? `${base}#${count}` : base, item];
  });
}
