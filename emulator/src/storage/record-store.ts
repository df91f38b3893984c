/**
 * Record storage over SQLite. Records are stored as JSON bodies keyed by id; unique and
 * external-id values are indexed in record_keys so upserts and duplicate checks need no scan.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export type FieldValue = string | number | boolean | null;

export interface StoredRecord {
  id: string;
  object: string;
  deleted: boolean;
  values: Record<string, FieldValue>;
}

export interface ScanOptions {
  includeDeleted: boolean;
  /** Only records whose SystemModstamp (ms) is after (or at, when inclusive) this value. */
  modstampFrom?: { ms: number; inclusive: boolean };
  /** Order by SystemModstamp then Id instead of by Id. */
  orderByModstamp?: boolean;
}

interface RecordRow {
  id: string;
  object: string;
  deleted: number;
  body: string;
}

export class RecordStore {
  private readonly db: DatabaseSync;
  private readonly statements: Record<string, StatementSync>;
  private transactionDepth = 0;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.statements = {
      get: db.prepare('SELECT id, object, deleted, body FROM records WHERE id = ?'),
      insert: db.prepare('INSERT INTO records (id, object, modstamp, deleted, body) VALUES (?, ?, ?, ?, ?)'),
      replace: db.prepare('UPDATE records SET modstamp = ?, deleted = ?, body = ? WHERE id = ?'),
      keysFor: db.prepare('SELECT id FROM record_keys WHERE object = ? AND field = ? AND value = ?'),
      addKey: db.prepare('INSERT OR IGNORE INTO record_keys (object, field, value, id) VALUES (?, ?, ?, ?)'),
      dropKeys: db.prepare('DELETE FROM record_keys WHERE id = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM records WHERE object = ? AND deleted = 0'),
      nextCounter: db.prepare(
        'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
      ),
      addCounter: db.prepare(
        'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value',
      ),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  get database(): DatabaseSync {
    return this.db;
  }

  get(id: string): StoredRecord | undefined {
    const row = this.statements.get!.get(id) as RecordRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  insert(record: StoredRecord, modstamp: number): void {
    this.statements.insert!.run(record.id, record.object, modstamp, record.deleted ? 1 : 0, JSON.stringify(record.values));
  }

  replace(record: StoredRecord, modstamp: number): void {
    this.statements.replace!.run(modstamp, record.deleted ? 1 : 0, JSON.stringify(record.values), record.id);
  }

  *scan(object: string, options: ScanOptions): IterableIterator<StoredRecord> {
    const conditions = ['object = ?'];
    const parameters: (string | number)[] = [object];
    if (!options.includeDeleted) conditions.push('deleted = 0');
    if (options.modstampFrom) {
      conditions.push(options.modstampFrom.inclusive ? 'modstamp >= ?' : 'modstamp > ?');
      parameters.push(options.modstampFrom.ms);
    }
    const order = options.orderByModstamp ? 'modstamp, id' : 'id';
    const statement = this.db.prepare(`SELECT id, object, deleted, body FROM records WHERE ${conditions.join(' AND ')} ORDER BY ${order}`);
    for (const row of statement.iterate(...parameters)) yield toRecord(row as unknown as RecordRow);
  }

  count(object: string): number {
    return Number((this.statements.count!.get(object) as { n: number }).n);
  }

  idsWithKey(object: string, field: string, value: string): string[] {
    return (this.statements.keysFor!.all(object, field, value) as { id: string }[]).map((r) => r.id);
  }

  /** Keys of a brand-new record (nothing to drop first): the fast path for bulk seeding. */
  addKeys(id: string, object: string, keys: { field: string; value: string }[]): void {
    for (const key of keys) this.statements.addKey!.run(object, key.field, key.value, id);
  }

  setKeys(id: string, object: string, keys: { field: string; value: string }[]): void {
    this.statements.dropKeys!.run(id);
    for (const key of keys) this.statements.addKey!.run(object, key.field, key.value, id);
  }

  /** The next value of a named persistent counter (record ids, auto numbers), starting at 1. */
  nextCounter(name: string): number {
    return Number((this.statements.nextCounter!.get(name) as { value: number }).value);
  }

  /** Reserves `size` counter values at once; returns the first. */
  reserveCounter(name: string, size: number): number {
    const last = Number((this.statements.addCounter!.get(name, size) as { value: number }).value);
    return last - size + 1;
  }

  getMeta(key: string): string | undefined {
    return (this.statements.getMeta!.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta!.run(key, value);
  }

  /** Opens a transaction (or a savepoint inside one) that the caller commits or rolls back. */
  begin(): { commit(): void; rollback(): void } {
    const savepoint = `sp${this.transactionDepth}`;
    const outermost = this.transactionDepth === 0;
    this.db.exec(outermost ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.transactionDepth++;
    return {
      commit: () => {
        this.transactionDepth--;
        this.db.exec(outermost ? 'COMMIT' : `RELEASE ${savepoint}`);
      },
      rollback: () => {
        this.transactionDepth--;
        this.db.exec(outermost ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      },
    };
  }

  /** Runs fn atomically; nested calls use savepoints so an inner failure rolls back only its part. */
  transaction<T>(fn: () => T): T {
    const transaction = this.begin();
    try {
      const result = fn();
      transaction.commit();
      return result;
    } catch (error) {
      transaction.rollback();
      throw error;
    }
  }
}

function toRecord(row: RecordRow): StoredRecord {
  return { id: row.id, object: row.object, deleted: row.deleted === 1, values: JSON.parse(row.body) as Record<string, FieldValue> };
}
