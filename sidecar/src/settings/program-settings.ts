/**
 * Programme rules as the engines use them. The org holds them as custom metadata
 * (Partner_Program_Setting__mdt "Default" and one Partner_Tier_Setting__mdt per tier);
 * the defaults below mirror the records shipped in force-app so pure engines and tests
 * can run without an org.
 */
export type PartnerTier = 'Platinum' | 'Gold' | 'Silver' | 'Registered';

export interface TierSetting {
  protectionDays: number;
  /** Commission rate as a fraction (0.15 = 15 %). */
  commissionRate: number;
}

export interface ProgramSettings {
  protectionDays: number;
  firstMeetingDays: number;
  decisionSlaBusinessDays: number;
  acceptSlaHours: number;
  followUpSlaHours: number;
  reminderBeforeHours: number;
  conflictWindowDays: number;
  directEngagementLookbackDays: number;
  staleDataDays: number;
  attributionHalfLifeDays: number;
  positionFirstWeight: number;
  positionLastWeight: number;
  /** Confidence at or above which a match is reported as a match. */
  matchThreshold: number;
  /** Confidence at or above which a possible duplicate is shown for review. */
  reviewThreshold: number;
  nameSimilarityThreshold: number;
  /** Fraction (0.10 = 10 %). */
  defaultCommissionRate: number;
  tiers: Record<PartnerTier, TierSetting>;
}

export const DEFAULT_PROGRAM_SETTINGS: ProgramSettings = Object.freeze({
  protectionDays: 90,
  firstMeetingDays: 14,
  decisionSlaBusinessDays: 2,
  acceptSlaHours: 24,
  followUpSlaHours: 48,
  reminderBeforeHours: 12,
  conflictWindowDays: 90,
  directEngagementLookbackDays: 60,
  staleDataDays: 180,
  attributionHalfLifeDays: 30,
  positionFirstWeight: 0.4,
  positionLastWeight: 0.4,
  matchThreshold: 0.9,
  reviewThreshold: 0.75,
  nameSimilarityThreshold: 0.88,
  defaultCommissionRate: 0.1,
  tiers: Object.freeze({
    Platinum: { protectionDays: 180, commissionRate: 0.2 },
    Gold: { protectionDays: 120, commissionRate: 0.15 },
    Silver: { protectionDays: 90, commissionRate: 0.1 },
    Registered: { protectionDays: 60, commissionRate: 0.05 },
  }),
}) as ProgramSettings;

/** Maps Partner_Program_Setting__mdt fields to settings keys; percents become fractions. */
const PROGRAM_FIELDS: Record<string, { key: Exclude<keyof ProgramSettings, 'tiers'>; percent?: boolean }> = {
  Protection_Days__c: { key: 'protectionDays' },
  First_Meeting_Days__c: { key: 'firstMeetingDays' },
  Decision_SLA_Business_Days__c: { key: 'decisionSlaBusinessDays' },
  Accept_SLA_Hours__c: { key: 'acceptSlaHours' },
  Follow_Up_SLA_Hours__c: { key: 'followUpSlaHours' },
  Reminder_Before_Hours__c: { key: 'reminderBeforeHours' },
  Conflict_Window_Days__c: { key: 'conflictWindowDays' },
  Direct_Engagement_Lookback_Days__c: { key: 'directEngagementLookbackDays' },
  Stale_Data_Days__c: { key: 'staleDataDays' },
  Attribution_Half_Life_Days__c: { key: 'attributionHalfLifeDays' },
  Position_First_Weight__c: { key: 'positionFirstWeight' },
  Position_Last_Weight__c: { key: 'positionLastWeight' },
  Match_Threshold__c: { key: 'matchThreshold' },
  Review_Threshold__c: { key: 'reviewThreshold' },
  Name_Similarity_Threshold__c: { key: 'nameSimilarityThreshold' },
  Default_Commission_Rate__c: { key: 'defaultCommissionRate', percent: true },
};

export class SettingsError extends Error {
  constructor(record: string, field: string, message: string) {
    super(`${record}.${field}: ${message}`);
    this.name = 'SettingsError';
  }
}

type MetadataRow = Record<string, unknown> & { DeveloperName?: string | null };

function numberOf(record: string, field: string, value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0) throw new SettingsError(record, field, `expected a non-negative number, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Builds settings from the custom metadata rows as queried from the org. Missing fields keep
 * their defaults; bad values fail with the record and field named.
 */
export function programSettingsFromMetadata(programRows: MetadataRow[], tierRows: MetadataRow[]): ProgramSettings {
  const settings: ProgramSettings = { ...DEFAULT_PROGRAM_SETTINGS, tiers: { ...DEFAULT_PROGRAM_SETTINGS.tiers } };
  const program = programRows.find((r) => r.DeveloperName === 'Default') ?? programRows[0];
  if (program) {
    const name = `Partner_Program_Setting__mdt.${program.DeveloperName ?? '?'}`;
    for (const [field, { key, percent }] of Object.entries(PROGRAM_FIELDS)) {
      const value = program[field];
      if (value === undefined || value === null) continue;
      const n = numberOf(name, field, value);
      settings[key] = percent ? n / 100 : n;
    }
    if (settings.reviewThreshold > settings.matchThreshold) {
      throw new SettingsError(name, 'Review_Threshold__c', 'must not exceed Match_Threshold__c');
    }
  }
  for (const row of tierRows) {
    const name = `Partner_Tier_Setting__mdt.${row.DeveloperName ?? '?'}`;
    const tier = row.Tier__c as PartnerTier | undefined;
    if (!tier || !(tier in settings.tiers)) throw new SettingsError(name, 'Tier__c', `unknown tier ${JSON.stringify(row.Tier__c)}`);
    const current = settings.tiers[tier];
    settings.tiers[tier] = {
      protectionDays:
        row.Protection_Days__c == null ? current.protectionDays : numberOf(name, 'Protection_Days__c', row.Protection_Days__c),
      commissionRate:
        row.Commission_Rate__c == null ? current.commissionRate : numberOf(name, 'Commission_Rate__c', row.Commission_Rate__c) / 100,
    };
  }
  return settings;
}

/** The protection window for a partner: its own override, else its tier's, else the programme's. */
export function protectionDaysFor(
  settings: ProgramSettings,
  partner: { tier?: string | null; protectionDaysOverride?: number | null },
): number {
  if (partner.protectionDaysOverride != null) return partner.protectionDaysOverride;
  const tier = settings.tiers[partner.tier as PartnerTier];
  return tier?.protectionDays ?? settings.protectionDays;
}

/** The commission rate (fraction) for a partner: its override, else its tier's, else the programme default. */
export function commissionRateFor(
  settings: ProgramSettings,
  partner: { tier?: string | null; commissionRatePercent?: number | null },
): number {
  if (partner.commissionRatePercent != null) return partner.commissionRatePercent / 100;
  const tier = settings.tiers[partner.tier as PartnerTier];
  return tier?.commissionRate ?? settings.defaultCommissionRate;
}
