// Every name a statement uses, where it sits, what it does with the object (creates, drops,
// renames, alters or reads it) and which object that is at this point of history: the snapshot
// just before the statement for what it finds, the one just after for what it makes. Go to
// definition, references, semantic tokens, hints and rename are all read from these uses.

import type { AlterTableAction, ColumnDef, Constraint, IndexDef, Name, Statement, TypeRef } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import type { Schema } from '../schema/model.js';
import { objectKey, type QualifiedName } from '../schema/names.js';
import { findColumn } from '../schema/table-edit.js';
import { IdentifierCursor, identifiersIn, lastIdentifier } from './identifiers.js';
import {
  findConstraint,
  findIndexObject,
  findNamed,
  findRelation,
  findTableColumn,
  resolved,
  type NamedMap,
  type NamedProvenance,
  type Resolved,
  type SymbolKind,
} from './resolve.js';

export type UseRole = 'create' | 'drop' | 'rename-from' | 'rename-to' | 'alter' | 'read';

export interface NameUse {
  kind: SymbolKind;
  /** The name as the database stores it (folded for PostgreSQL); a column's or constraint's own name. */
  name: string;
  /** The name's own characters in the file (the last part of a qualified name). */
  range: SourceRange;
  role: UseRole;
  /** The object the name denotes here; absent when nothing by that name exists at this point. */
  resolved?: Resolved;
  /**
   * The statement fails when the object is missing: false under IF EXISTS and for kinds the
   * replay does not keep (composite types, domains, objects in other databases).
   */
  checked: boolean;
  /** Columns and constraints: the key of their table. */
  table?: string;
}

/** The uses of one statement; `before` and `after` are the snapshots around it. */
export function statementUses(statement: Statement, before: Schema, after: Schema): NameUse[] {
  const change = statement.change;
  if (!change) return [];
  const uses = new UseCollector(statement, before, after);
  switch (change.kind) {
    case 'create-table': {
      const key = uses.relation(change.table, 'create', after);
      if (change.like) uses.relation(change.like, 'read', before);
      if (change.partitionOf) uses.relation(change.partitionOf, 'read', before);
      for (const column of change.columns) uses.columnDef(key, column, 'create');
      for (const constraint of change.constraints) uses.constraint(key, constraint, 'create');
      for (const index of change.indexes) uses.index(index, key, 'create');
      break;
    }
    case 'alter-table': {
      const renamesTable = change.actions.some((action) => action.kind === 'rename-table');
      const key = uses.relation(change.table, renamesTable ? 'rename-from' : 'alter', before, !change.ifExists);
      for (const action of change.actions) uses.alterAction(key, action, change.table.range.end);
      break;
    }
    case 'rename-table':
      for (const { from, to } of change.renames) {
        uses.relation(from, 'rename-from', before);
        uses.relation(to, 'rename-to', after);
      }
      break;
    case 'drop':
      if (change.table) uses.relation(change.table, 'read', before, !change.ifExists);
      for (const name of change.names) uses.dropped(change.objectKind, name, change.table, !change.ifExists);
      break;
    case 'create-index': {
      const key = uses.relation(change.index.table, 'read', before);
      uses.index(change.index, key, 'create');
      break;
    }
    case 'create-type':
      uses.named('type', 'enums', change.name, 'create', after, false);
      break;
    case 'alter-type': {
      const renamed = change.action.kind === 'rename';
      uses.named('type', 'enums', change.name, renamed ? 'rename-from' : 'alter', before, change.action.kind !== 'other');
      if (change.action.kind === 'rename') uses.renamedTo('type', 'enums', change.name, change.action.to, change.name.range.end);
      break;
    }
    case 'create-domain':
    case 'alter-domain':
      uses.named('type', 'enums', change.name, change.kind === 'create-domain' ? 'create' : 'alter', before, false);
      break;
    case 'create-view':
      uses.named('view', 'views', change.name, 'create', after, false);
      for (const reference of change.references) uses.relation(reference, 'read', before);
      break;
    case 'create-function':
      uses.named('function', 'functions', change.name, 'create', after, false);
      break;
    case 'create-trigger': {
      const key = uses.relation(change.table, 'read', before);
      uses.trigger(change.name, key, 'create', after, false);
      if (change.function) uses.named('function', 'functions', change.function, 'read', before, false);
      break;
    }
    case 'create-extension':
      uses.bare('extension', 'extensions', change.name, 'create');
      break;
    case 'create-schema':
      uses.bare('schema', 'schemas', change.name, 'create');
      break;
    case 'create-sequence':
      uses.named('sequence', 'sequences', change.name, 'create', after, false);
      break;
    case 'alter-sequence':
      uses.named('sequence', 'sequences', change.name, 'alter', before, true);
      break;
    case 'data':
      uses.dataChange(change.tables);
      break;
    case 'comment':
      uses.comment(change.objectKind, change.target, change.column);
      break;
    case 'reindex':
      if (change.target === 'index') uses.dropped('index', change.name, undefined, true, 'read');
      else if (change.target === 'table') uses.relation(change.name, 'read', before);
      break;
    case 'other':
      if (change.object) uses.other(change.object.kind, change.object.name, change.renamedTo);
      break;
    case 'transaction':
    case 'set':
      break;
  }
  return uses.list;
}

