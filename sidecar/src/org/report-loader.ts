/**
 * The org loader behind `partner-sync report`: the records the partner report is computed
 * from (partners, referrals, opportunities, Partner_Attribution__c), read with a few
 * Composite query calls (Bulk API 2.0 for large objects, via the mirror).
 */
import type { Channel_Partner__c, Opportunity, Partner_Attribution__c, Partner_Referral__c } from '@partner-lead-sync/model';
import type { SidecarConfig } from '../config/config.ts';
import { OrgMirror } from '../sync/org-mirror.ts';
import type { OrgClient } from './org-client.ts';
import { realSleep } from './retry-policy.ts';

export interface ReportRecords {
  partners: Channel_Partner__c[];
  referrals: Partner_Referral__c[];
  opportunities: Opportunity[];
  attributions: Partner_Attribution__c[];
}

export async function loadReportRecords(client: OrgClient, config: SidecarConfig): Promise<ReportRecords> {
  const mirror = new OrgMirror({
    Channel_Partner__c: ['Id', 'Name', 'Partner_Key__c', 'Tier__c', 'Status__c'],
    Partner_Referral__c: ['Id', 'Channel_Partner__c', 'Status__c', 'Submitted_At__c', 'CreatedDate', 'Converted_Opportunity__c'],
    Opportunity: ['Id', 'Name', 'StageName', 'IsClosed', 'IsWon', 'CloseDate', 'Amount', 'CreatedDate'],
    Partner_Attribution__c: [
      'Id',
      'Attribution_Key__c',
      'Opportunity__c',
      'Channel_Partner__c',
      'Role__c',
      'Model__c',
      'Share__c',
      'Credited_Amount__c',
      'Proposed_Commission__c',
      'Commission_Rate__c',
      'Status__c',
    ],
  });
  await mirror.refresh(client, ['Channel_Partner__c', 'Partner_Referral__c', 'Opportunity', 'Partner_Attribution__c'], {
    bulkQueryThreshold: config.bulkQueryThreshold,
    bulkQueryPageSize: config.bulkQueryPageSize,
    sleep: realSleep,
  });
  return {
    partners: mirror.records<Channel_Partner__c>('Channel_Partner__c'),
    referrals: mirror.records<Partner_Referral__c>('Partner_Referral__c'),
    opportunities: mirror.records<Opportunity>('Opportunity'),
    attributions: mirror.records<Partner_Attribution__c>('Partner_Attribution__c'),
  };
}
