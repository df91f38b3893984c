/**
 * The emulator's SQLite database (node:sqlite): a file so the demo org survives restarts,
 * or ':memory:' for tests. One generic records table; keys and events beside it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type StorageOption = 'memory' | { file: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY,
  object TEXT NOT NULL,
  modstamp INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_object ON records (object, id);
CREATE INDEX IF NOT EXISTS records_by_modstamp ON records (object, modstamp, id);
CREATE TABLE IF NOT EXISTS record_keys (
  object TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (object, field, value, id)
);
CREATE INDEX IF NOT EXISTS record_keys_by_id ON record_keys (id);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS change_events (
  replay_id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token TEXT PRIMARY KEY, kind TEXT NOT NULL, user_id TEXT NOT NULL, username TEXT NOT NULL,
  issued_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
`;

export function openDatabase(storage: StorageOption): DatabaseSync {
  const location = storage === 'memory' ? ':memory:' : path.resolve(storage.file);
  if (location !== ':memory:') mkdirSync(path.dirname(location), { recursive: true });
  const db = new DatabaseSync(location);
  if (location !== ':memory:') {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
  }
  db.exec(SCHEMA);
  return db;
}
