/** Emails "sent" through the emailSimple action, kept so tests and the demo can read them. */
import type { DatabaseSync } from 'node:sqlite';

export interface EmailMessage {
  to: string[];
  subject: string;
  body: string;
  senderType: string | null;
  senderAddress: string | null;
  sentAt: string;
  /** The user whose session sent it. */
  sentBy: string;
}

export class Outbox {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  add(message: EmailMessage): void {
    this.db.prepare('INSERT INTO outbox (body) VALUES (?)').run(JSON.stringify(message));
  }

  all(): EmailMessage[] {
    return (this.db.prepare('SELECT body FROM outbox ORDER BY seq').all() as { body: string }[]).map(
      (row) => JSON.parse(row.body) as EmailMessage,
    );
  }
}
