/**
 * Small, valid pieces the mutation tests add to a copy of the tree, so each mutation breaks
 * something known — independent of the components and classes other work is changing.
 */
import type { ProjectCopy } from './project.ts';

export const PROBE_CLASS = 'ContractProbeController';
export const PROBE_METHOD = 'describeReferral';
export const PROBE_BUNDLE = 'contractProbe';
export const PROBE_CLASS_FILE = `force-app/main/default/classes/${PROBE_CLASS}.cls`;
export const PROBE_TEST_FILE = `force-app/main/default/classes/${PROBE_CLASS}Test.cls`;
export const PROBE_LWC_FILE = `force-app/main/default/lwc/${PROBE_BUNDLE}/${PROBE_BUNDLE}.ts`;
export const PROBE_SIDECAR_FILE = 'sidecar/src/contract-probe.ts';
export const PROBE_PERMISSION_SET_FILE = 'force-app/main/default/permissionsets/Partner_Manager.permissionset-meta.xml';
/** A field the probes read: referral company domain. */
export const PROBE_OBJECT = 'Partner_Referral__c';
export const PROBE_FIELD = 'Company_Domain__c';

const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>63.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

export const PROBE_CLASS_SOURCE = `public with sharing class ${PROBE_CLASS} {
    @AuraEnabled(cacheable=true)
    public static String ${PROBE_METHOD}(Id referralId, String detailLevel) {
        ${PROBE_OBJECT} referral = [
            SELECT ${PROBE_FIELD}
            FROM ${PROBE_OBJECT}
            WHERE Id = :referralId
            WITH USER_MODE
        ];
        return referral.${PROBE_FIELD} + detailLevel;
    }
}
`;

const PROBE_TEST_SOURCE = `@IsTest
private class ${PROBE_CLASS}Test {
    @IsTest
    static void describesNothingForUnknownReferral() {
        Assert.isNotNull(${PROBE_CLASS}.class);
    }
}
`;

const PROBE_LWC_SOURCE = `import { LightningElement, api, wire } from 'lwc';
import ${PROBE_METHOD} from '@salesforce/apex/${PROBE_CLASS}.${PROBE_METHOD}';
import DOMAIN_FIELD from '@salesforce/schema/${PROBE_OBJECT}.${PROBE_FIELD}';
import CHANNEL_PARTNER_NAME from '@salesforce/schema/${PROBE_OBJECT}.Channel_Partner__r.Name';

export default class ContractProbe extends LightningElement {
  @api recordId?: string;
  @wire(${PROBE_METHOD}, { referralId: '$recordId' }) described?: unknown;
  fields = [DOMAIN_FIELD, CHANNEL_PARTNER_NAME];

  async describeInDetail(): Promise<string> {
    return ${PROBE_METHOD}({ referralId: this.recordId, detailLevel: 'full' });
  }
}
`;

const PROBE_SIDECAR_SOURCE = `// Contract probe: a sidecar read and write of ${PROBE_OBJECT}.${PROBE_FIELD}.
export const PROBE_QUERY = \`SELECT Id, ${PROBE_FIELD}, Channel_Partner__r.Name FROM ${PROBE_OBJECT} WHERE ${PROBE_FIELD} = '\${'example.com'}' LIMIT \${10}\`;
export const probePayload = (domain: string) => ({ Referral_Key__c: 'probe', ${PROBE_FIELD}: domain });
`;

const CLASS_ACCESS = `    <classAccesses>
        <apexClass>${PROBE_CLASS}</apexClass>
        <enabled>true</enabled>
    </classAccesses>
`;

/** Adds the probe Apex class + test, LWC module, sidecar module and class access to a copy. */
export function addProbes(copy: ProjectCopy): void {
  copy.write(PROBE_CLASS_FILE, PROBE_CLASS_SOURCE);
  copy.write(`${PROBE_CLASS_FILE}-meta.xml`, CLASS_META);
  copy.write(PROBE_TEST_FILE, PROBE_TEST_SOURCE);
  copy.write(`${PROBE_TEST_FILE}-meta.xml`, CLASS_META);
  copy.write(PROBE_LWC_FILE, PROBE_LWC_SOURCE);
  copy.write(PROBE_SIDECAR_FILE, PROBE_SIDECAR_SOURCE);
  copy.edit(PROBE_PERMISSION_SET_FILE, /(\n\s*<description>)/, `\n${CLASS_ACCESS.trimEnd()}$1`);
}