class UseCollector {
  readonly list: NameUse[] = [];
  private readonly dialect: Dialect;

  constructor(
    private readonly statement: Statement,
    private readonly before: Schema,
    private readonly after: Schema,
  ) {
    this.dialect = before.dialect;
  }

  private add(use: NameUse): void {
    this.list.push(use);
  }

  private nameRange(name: Name): SourceRange {
    return lastIdentifier(this.statement, name.range, this.dialect);
  }

  /** A table or view; returns its key. */
  relation(name: Name, role: UseRole, schema: Schema, checked = true): string {
    const found = findRelation(schema, name);
    const key = found?.key ?? objectKey(this.dialect, name);
    this.add({ kind: found?.kind ?? 'table', name: name.name, range: this.nameRange(name), role, checked: checked && role !== 'create' && role !== 'rename-to', ...(found && { resolved: resolved(found.kind, found.object) }) });
    return key;
  }

  named(kind: SymbolKind, map: NamedMap, name: Name, role: UseRole, schema: Schema, checked: boolean): void {
    const object = findNamed(schema, map, name);
    this.add({ kind, name: name.name, range: this.nameRange(name), role, checked, ...(object && { resolved: resolved(kind, object) }) });
  }

  /** A name the change model keeps without a range (extensions, schemas): found in the statement. */
  bare(kind: SymbolKind, map: NamedMap, name: string, role: UseRole): void {
    const range = new IdentifierCursor(this.statement, this.statement.range, this.dialect).find(name);
    if (!range) return;
    const object = findNamed(this.after, map, { name });
    this.add({ kind, name, range, role, checked: false, ...(object && { resolved: resolved(kind, object) }) });
  }

  renamedTo(kind: SymbolKind, map: NamedMap, from: Name, to: string, searchFrom: number): void {
    const range = new IdentifierCursor(this.statement, this.statement.range, this.dialect).find(to, searchFrom);
    if (!range) return;
    const object = findNamed(this.after, map, { schema: from.schema, name: to });
    this.add({ kind, name: to, range, role: 'rename-to', checked: false, ...(object && { resolved: resolved(kind, object) }) });
  }

  trigger(name: Name, tableKey: string | undefined, role: UseRole, schema: Schema, checked: boolean): void {
    const key = this.dialect === 'postgres' && tableKey !== undefined ? `${tableKey}.${name.name}` : objectKey(this.dialect, name);
    const object = schema.triggers.get(key);
    this.add({ kind: 'trigger', name: name.name, range: this.nameRange(name), role, checked, ...(object && { resolved: resolved('trigger', object) }) });
  }

