/**
 * Access and refresh tokens, kept in storage so sessions survive an emulator restart as an
 * org's do. A revoked (expired) access token answers 401 INVALID_SESSION_ID.
 */
import { randomBytes } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export interface Session {
  token: string;
  userId: string;
  username: string;
  issuedAt: number;
}

type TokenKind = 'access' | 'refresh';

export class SessionStore {
  private readonly orgId: string;
  private readonly insert: StatementSync;
  private readonly find: StatementSync;
  private readonly revokeAll: StatementSync;
  private readonly revokeOne: StatementSync;

  constructor(db: DatabaseSync, orgId: string) {
    this.orgId = orgId;
    this.insert = db.prepare('INSERT INTO sessions (token, kind, user_id, username, issued_at) VALUES (?, ?, ?, ?, ?)');
    this.find = db.prepare('SELECT token, user_id, username, issued_at FROM sessions WHERE token = ? AND kind = ? AND revoked = 0');
    this.revokeAll = db.prepare("UPDATE sessions SET revoked = 1 WHERE kind = 'access'");
    this.revokeOne = db.prepare('UPDATE sessions SET revoked = 1 WHERE token = ?');
  }

  issue(kind: TokenKind, userId: string, username: string): Session {
    // Shaped like an org's session id: the org id, "!", then an opaque secret.
    const token =
      kind === 'access'
        ? `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`
        : `5Aep861${randomBytes(40).toString('base64url')}`;
    const issuedAt = Date.now();
    this.insert.run(token, kind, userId, username, issuedAt);
    return { token, userId, username, issuedAt };
  }

  lookup(kind: TokenKind, token: string): Session | undefined {
    const row = this.find.get(token, kind) as { token: string; user_id: string; username: string; issued_at: number } | undefined;
    return row ? { token: row.token, userId: row.user_id, username: row.username, issuedAt: Number(row.issued_at) } : undefined;
  }

  /** Expires every access token (refresh tokens stay valid), as a session timeout does. */
  expireAccessTokens(): void {
    this.revokeAll.run();
  }

  revoke(token: string): void {
    this.revokeOne.run(token);
  }
}
