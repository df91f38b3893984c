/**
 * Overlap refresh: each partner's account list (a CSV named after the partner's
 * Partner_Key__c, e.g. a Crossbeam or Reveal export) is matched against our Accounts by the
 * matching engine and written as Account_Overlap__c rows (upsert on Overlap_Key__c). Rows the
 * latest list no longer supports are deactivated, not deleted. "Seen" dates are the list
 * file's date, so refreshing the same list twice writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Channel_Partner__c } from '@partner-lead-sync/model';
import { decodeGuessed } from '../files/text-encoding.ts';
import { firstLine, guessDelimiter } from '../files/csv-delimiter.ts';
import { computeOverlaps, overlapRecords, partnerAccountsFromRows, partnerFacts } from '../matching/index.ts';
import type { OrgRecord } from '../sync/record-values.ts';
import type { RunContext, SyncJob } from '../sync/sync-run.ts';
import { changedFields } from './field-diff.ts';
import { checkerFor, MATCHING_OBJECTS } from './matching-state.ts';

export const OVERLAP_OBJECTS = [...MATCHING_OBJECTS, 'Account_Overlap__c'];

export interface PartnerListFile {
  file: string;
  partnerKey: string;
}

export function partnerListFiles(dir: string): PartnerListFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort()
    .map((name) => ({ file: path.join(dir, name), partnerKey: name.replace(/\.csv$/i, '') }));
}

export const overlapRefreshJob: SyncJob = {
  name: 'overlaps',
  objects: OVERLAP_OBJECTS,
  async run(context: RunContext) {
    const summary = {
      job: 'overlaps',
      lists: 0,
      partnerAccounts: 0,
      overlaps: 0,
      written: 0,
      deactivated: 0,
      unchanged: 0,
      problems: [] as string[],
    };
    const dir = context.overlapsDir;
    if (!dir) {
      summary.problems.push('no partner account lists folder configured (--overlaps-dir / PARTNER_SYNC_OVERLAPS_DIR)');
      return summary;
    }
    if (!fs.existsSync(dir)) {
      summary.problems.push(`partner account lists folder ${dir} does not exist`);
      return summary;
    }
    const partners = context.mirror.records<Channel_Partner__c>('Channel_Partner__c');
    const existing = context.mirror.records('Account_Overlap__c');
    const checker = await checkerFor(context);
    const writes: OrgRecord[] = [];
    const partnerUpdates: OrgRecord[] = [];
    for (const list of partnerListFiles(dir)) {
      const partner = partners.find((p) => p.Partner_Key__c === list.partnerKey) ?? partners.find((p) => p.Name === list.partnerKey);
      if (!partner?.Id) {
        summary.problems.push(`${path.basename(list.file)}: no Channel_Partner__c with Partner_Key__c or Name "${list.partnerKey}"`);
        context.logger.warn({ file: list.file }, 'partner account list for an unknown partner: skipped');
        continue;
      }
      let accounts;
      try {
        // Partners export from spreadsheets: Windows-1252 and UTF-16 files are read as such.
        const { text, notUtf8AtLine } = decodeGuessed(fs.readFileSync(list.file));
        if (notUtf8AtLine !== undefined)
          context.logger.warn({ file: list.file, line: notUtf8AtLine }, 'partner account list is not UTF-8: read as Windows-1252');
        // Semicolon-separated lists (Excel in most of Europe) and tab-separated ones too.
        const delimiter = guessDelimiter(firstLine(text), []);
        const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, delimiter }) as Record<string, string>[];
        accounts = partnerAccountsFromRows(rows, path.basename(list.file));
      } catch (error) {
        summary.problems.push((error as Error).message);
        context.logger.warn({ file: list.file }, `partner account list not read: ${(error as Error).message}`);
        continue;
      }
      summary.lists++;
      summary.partnerAccounts += accounts.length;
      const seenAt = fs.statSync(list.file).mtime.toISOString();
      const result = await computeOverlaps({
        partner: partnerFacts(partner),
        accounts,
        index: checker.index,
        populationOf: (id) => checker.populationOf(id),
      });
      summary.overlaps += result.overlaps.length;
      const stored = new Map(
        existing
          .filter((row) => row.Channel_Partner__c === partner.Id && row.Overlap_Key__c)
          .map((row) => [row.Overlap_Key__c as string, row]),
      );
      const current = new Set<string>();
      for (const record of overlapRecords(result.overlaps, partner.Id, seenAt) as OrgRecord[]) {
        const key = record.Overlap_Key__c as string;
        current.add(key);
        const before = stored.get(key);
        if (!before) {
          writes.push({ ...record, First_Seen__c: seenAt });
          continue;
        }
        const differing = changedFields(before, record);
        if (differing.length === 0) summary.unchanged++;
        else writes.push({ Overlap_Key__c: key, ...Object.fromEntries(differing.map((field) => [field, record[field]])) });
      }
      for (const [key, row] of stored) {
        if (current.has(key) || row.Active__c !== true) continue;
        writes.push({ Overlap_Key__c: key, Active__c: false });
        summary.deactivated++;
      }
      if (changedFields(partner as OrgRecord, { Last_Overlap_Refresh__c: seenAt }).length)
        partnerUpdates.push({ Id: partner.Id, Last_Overlap_Refresh__c: seenAt });
    }
    const result = await context.write([
      { objectName: 'Account_Overlap__c', kind: 'upsert', externalIdField: 'Overlap_Key__c', records: writes },
      { objectName: 'Channel_Partner__c', kind: 'update', records: partnerUpdates },
    ]);
    summary.written = result.written;
    context.mirror.upsertLocal(
      'Account_Overlap__c',
      writes.flatMap((row) => {
        const id = result.ids.get(String(row.Overlap_Key__c));
        return id ? [{ ...row, Id: id }] : [];
      }),
    );
    return summary;
  },
};