  column(tableKey: string, name: string, range: SourceRange | undefined, role: UseRole, checked = true): void {
    if (!range) return;
    // Resolved where it exists: an ALTER TABLE may add a column and use it in one statement.
    const primary = role === 'create' || role === 'rename-to' ? this.after : this.before;
    const secondary = primary === this.after ? this.before : this.after;
    const object = findTableColumn(primary, tableKey, name) ?? findTableColumn(secondary, tableKey, name);
    const table = this.before.tables.get(tableKey) ?? this.after.tables.get(tableKey);
    const known = table !== undefined && !table.columnsUnknown;
    this.add({ kind: 'column', name, range, role, table: tableKey, checked: checked && known && role !== 'create' && role !== 'rename-to', ...(object && { resolved: resolved('column', object) }) });
  }

  private columnsIn(tableKey: string, columns: readonly string[], within: SourceRange, role: UseRole, from = 0): void {
    const cursor = new IdentifierCursor(this.statement, within, this.dialect);
    for (const column of columns) this.column(tableKey, column, cursor.find(column, from), role);
  }

  columnDef(tableKey: string, def: ColumnDef, role: UseRole): void {
    this.column(tableKey, def.name, new IdentifierCursor(this.statement, def.range, this.dialect).find(def.name), role);
    this.typeUse(def.type);
  }

  /** A column's type, when it is an enum the history created. */
  typeUse(type: TypeRef): void {
    const name = type.raw.replace(/\[\]$/, '');
    const object = findNamed(this.before, 'enums', { name: type.name }) ?? findNamed(this.after, 'enums', { name: type.name });
    if (!object) return;
    this.add({ kind: 'type', name: type.name, range: lastIdentifier(this.statement, { start: type.range.start, end: type.range.start + name.length }, this.dialect), role: 'read', checked: false, resolved: resolved('type', object) });
  }

  constraint(tableKey: string, constraint: Constraint, role: UseRole): void {
    const cursor = new IdentifierCursor(this.statement, constraint.range, this.dialect);
    if (constraint.name !== undefined) {
      const range = cursor.find(constraint.name);
      const object = findConstraint(this.after, tableKey, constraint.name);
      if (range) this.add({ kind: 'constraint', name: constraint.name, range, role, table: tableKey, checked: false, ...(object && { resolved: resolved('constraint', object) }) });
    }
    if (constraint.inline) {
      // The column is the definition's own name; only a reference's target is written here.
      if (constraint.kind === 'foreign-key') this.references(constraint.references.table, constraint.references.columns);
      return;
    }
    if (constraint.kind === 'foreign-key') {
      const target = constraint.references.table;
      this.columnsIn(tableKey, constraint.columns, { start: constraint.range.start, end: target.range.start }, 'read');
      this.references(target, constraint.references.columns);
    } else if (constraint.kind !== 'check') this.columnsIn(tableKey, constraint.columns, constraint.range, 'read');
  }

  private references(target: Name, columns: readonly string[]): void {
    // After the statement: a table may reference itself.
    const key = this.relation(target, 'read', this.after);
    const end = this.statement.range.end;
    this.columnsIn(key, columns, { start: target.range.end, end }, 'read');
  }

  index(index: IndexDef, tableKey: string, role: UseRole): void {
    if (index.name) {
      const object = findIndexObject(this.after, index.name, tableKey);
      this.add({ kind: 'index', name: index.name.name, range: this.nameRange(index.name), role, table: tableKey, checked: false, ...(object && { resolved: resolved('index', object) }) });
    }
    for (const element of index.elements) {
      if (element.column !== undefined) this.column(tableKey, element.column, new IdentifierCursor(this.statement, element.range, this.dialect).find(element.column), 'read');
    }
    if (index.include?.length) this.columnsIn(tableKey, index.include, { start: index.elements[index.elements.length - 1]?.range.end ?? index.range.start, end: index.range.end }, 'read');
  }

