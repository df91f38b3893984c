/** Small builders for attribution tests: plain engine inputs, no org. */
import { DEFAULT_PROGRAM_SETTINGS, type ProgramSettings } from '../../src/settings/program-settings.ts';
import type {
  AttributionInput,
  AttributionOpportunity,
  AttributionPartner,
  AttributionRegistration,
  AttributionTouch,
  TouchType,
} from '../../src/attribution/index.ts';

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 10, 24, 12);

export function day(iso: string): number {
  return Date.parse(`${iso}T00:00:00.000Z`);
}

export function partner(id: string, overrides: Partial<AttributionPartner> = {}): AttributionPartner {
  return { id, name: `Partner ${id}`, tier: 'Gold', commissionRatePercent: null, protectionDaysOverride: null, ...overrides };
}

let touchCounter = 0;
export function touch(partnerId: string, at: number, type: TouchType = 'Co-Sell Meeting', key?: string): AttributionTouch {
  const id = key ?? `T${String(++touchCounter).padStart(5, '0')}`;
  return { key: `Partner_Touch__c:${id}`, partnerId, at, type, origin: 'Partner_Touch__c', recordId: id, evidence: `${type} ${id}` };
}

export function registration(
  referralId: string,
  partnerId: string,
  registeredAt: number,
  overrides: Partial<AttributionRegistration> = {},
): AttributionRegistration {
  return {
    referralId,
    partnerId,
    registeredAt,
    approvedAt: registeredAt + DAY,
    protectionStart: registeredAt,
    protectionEnd: registeredAt + 90 * DAY,
    protectionDerived: false,
    firstMeetingAt: null,
    evidence: `Registration ${referralId}`,
    ...overrides,
  };
}

/** A won opportunity created on `created`, closing on `closeDate` (YYYY-MM-DD). */
export function opportunity(id: string, overrides: Partial<AttributionOpportunity> = {}): AttributionOpportunity {
  const createdAt = overrides.createdAt ?? day('2026-01-10');
  const closeDate = overrides.closeDate ?? '2026-06-30';
  return {
    id,
    name: `Deal ${id}`,
    amount: 100_000,
    createdAt,
    inPlayAt: createdAt,
    closeAt: day(closeDate) + DAY,
    closeDate,
    isClosed: true,
    isWon: true,
    resellerPartnerId: null,
    registrations: [],
    touches: [],
    ...overrides,
  };
}

export function input(
  opportunities: AttributionOpportunity[],
  partners: AttributionPartner[],
  settings: Partial<ProgramSettings> = {},
): AttributionInput {
  return { opportunities, partners, settings: { ...DEFAULT_PROGRAM_SETTINGS, ...settings }, now: NOW };
}
