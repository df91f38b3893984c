import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/labelUtils';
import ROLE_SOURCED from '@salesforce/label/c.Attribution_Role_Sourced';
import ROLE_INFLUENCED from '@salesforce/label/c.Attribution_Role_Influenced';
import ROLE_RESOLD from '@salesforce/label/c.Attribution_Role_Resold';
import ROLE_REFERRED from '@salesforce/label/c.Context_Role_Referred';
import ROLE_OVERLAP from '@salesforce/label/c.Context_Role_Overlap';
import OVERLAP from '@salesforce/label/c.Context_Overlap';
import OVERLAP_LINE from '@salesforce/label/c.Context_Overlap_Line';
import OVERLAP_METHOD from '@salesforce/label/c.Context_Overlap_Method';
import REFERRALS from '@salesforce/label/c.Context_Referrals';
import PROTECTION_DAYS_LEFT from '@salesforce/label/c.Context_Protection_Days_Left';
import PROTECTION_ENDED from '@salesforce/label/c.Context_Protection_Ended';
import PROTECTION_UNTIL from '@salesforce/label/c.Context_Protection_Until';
import SLA_DUE from '@salesforce/label/c.Context_Sla_Due';
import SLA_OVERDUE from '@salesforce/label/c.Review_Sla_Overdue';
import PARTNER_CONTACT from '@salesforce/label/c.Context_Partner_Contact';
import PARTNER_MANAGER from '@salesforce/label/c.Context_Partner_Manager';
import STRATEGIC from '@salesforce/label/c.Context_Strategic';
import EMAIL_MANAGER from '@salesforce/label/c.Context_Email_Manager';

type PartnerSummary = Apex.PartnerContextController.PartnerSummary;

const ROLE_LABELS: Readonly<Record<string, string>> = {
  Sourced: ROLE_SOURCED,
  Influenced: ROLE_INFLUENCED,
  Resold: ROLE_RESOLD,
  Referred: ROLE_REFERRED,
  Overlap: ROLE_OVERLAP,
};

/** One partner at a glance for a rep: role, overlap, protection, referral SLA, who to ask. Presentational. */
export default class PartnerContextSummary extends LightningElement {
  @api partner: PartnerSummary | null | undefined;

  labels = {
    overlap: OVERLAP,
    referrals: REFERRALS,
    protectionUntil: PROTECTION_UNTIL,
    slaDue: SLA_DUE,
    overdue: SLA_OVERDUE,
    contact: PARTNER_CONTACT,
    manager: PARTNER_MANAGER,
    strategic: STRATEGIC,
  };

  get roles(): Array<{ key: string; label: string }> {
    return (this.partner?.roles ?? []).map((role) => ({ key: role, label: ROLE_LABELS[role] ?? role }));
  }

  get heading(): string {
    return [this.partner?.partnerName, this.partner?.tier].filter(Boolean).join(' · ');
  }

  get overlaps(): Array<{ key: string; text: string; method: string | null }> {
    return (this.partner?.overlaps ?? []).map((overlap, index) => ({
      key: overlap.overlapId ?? `overlap-${index}`,
      text: formatLabel(OVERLAP_LINE, overlap.ourPopulation, overlap.partnerPopulation),
      method: overlap.matchMethod ? formatLabel(OVERLAP_METHOD, overlap.matchMethod) : null,
    }));
  }

  get hasOverlaps(): boolean {
    return this.overlaps.length > 0;
  }

  get referrals(): Array<{
    key: string;
    caseNumber: string | null | undefined;
    status: string | null | undefined;
    slaDue: string | null | undefined;
    slaBreached: boolean;
    protectionEnd: string | null | undefined;
    protectionText: string | null;
    protectionClass: string;
  }> {
    return (this.partner?.referrals ?? []).map((referral, index) => {
      const daysLeft = referral.protectionDaysLeft;
      const hasWindow = typeof daysLeft === 'number';
      return {
        key: referral.referralId ?? `referral-${index}`,
        caseNumber: referral.caseNumber,
        status: referral.status,
        slaDue: referral.slaDue,
        slaBreached: referral.slaBreached === true,
        protectionEnd: referral.protectionEnd,
        protectionText: !hasWindow ? null : formatLabel(daysLeft >= 0 ? PROTECTION_DAYS_LEFT : PROTECTION_ENDED, Math.abs(daysLeft)),
        protectionClass: hasWindow && daysLeft >= 0 ? 'slds-text-color_success protection' : 'slds-text-color_weak protection',
      };
    });
  }

  get hasReferrals(): boolean {
    return this.referrals.length > 0;
  }

  get managerMailto(): string | null {
    return this.partner?.managerEmail ? `mailto:${this.partner.managerEmail}` : null;
  }

  get managerMailLabel(): string {
    return formatLabel(EMAIL_MANAGER, this.partner?.managerName);
  }
}