  alterAction(tableKey: string, action: AlterTableAction, tableEnd: number): void {
    const within = { start: Math.max(action.range.start, tableEnd), end: action.range.end };
    const find = (name: string) => new IdentifierCursor(this.statement, within, this.dialect).find(name);
    switch (action.kind) {
      case 'add-column':
        this.columnDef(tableKey, action.column, 'create');
        for (const constraint of action.constraints) this.constraint(tableKey, constraint, 'create');
        return;
      case 'drop-column':
        return this.column(tableKey, action.column, find(action.column), 'drop', !action.ifExists);
      case 'alter-column-type':
        this.column(tableKey, action.column, find(action.column), 'alter');
        return this.typeUse(action.type);
      case 'set-not-null':
      case 'drop-not-null':
      case 'set-default':
      case 'drop-default':
        return this.column(tableKey, action.column, find(action.column), 'alter');
      case 'rename-column': {
        const cursor = new IdentifierCursor(this.statement, within, this.dialect);
        this.column(tableKey, action.from, cursor.find(action.from), 'rename-from');
        return this.column(tableKey, action.to, cursor.find(action.to), 'rename-to');
      }
      case 'redefine-column': {
        const renamed = action.column.name !== action.from;
        const cursor = new IdentifierCursor(this.statement, within, this.dialect);
        this.column(tableKey, action.from, cursor.find(action.from), renamed ? 'rename-from' : 'alter');
        if (renamed) this.column(tableKey, action.column.name, cursor.find(action.column.name), 'rename-to');
        this.typeUse(action.column.type);
        return;
      }
      case 'add-constraint':
        return this.constraint(tableKey, action.constraint, 'create');
      case 'drop-constraint':
      case 'validate-constraint': {
        const range = find(action.name);
        const object = findConstraint(this.before, tableKey, action.name);
        const role = action.kind === 'drop-constraint' ? 'drop' : 'alter';
        if (range) this.add({ kind: 'constraint', name: action.name, range, role, table: tableKey, checked: false, ...(object && { resolved: resolved('constraint', object) }) });
        return;
      }
      case 'rename-constraint': {
        const cursor = new IdentifierCursor(this.statement, within, this.dialect);
        for (const [name, role, schema] of [[action.from, 'rename-from', this.before], [action.to, 'rename-to', this.after]] as const) {
          const range = cursor.find(name);
          const object = findConstraint(schema, tableKey, name);
          if (range) this.add({ kind: 'constraint', name, range, role, table: tableKey, checked: false, ...(object && { resolved: resolved('constraint', object) }) });
        }
        return;
      }
      case 'add-index':
        return this.index(action.index, tableKey, 'create');
      case 'drop-index':
        return this.indexByName(action.name, find(action.name), tableKey, 'drop', this.before);
      case 'rename-index': {
        const cursor = new IdentifierCursor(this.statement, within, this.dialect);
        this.indexByName(action.from, cursor.find(action.from), tableKey, 'rename-from', this.before);
        return this.indexByName(action.to, cursor.find(action.to), tableKey, 'rename-to', this.after);
      }
      case 'rename-table':
        this.relation(action.to, 'rename-to', this.after);
        return;
      case 'attach-partition':
      case 'detach-partition':
        this.relation(action.partition, 'read', this.before);
        return;
      case 'drop-primary-key':
      case 'set-table-option':
      case 'other':
        return;
    }
  }

  private indexByName(name: string, range: SourceRange | undefined, tableKey: string | undefined, role: UseRole, schema: Schema, checked = true): void {
    if (!range) return;
    const object = findIndexObject(schema, { name }, tableKey);
    this.add({ kind: 'index', name, range, role, checked: checked && role !== 'rename-to', ...(tableKey !== undefined && { table: tableKey }), ...(object && { resolved: resolved('index', object) }) });
  }

  /** The object a DROP (or REINDEX) names. */
  dropped(kind: string, name: Name, table: Name | undefined, checked: boolean, role: UseRole = 'drop'): void {
    const tableKey = table && objectKey(this.dialect, table);
    switch (kind) {
      case 'table':
        this.relation(name, role, this.before, checked);
        return;
      case 'index':
        return this.indexByName(name.name, this.nameRange(name), tableKey, role, this.before, checked);
      case 'trigger':
        return this.trigger(name, tableKey, role, this.before, checked);
      default: {
        const target = DROPPED[kind];
        if (target) this.named(target.kind, target.map, name, role, this.before, checked && target.checked);
      }
    }
  }

