/**
 * OAuth endpoints: the token endpoint (JWT bearer and refresh-token grants), revoke, the
 * identity URL and userinfo.
 */
import { createHmac } from 'node:crypto';
import { checkJwtAssertion } from '../auth/jwt-bearer.ts';
import type { OrgContext } from '../org-context.ts';
import { json } from '../http/router.ts';
import type { ApiResponse, Router } from '../http/router.ts';
import type { StoredRecord } from '../storage/record-store.ts';

const oauthError = (status: number, error: string, description: string): ApiResponse => ({
  status,
  body: { error, error_description: description },
});

export function findActiveUser(org: OrgContext, username: string): StoredRecord | undefined {
  const user = org.schema.object('User')!;
  const id = org.data.findByKey(user, user.fields.Username!, username)[0];
  const record = id ? org.store.get(id) : undefined;
  return record && !record.deleted && record.values.IsActive !== false ? record : undefined;
}

export function tokenResponse(org: OrgContext, accessToken: string, userId: string, issuedAt: number, extra: Record<string, string> = {}) {
  const idUrl = `${org.urls.loginUrl}/id/${org.orgId}/${userId}`;
  return {
    access_token: accessToken,
    ...extra,
    signature: createHmac('sha256', org.orgId).update(`${idUrl}${issuedAt}`).digest('base64'),
    scope: 'api refresh_token',
    instance_url: org.urls.instanceUrl,
    id: idUrl,
    token_type: 'Bearer',
    issued_at: String(issuedAt),
  };
}

export function registerAuthRoutes(router: Router, org: OrgContext): void {
  router.add(
    'POST',
    /^\/services\/oauth2\/token$/,
    (request) => {
      const form = new URLSearchParams(request.body);
      const grantType = form.get('grant_type');
      if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        if (!org.jwt)
          return oauthError(400, 'invalid_grant', 'JWT bearer flow is not configured for this org (start the emulator with jwt options)');
        const check = checkJwtAssertion(form.get('assertion') ?? '', org.jwt, org.jwt.publicKey, [
          org.urls.loginUrl,
          org.urls.instanceUrl,
          'https://login.salesforce.com',
          'https://test.salesforce.com',
        ]);
        if (!check.ok) return { status: 400, body: check.error };
        const user = findActiveUser(org, check.username);
        if (!user) return oauthError(400, 'invalid_grant', "user hasn't approved this consumer");
        const session = org.sessions.issue('access', user.id, check.username);
        return json(200, tokenResponse(org, session.token, user.id, session.issuedAt));
      }
      if (grantType === 'refresh_token') {
        const refresh = org.sessions.lookup('refresh', form.get('refresh_token') ?? '');
        if (!refresh) return oauthError(400, 'invalid_grant', 'expired access/refresh token');
        const session = org.sessions.issue('access', refresh.userId, refresh.username);
        return json(200, tokenResponse(org, session.token, refresh.userId, session.issuedAt));
      }
      return oauthError(400, 'unsupported_grant_type', 'grant type not supported');
    },
    { authenticated: false },
  );

  router.add(
    'POST',
    /^\/services\/oauth2\/revoke$/,
    (request) => {
      const token = new URLSearchParams(request.body).get('token') ?? request.url.searchParams.get('token') ?? '';
      org.sessions.revoke(token);
      return { status: 200, body: '' };
    },
    { authenticated: false },
  );

  const identity = (userId: string) => {
    const user = org.store.get(userId);
    const values = user?.values ?? {};
    const version = '{version}';
    const data = `${org.urls.instanceUrl}/services/data/v${version}/`;
    return {
      id: `${org.urls.loginUrl}/id/${org.orgId}/${userId}`,
      asserted_user: true,
      user_id: userId,
      organization_id: org.orgId,
      username: values.Username ?? null,
      nick_name: values.Alias ?? null,
      display_name: values.Name ?? null,
      email: values.Email ?? null,
      first_name: values.FirstName ?? null,
      last_name: values.LastName ?? null,
      timezone: values.TimeZoneSidKey ?? 'GMT',
      active: values.IsActive !== false,
      user_type: values.UserType ?? 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: {
        enterprise: `${org.urls.instanceUrl}/services/Soap/c/{version}/${org.orgId.slice(0, 15)}`,
        partner: `${org.urls.instanceUrl}/services/Soap/u/{version}/${org.orgId.slice(0, 15)}`,
        rest: data,
        sobjects: `${data}sobjects/`,
        search: `${data}search/`,
        query: `${data}query/`,
        limits: `${data}limits/`,
        profile: `${org.urls.instanceUrl}/${userId}`,
      },
      is_app_installed: true,
    };
  };

  router.add('GET', /^\/id\/([^/]+)\/([^/]+)$/, (request) => {
    if (request.params[0] !== org.orgId || request.params[1] !== request.session?.userId) {
      return { status: 403, body: 'Bad_Id', contentType: 'text/plain' };
    }
    return json(200, identity(request.params[1]!));
  });

  router.add('GET', /^\/services\/oauth2\/userinfo$/, (request) => {
    const info = identity(request.session!.userId);
    return json(200, {
      sub: info.id,
      user_id: info.user_id,
      organization_id: info.organization_id,
      preferred_username: info.username,
      name: info.display_name,
      email: info.email,
    });
  });
}
