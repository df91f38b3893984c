/** Version discovery, /limits and the emailSimple standard action. */
import { json } from '../http/router.ts';
import type { Router } from '../http/router.ts';
import type { OrgContext } from '../org-context.ts';

const VERSION = String.raw`\/services\/data\/v(?:\d+\.\d+)`;
const SUPPORTED_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0', '66.0', '67.0', '68.0'];
const RELEASE_LABELS: Record<string, string> = {
  '58.0': "Summer '23",
  '59.0': "Winter '24",
  '60.0': "Spring '24",
  '61.0': "Summer '24",
  '62.0': "Winter '25",
  '63.0': "Spring '25",
  '64.0': "Summer '25",
  '65.0': "Winter '26",
  '66.0': "Spring '26",
  '67.0': "Summer '26",
  '68.0': "Winter '27",
};

interface EmailSimpleInput {
  emailAddresses?: string;
  emailAddressesArray?: string[];
  emailSubject?: string;
  emailBody?: string;
  senderType?: string;
  senderAddress?: string;
}

export function registerOrgRoutes(router: Router, org: OrgContext): void {
  router.add('GET', /^\/services\/data$/, () =>
    json(
      200,
      SUPPORTED_VERSIONS.map((version) => ({ label: RELEASE_LABELS[version], url: `/services/data/v${version}`, version })),
    ),
  );

  router.add('GET', new RegExp(`^${VERSION}$`), (request) => {
    const base = `/services/data/v${request.apiVersion}`;
    return json(200, {
      limits: `${base}/limits`,
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      composite: `${base}/composite`,
      actions: `${base}/actions`,
      jobs: `${base}/jobs`,
    });
  });

  router.add('GET', new RegExp(`^${VERSION}\\/limits$`), () => {
    const used = org.apiUsage.usedToday();
    const limit = (max: number, remaining = max) => ({ Max: max, Remaining: remaining });
    return json(200, {
      DailyApiRequests: limit(org.apiUsage.allowance, Math.max(0, org.apiUsage.allowance - used)),
      DailyBulkV2QueryJobs: limit(10000),
      DailyBulkV2QueryFileStorageMB: limit(976562),
      DailyDurableStreamingApiEvents: limit(10000),
      DataStorageMB: limit(1024),
      FileStorageMB: limit(1024),
      HourlyPublishedStandardVolumePlatformEvents: limit(100000),
      MonthlyPlatformEventsUsageEntitlement: limit(0),
      SingleEmail: limit(5000, Math.max(0, 5000 - org.outbox.all().length)),
      DailyStreamingApiEvents: limit(10000),
    });
  });

  router.add('GET', new RegExp(`^${VERSION}\\/actions\\/standard$`), (request) =>
    json(200, {
      actions: [
        {
          label: 'Send Email',
          name: 'emailSimple',
          type: 'EMAILSIMPLE',
          url: `/services/data/v${request.apiVersion}/actions/standard/emailSimple`,
        },
      ],
    }),
  );

  router.add('POST', new RegExp(`^${VERSION}\\/actions\\/standard\\/emailSimple$`), (request) => {
    const body = request.json<{ inputs?: EmailSimpleInput[] }>();
    const inputs = body.inputs ?? [];
    const results = inputs.map((input) => {
      const to =
        input.emailAddressesArray ??
        (input.emailAddresses ?? '')
          .split(/[,;]/)
          .map((a) => a.trim())
          .filter(Boolean);
      const missing =
        to.length === 0 ? 'emailAddresses' : !input.emailSubject ? 'emailSubject' : input.emailBody === undefined ? 'emailBody' : undefined;
      if (missing) {
        return {
          actionName: 'emailSimple',
          errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: `Missing required input parameter: ${missing}`, fields: [] }],
          isSuccess: false,
          outputValues: null,
        };
      }
      org.outbox.add({
        to,
        subject: input.emailSubject ?? '',
        body: input.emailBody ?? '',
        senderType: input.senderType ?? null,
        senderAddress: input.senderAddress ?? null,
        sentAt: new Date().toISOString(),
        sentBy: request.session?.username ?? '',
      });
      return { actionName: 'emailSimple', errors: null, isSuccess: true, outputValues: null };
    });
    return json(results.every((r) => r.isSuccess) ? 200 : 400, results);
  });
}