  other(kind: string, name: Name, renamedTo: string | undefined): void {
    const role: UseRole = renamedTo === undefined ? 'alter' : 'rename-from';
    if (kind === 'index') {
      this.indexByName(name.name, this.nameRange(name), undefined, role, this.before);
      if (renamedTo !== undefined) {
        const range = new IdentifierCursor(this.statement, this.statement.range, this.dialect).find(renamedTo, name.range.end);
        this.indexByName(renamedTo, range, undefined, 'rename-to', this.after);
      }
      return;
    }
    if (kind === 'table') {
      this.relation(name, role, this.before);
      if (renamedTo !== undefined) {
        const range = new IdentifierCursor(this.statement, this.statement.range, this.dialect).find(renamedTo, name.range.end);
        if (range) this.relation({ ...name, name: renamedTo, raw: renamedTo, range }, 'rename-to', this.after);
      }
      return;
    }
    const target = DROPPED[kind];
    if (!target) return;
    this.named(target.kind, target.map, name, role, this.before, false);
    if (renamedTo !== undefined) this.renamedTo(target.kind, target.map, name, renamedTo, name.range.end);
  }

  dataChange(tables: readonly Name[]): void {
    const relations = tables.flatMap((name) => {
      const key = this.relation(name, 'read', this.before, true);
      const table = this.before.tables.get(key);
      return table ? [{ key, table }] : [];
    });
    if (relations.length === 0) return;
    // Every other identifier that names a column of the statement's tables is a use of it.
    const tableNames = new Set(this.list.map((use) => use.range.start));
    for (const token of identifiersIn(this.statement, this.statement.range, this.dialect)) {
      if (tableNames.has(token.range.start)) continue;
      const owner = relations.find(({ table }) => findColumn(this.dialect, table, token.value));
      if (owner) this.column(owner.key, token.value, token.range, 'read');
    }
  }

  comment(kind: string, target: Name, column: string | undefined): void {
    if (kind === 'column' && column !== undefined) {
      const tokens = identifiersIn(this.statement, target.range, this.dialect);
      const tableName: QualifiedName = { schema: target.schema, name: target.name };
      const found = findRelation(this.before, tableName);
      const key = found?.key ?? objectKey(this.dialect, tableName);
      if (tokens.length >= 2) {
        this.add({ kind: found?.kind ?? 'table', name: target.name, range: tokens[tokens.length - 2].range, role: 'read', checked: true, ...(found && { resolved: resolved(found.kind, found.object) }) });
        this.column(key, column, tokens[tokens.length - 1].range, 'read');
      }
      return;
    }
    if (kind === 'table' || kind === 'view' || kind === 'materialized-view') this.relation(target, 'read', this.before);
    else if (kind === 'index') this.indexByName(target.name, this.nameRange(target), undefined, 'read', this.before);
    else {
      const named = DROPPED[kind];
      if (named) this.named(named.kind, named.map, target, 'read', this.before, false);
    }
  }
}

/** Objects kept by name: their kind, their map, and whether a DROP of a missing one fails in the replay. */
const DROPPED: Record<string, { kind: SymbolKind; map: NamedMap; checked: boolean } | undefined> = {
  view: { kind: 'view', map: 'views', checked: true },
  'materialized-view': { kind: 'view', map: 'views', checked: true },
  type: { kind: 'type', map: 'enums', checked: false },
  domain: { kind: 'type', map: 'enums', checked: false },
  function: { kind: 'function', map: 'functions', checked: false },
  procedure: { kind: 'function', map: 'functions', checked: false },
  sequence: { kind: 'sequence', map: 'sequences', checked: true },
  schema: { kind: 'schema', map: 'schemas', checked: false },
  extension: { kind: 'extension', map: 'extensions', checked: false },
};
