/**
 * `partner-sync submit`: creates a referral in the target org the way an intake form would
 * (status Submitted, not yet checked), then optionally waits for the sidecar to flag it.
 */
import crypto from 'node:crypto';
import type { OrgClient } from '../../org/org-client.ts';
import { queryMany } from '../../sync/composite-query.ts';
import { soqlLiteral, type OrgRecord } from '../../sync/record-values.ts';
import { writeRecords } from '../../sync/write-back.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';
import { COMMON_USAGE, configFromFlags, loggerFor, openFromConfig, parseFlags, reportError } from './shared.ts';

const USAGE = `Usage: partner-sync submit --company <name> [options]

Submits a partner referral (Partner_Referral__c, status Submitted) to the target org, as the
intake form would, and waits until the sidecar has checked it (run \`partner-sync watch\` or the
demo in another terminal).

Referral:
  --company <name>       end customer company (required)
  --website <url>        company website
  --email <address>      contact email (default: contact@<website domain>)
  --first-name <name>    contact first name (default Pat)
  --last-name <name>     contact last name (default Lee)
  --phone <number>       contact phone
  --city <city>          --country <country>
  --need <text>          one sentence of need (Use_Case__c)
  --how-met <text>       introduction path (How_Met__c)
  --partner <key|name>   the submitting partner: Partner_Key__c or name (default: the first active partner)
  --no-consent           submit without the contact's consent confirmed
  --wait <seconds>       wait up to this long for the check (default 15; 0 = do not wait)
${COMMON_USAGE}
`;

async function findPartner(client: OrgClient, partner: string | undefined): Promise<OrgRecord> {
  const condition = partner
    ? `WHERE Partner_Key__c = ${soqlLiteral(partner)} OR Name = ${soqlLiteral(partner)}`
    : "WHERE Status__c = 'Active'";
  const [rows] = await queryMany(client, [
    {
      objectName: 'Channel_Partner__c',
      soql: `SELECT Id, Name, Partner_Key__c, Tier__c, Partner_Manager__c FROM Channel_Partner__c ${condition} ORDER BY Name LIMIT 1`,
    },
  ]);
  const found = rows?.[0];
  if (!found)
    throw new UsageError(
      partner
        ? `--partner ${partner}: no Channel_Partner__c with that Partner_Key__c or Name`
        : 'the org has no active channel partner to submit for; pass --partner',
    );
  return found;
}

function domainOf(website: string | undefined): string | undefined {
  if (!website) return undefined;
  try {
    return new URL(website.includes('://') ? website : `https://${website}`).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

export const submitCommand: CliCommand = {
  name: 'submit',
  summary: 'submit a partner referral to the target org (to watch it get flagged)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      company: { type: 'string' },
      website: { type: 'string' },
      email: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      phone: { type: 'string' },
      city: { type: 'string' },
      country: { type: 'string' },
      need: { type: 'string' },
      'how-met': { type: 'string' },
      partner: { type: 'string' },
      'no-consent': { type: 'boolean' },
      wait: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (!values.company) throw new UsageError('--company is required');
    const waitSeconds = values.wait === undefined ? 15 : Number(values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError(`--wait must be a number of seconds, got ${values.wait}`);
    let logger;
    try {
      const config = configFromFlags(values, io);
      logger = loggerFor(config, io, values);
      const client = await openFromConfig(config, logger);
      const partner = await findPartner(client, values.partner);
      const domain = domainOf(values.website);
      const now = new Date().toISOString();
      const referralKey = `CLI-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
      const consent = values['no-consent'] !== true;
      const referral: OrgRecord = {
        Referral_Key__c: referralKey,
        Channel_Partner__c: partner.Id,
        Company_Name__c: values.company,
        Company_Website__c: values.website ?? null,
        Company_Domain__c: domain ?? null,
        Contact_First_Name__c: values['first-name'] ?? 'Pat',
        Contact_Last_Name__c: values['last-name'] ?? 'Lee',
        Contact_Email__c: values.email ?? `contact@${domain ?? 'example.com'}`,
        Contact_Phone__c: values.phone ?? null,
        City__c: values.city ?? null,
        Country__c: values.country ?? null,
        Use_Case__c: values.need ?? null,
        How_Met__c: values['how-met'] ?? null,
        Partner_Source__c: 'Partner Outbound',
        Consent_Confirmed__c: consent,
        Consent_Confirmed_At__c: consent ? now : null,
        Intake_Channel__c: 'API',
        Status__c: 'Submitted',
        Duplicate_Status__c: 'Not Checked',
        Submitted_At__c: now,
        Partner_Tier_At_Submission__c: (partner.Tier__c as string | null) ?? null,
      };
      // An upsert on a fresh key: a retried submission cannot create two referrals.
      const result = await writeRecords(
        client,
        [{ objectName: 'Partner_Referral__c', kind: 'upsert', externalIdField: 'Referral_Key__c', records: [referral] }],
        { bulkIngestThreshold: 10_000, retry: config.retry },
      );
      const failure = result.failures[0];
      if (failure) {
        io.stderr.write(
          `partner-sync submit: the org rejected the referral: ${failure.code}${failure.field ? ` on ${failure.field}` : ''}: ${failure.message}\n`,
        );
        return 1;
      }
      const id = result.ids.get(referralKey)!;
      const submittedAt = Date.now();
      io.stdout.write(`Submitted referral ${referralKey} (${id}) for ${values.company} as partner ${String(partner.Name)}.\n`);
      if (waitSeconds === 0) return 0;
      io.stdout.write(`Waiting up to ${waitSeconds} s for the sidecar to check it…\n`);
      while (Date.now() - submittedAt < waitSeconds * 1000) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const [rows] = await queryMany(client, [
          {
            objectName: 'Partner_Referral__c',
            soql: `SELECT Id, Name, Status__c, Duplicate_Status__c, Classification__c, Recommendation__c, Match_Confidence__c, Partner_Visible_Reason__c, Recommendation_Reasons__c, Checked_At__c FROM Partner_Referral__c WHERE Id = ${soqlLiteral(id)}`,
          },
        ]);
        const row = rows?.[0];
        if (row?.Checked_At__c) {
          const seconds = ((Date.now() - submittedAt) / 1000).toFixed(1);
          io.stdout.write(
            `Checked in ${seconds} s: ${String(row.Name)} is ${String(row.Classification__c)} (duplicate status ${String(row.Duplicate_Status__c)}), ` +
              `recommendation ${String(row.Recommendation__c)}, status ${String(row.Status__c)}.\n`,
          );
          if (row.Recommendation_Reasons__c)
            io.stdout.write(`  why: ${String(row.Recommendation_Reasons__c).split('\n').join('\n       ')}\n`);
          return 0;
        }
      }
      io.stdout.write(
        'Not checked yet: is `partner-sync watch` (or the demo) running against this org? The next polling cycle will check it.\n',
      );
      return 0;
    } catch (error) {
      return reportError(error, io, logger);
    }
  },
};
